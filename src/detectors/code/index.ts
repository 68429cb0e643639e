import { z } from 'zod';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding, type ScanInput } from '../types.js';
import { FENCE_TAGS, guessLanguage, LANGUAGES, type Language } from './languages.js';
import { findBlocks, scanLines, type Block, type Line } from './lines.js';

export { guessLanguage, LANGUAGES, type Language } from './languages.js';

/**
 * Source code in prompts or answers, with its language as the finding type. Works on blocks of
 * contiguous code-like lines (or fenced blocks), so an inline mention of a function in prose, or
 * a paragraph about programming, is not code.
 */
export const codeParams = z
  .object({
    /** Only report these languages (default: all). `unknown` reports code of no clear language. */
    languages: z.array(z.enum([...LANGUAGES, 'unknown'])).optional(),
    /** Minimum code-like lines in a block. */
    min_lines: z.number().int().min(1).default(3),
    /** Minimum characters in a block. */
    min_chars: z.number().int().min(0).default(0),
    /** Minimum block score (0..1). */
    threshold: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type CodeParams = z.infer<typeof codeParams>;

// Language guessing reads at most this much of a block, each line cut to MAX_GUESS_LINE: enough
// evidence, and bounded work for the few fingerprints that backtrack within a line.
const MAX_GUESS_CHARS = 12_000;
const MAX_GUESS_LINE = 300;

function guessSample(text: string, start: number, end: number): string {
  const body = text.slice(start, Math.min(end, start + MAX_GUESS_CHARS));
  return body
    .split('\n')
    .map((l) => (l.length > MAX_GUESS_LINE ? l.slice(0, MAX_GUESS_LINE) : l))
    .join('\n');
}
const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/;

interface Region {
  readonly start: number;
  readonly end: number;
  readonly language: Language | 'unknown';
  readonly score: number;
  readonly reason: string;
}

/** A block that is one JSON document is data (an API payload, a config), not source code. */
function isJsonData(body: string): boolean {
  const t = body.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

function blockRegion(text: string, lines: readonly Line[], b: Block): Region | null {
  const start = (lines[b.first] as Line).start;
  const end = (lines[b.last] as Line).end;
  if (isJsonData(text.slice(start, end))) return null;
  const guess = guessLanguage(guessSample(text, start, end));
  const ratio = b.codeLines / Math.max(1, b.nonBlank);
  // Code-likeness of the lines, plus how clearly one language's constructs show up.
  const score = Math.min(1, 0.6 * ratio + 0.4 * Math.min(1, guess.evidence / 6));
  return {
    start,
    end,
    language: guess.evidence >= 1 ? guess.language : 'unknown',
    score,
    reason: `${b.codeLines} code-like lines of ${b.nonBlank}; language evidence ${guess.evidence.toFixed(1)}`,
  };
}

/** Fenced blocks first (their tag names the language), then code-like runs in the rest. */
function regions(text: string, p: CodeParams): Region[] {
  const lines = scanLines(text);
  const out: Region[] = [];
  const plain: Line[][] = [[]];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    const open = FENCE.exec(text.slice(l.start, Math.min(l.end, l.start + 64)));
    if (!open) {
      (plain[plain.length - 1] as Line[]).push(l);
      continue;
    }
    const marker = open[1] as string;
    let j = i + 1;
    while (j < lines.length && !text.slice((lines[j] as Line).start, (lines[j] as Line).end).trimStart().startsWith(marker)) j++;
    const inner = lines.slice(i + 1, j);
    const tag = (open[2] ?? '').toLowerCase();
    const nonBlank = inner.filter((x) => text.slice(x.start, x.end).trim() !== '').length;
    if (inner.length > 0 && nonBlank >= p.min_lines) {
      const first = inner[0] as Line;
      const last = inner[inner.length - 1] as Line;
      const tagged = FENCE_TAGS[tag];
      const guess = tagged ? { language: tagged, evidence: 6 } : guessLanguage(guessSample(text, first.start, last.end));
      const codeLines = inner.filter((x) => x.kind === 'code').length;
      // A fence around prose (a quoted email) is not code: the lines still have to look like it.
      const data = !tagged && isJsonData(text.slice(first.start, last.end));
      if (!data && (tagged || codeLines >= Math.max(1, nonBlank / 2))) {
        out.push({
          start: first.start,
          end: last.end,
          language: guess.evidence >= 1 ? guess.language : 'unknown',
          score: tagged ? 1 : Math.min(1, 0.5 + 0.5 * (codeLines / nonBlank)),
          reason: tagged ? `fenced block tagged ${tag}` : `fenced block, ${codeLines} code-like lines of ${nonBlank}`,
        });
      }
    }
    i = j;
    plain.push([]);
  }
  for (const seg of plain) {
    if (seg.length === 0) continue;
    for (const b of findBlocks(seg, text)) {
      if (b.codeLines < p.min_lines) continue;
      const r = blockRegion(text, seg, b);
      if (r) out.push(r);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function compileCode(p: CodeParams): CompiledDetector {
  const wanted = p.languages ? new Set<string>(p.languages) : undefined;
  const scanOne = (input: ScanInput, out: Finding[]): void => {
    const layer = input.view.basic;
    for (const r of regions(layer.text, p)) {
      if (r.score < p.threshold || r.end - r.start < p.min_chars) continue;
      if (wanted && !wanted.has(r.language)) continue;
      const [start, end] = layer.toOriginal(r.start, r.end);
      out.push({ detector: 'code', type: r.language, segment: input.index, start, end, score: Math.round(r.score * 1000) / 1000, reason: r.reason });
    }
  };
  return {
    scan(inputs) {
      const out: Finding[] = [];
      for (const input of inputs) scanOne(input, out);
      return out;
    },
  };
}

export const codeDetector = defineDetector<CodeParams>({
  id: 'code',
  family: 'code',
  stage: 'both',
  summary: 'Source code blocks, typed by language; a word of code inside prose is not a block.',
  entities: [...LANGUAGES, 'unknown'].map((l) => ({ type: l, description: l === 'unknown' ? 'Code whose language is unclear.' : `Source code in ${l}.` })),
  params: codeParams,
  create: compileCode,
});

registerDetectors(codeDetector);
