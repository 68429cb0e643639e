import { z } from 'zod';
import { actionSchema } from '../../config/schema.js';
import { fold } from '../../normalize/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding, type ScanInput } from '../types.js';
import { buildAutomaton } from './aho.js';

/**
 * Keyword lists (banned words, competitor names…) matched on the folded view, so case, accents,
 * width and look-alike letters do not matter. Whole words and phrases only, except next to CJK
 * characters, which have no word boundaries.
 */

const listSchema = z
  .object({
    name: z.string().min(1),
    words: z.array(z.string()).min(1),
    /** Accepted for readability of configs; the policy entry's action decides. */
    action: actionSchema.optional(),
  })
  .strict();

export const keywordsParams = z.object({ lists: z.array(listSchema).min(1) }).strict();
export type KeywordsParams = z.infer<typeof keywordsParams>;

const WORD = /[\p{L}\p{N}_]/u;
const NO_BOUNDARY_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SPACE = /\s/;

/**
 * Fold an entry exactly as the normalizer folds text (so leetspeak, widths and look-alikes agree
 * on both sides), and collapse whitespace, as text whitespace runs are collapsed while scanning.
 */
export function foldKeyword(word: string): string {
  return fold(word).replace(/\s+/gu, ' ').trim();
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

function needsBoundary(ch: string | undefined): boolean {
  return ch !== undefined && !NO_BOUNDARY_SCRIPT.test(ch) && WORD.test(ch);
}

interface Entry {
  readonly list: number;
  readonly text: string;
}

export function compileKeywords(params: KeywordsParams): CompiledDetector {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  params.lists.forEach((l, list) => {
    for (const w of l.words) {
      const text = foldKeyword(w);
      const key = `${list}\u0000${text}`;
      if (text === '' || seen.has(key)) continue;
      seen.add(key);
      entries.push({ list, text });
    }
  });
  const ac = buildAutomaton(entries.map((e) => e.text));
  const names = params.lists.map((l) => l.name);

  function scanOne(input: ScanInput, findings: Finding[]): void {
    const layer = input.view.folded;
    const text = layer.text;
    // Collapse whitespace runs to one space; pos[k] is the folded index of compressed unit k.
    const units = new Uint16Array(text.length);
    const pos = new Int32Array(text.length);
    let n = 0;
    let prevSpace = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      const sp = SPACE.test(ch);
      if (sp && prevSpace) continue;
      units[n] = sp ? 32 : text.charCodeAt(i);
      pos[n] = i;
      n++;
      prevSpace = sp;
    }
    // Per list: leftmost-longest, non-overlapping matches.
    const best = new Map<number, { s: number; e: number }[]>();
    ac.scan(units, n, (m) => {
      const e = entries[m.pattern] as Entry;
      const startK = m.end - e.text.length + 1;
      const s = pos[startK] as number;
      const last = pos[m.end] as number;
      const end = last + 1;
      if (needsBoundary(e.text[0]) && isWordChar(prevChar(text, s))) return;
      if (needsBoundary(e.text[e.text.length - 1]) && isWordChar(nextChar(text, end))) return;
      let arr = best.get(e.list);
      if (!arr) best.set(e.list, (arr = []));
      arr.push({ s, e: end });
    });
    for (const [list, spans] of best) {
      spans.sort((a, b) => a.s - b.s || b.e - a.e);
      let lastEnd = -1;
      for (const sp of spans) {
        if (sp.s < lastEnd) continue;
        lastEnd = sp.e;
        const [start, end] = layer.toOriginal(sp.s, sp.e);
        findings.push({
          detector: 'keywords',
          type: names[list] as string,
          segment: input.index,
          start,
          end,
          score: 1,
          reason: `matched an entry of keyword list "${names[list] as string}"`,
        });
      }
    }
  }

  return {
    scan(inputs) {
      const findings: Finding[] = [];
      for (const input of inputs) scanOne(input, findings);
      return findings;
    },
  };
}

function prevChar(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return text.slice(i - 2, i);
  return text[i - 1];
}

function nextChar(text: string, i: number): string | undefined {
  if (i >= text.length) return undefined;
  const c = text.codePointAt(i) as number;
  return String.fromCodePoint(c);
}

export const keywordsDetector = defineDetector<KeywordsParams>({
  id: 'keywords',
  family: 'keywords',
  stage: 'both',
  summary: 'Keyword lists (banned words, competitor names) matched on whole words, case-, accent- and width-insensitively.',
  entities: [{ type: '<list name>', description: 'An entry of the named keyword list; the finding type is the list name.' }],
  params: keywordsParams,
  create: compileKeywords,
});

registerDetectors(keywordsDetector);
