import { z } from 'zod';
import { compileKeywords } from '../keywords/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding } from '../types.js';
import { CATEGORIES, LANGS, LEXICON, type Category, type Lang } from './lexicon.js';

/**
 * Profanity / insult / threat lexicon in several languages. Matching reuses the keywords engine
 * (one automaton over the folded view, whole words except in Chinese), so it is case-, accent-
 * and leetspeak-insensitive and linear in the text. Only active where a policy configures it.
 */

export const toxicityParams = z
  .object({
    languages: z.array(z.enum(LANGS as [Lang, ...Lang[]])).min(1).default(LANGS),
    categories: z.array(z.enum(CATEGORIES as [Category, ...Category[]])).min(1).default([...CATEGORIES]),
    /** Extra words, counted as `profanity`. */
    words: z.array(z.string().min(1)).default([]),
    /** Words of the built-in lists to ignore (e.g. `idiot` in a support bot that may quote users). */
    allow: z.array(z.string()).default([]),
  })
  .strict();
export type ToxicityParams = z.infer<typeof toxicityParams>;

export function compileToxicity(params: ToxicityParams): CompiledDetector {
  const allow = new Set(params.allow.map((w) => w.toLowerCase()));
  const lists: { name: string; words: string[] }[] = [];
  for (const lang of params.languages) {
    for (const cat of params.categories) {
      const words = LEXICON[lang][cat].filter((w) => !allow.has(w.toLowerCase()));
      if (words.length > 0) lists.push({ name: `${cat}:${lang}`, words });
    }
  }
  if (params.words.length > 0) lists.push({ name: 'profanity:custom', words: params.words });
  if (lists.length === 0) return { scan: () => [] };
  const kw = compileKeywords({ lists });
  return {
    scan(inputs, ctx): Finding[] {
      return kw.scan(inputs, ctx).map((f) => {
        const [cat, lang] = f.type.split(':') as [string, string];
        return { ...f, detector: 'toxicity', type: cat, score: cat === 'threat' ? 1 : 0.9, reason: `toxic language (${cat}, ${lang})` };
      });
    },
  };
}

export const toxicityDetector = defineDetector<ToxicityParams>({
  id: 'toxicity',
  family: 'toxicity',
  stage: 'both',
  summary: 'Profanity, insults and threats in en, es, fr, de, it, pt and zh; whole words, case- and accent-insensitive.',
  entities: [
    { type: 'profanity', description: 'Swear words.' },
    { type: 'insult', description: 'Insults and slurs aimed at a person.' },
    { type: 'threat', description: 'Threats and incitement to self-harm.' },
  ],
  params: toxicityParams,
  create: compileToxicity,
});

registerDetectors(toxicityDetector);
