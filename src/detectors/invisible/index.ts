import { z } from 'zod';
import { invisibleKind, type InvisibleKind } from '../../normalize/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector, type Finding, type ScanInput } from '../types.js';

const paramsSchema = z
  .object({
    /** Report only these kinds (default: all). */
    types: z
      .array(z.enum(['ZERO_WIDTH', 'BIDI_CONTROL', 'TAG_CHARACTERS', 'SOFT_HYPHEN', 'VARIATION_SELECTOR', 'OTHER_INVISIBLE']))
      .min(1)
      .optional(),
    /** Runs shorter than this many characters are ignored (default 1: every run). */
    min_length: z.number().int().min(1).max(1000).default(1),
  })
  .strict();
export type InvisibleParams = z.infer<typeof paramsSchema>;

/** How suspicious each kind is on its own: tags and bidi overrides have almost no honest use. */
const SCORES: Record<InvisibleKind, number> = {
  TAG_CHARACTERS: 1,
  BIDI_CONTROL: 0.9,
  VARIATION_SELECTOR: 0.85,
  ZERO_WIDTH: 0.8,
  OTHER_INVISIBLE: 0.75,
  SOFT_HYPHEN: 0.6,
};

const DESCRIPTIONS: Record<InvisibleKind, string> = {
  ZERO_WIDTH: 'Zero-width spaces, joiners and word joiners (U+200B–U+200D, U+2060, U+FEFF) that split words invisibly.',
  BIDI_CONTROL: 'Bidirectional overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F) that reorder displayed text.',
  TAG_CHARACTERS: 'Unicode tag characters (U+E0000–U+E007F) that can carry hidden ASCII instructions.',
  SOFT_HYPHEN: 'Soft hyphens (U+00AD) inside words, invisible unless a line breaks there.',
  VARIATION_SELECTOR: 'Variation selectors outside their normal place after an emoji, usable to smuggle data.',
  OTHER_INVISIBLE: 'Other characters that render as nothing (invisible operators, fillers, Mongolian vowel separator, CGJ).',
};

/** Kinds present in a run, most frequent first. */
function kindsOf(text: string, start: number, end: number): InvisibleKind[] {
  const counts = new Map<InvisibleKind, number>();
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    const kind = invisibleKind(cp);
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    i += cp > 0xffff ? 2 : 1;
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || SCORES[b[0]] - SCORES[a[0]]).map(([k]) => k);
}

function lengthInChars(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return n;
}

export const invisibleTextDetector = defineDetector<InvisibleParams>({
  id: 'invisible_text',
  family: 'invisible_text',
  stage: 'both',
  summary: 'Finds invisible, zero-width, bidi-control and tag characters used to hide text from people and filters.',
  entities: (Object.keys(DESCRIPTIONS) as InvisibleKind[]).map((type) => ({ type, description: DESCRIPTIONS[type] })),
  params: paramsSchema,
  create(params) {
    const allowed = params.types ? new Set<string>(params.types) : null;
    return {
      scan(inputs: readonly ScanInput[]): Finding[] {
        const findings: Finding[] = [];
        for (const input of inputs) {
          const original = input.view.original;
          for (const [start, end] of input.view.invisible) {
            const kinds = kindsOf(original, start, end);
            const type = kinds[0];
            if (!type || (allowed && !kinds.some((k) => allowed.has(k)))) continue;
            const count = lengthInChars(original, start, end);
            if (count < params.min_length) continue;
            const score = Math.min(1, Math.max(...kinds.map((k) => SCORES[k])) + (count > 1 ? 0.05 : 0));
            findings.push({
              detector: 'invisible_text',
              type,
              segment: input.index,
              start,
              end,
              score,
              reason: `${count} hidden character${count === 1 ? '' : 's'} (${kinds.join(', ')})`,
            });
          }
        }
        return findings;
      },
    };
  },
});

registerDetectors(invisibleTextDetector);
