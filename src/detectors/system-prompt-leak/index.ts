import { z } from 'zod';
import { fold } from '../../normalize/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding, type ScanContext, type ScanInput } from '../types.js';

/**
 * System-prompt leak: word-shingle overlap between a system prompt and another text. On output
 * the prompt comes from the request (`ScanContext.request.systemPrompts`, set by the gateway) or
 * from the `prompt` param; on input, user texts are compared with the request's own system texts
 * (a user restating the hidden prompt, e.g. to probe it). Comparison runs on the folded view, so
 * case, accents and look-alike letters do not hide a copy.
 */

export const systemPromptLeakParams = z
  .object({
    /** Share of the system prompt's shingles found in one text that counts as a leak. */
    threshold: z.number().gt(0).max(1).default(0.5),
    /** Words per shingle. */
    shingle: z.number().int().min(2).max(12).default(5),
    /** This many shared shingles (≈ shingle + n − 1 consecutive words) is a leak even below the threshold. */
    min_shingles: z.number().int().min(1).default(6),
    /** A fixed system prompt to protect, in addition to the request's own. */
    prompt: z.string().min(1).optional(),
  })
  .strict();
export type SystemPromptLeakParams = z.infer<typeof systemPromptLeakParams>;

/** Words: Latin/other letter-digit runs; each Han/kana character is a word of its own. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu;

interface Word {
  readonly w: string;
  readonly s: number;
  readonly e: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ w: m[0], s: m.index, e: m.index + m[0].length });
  return out;
}

interface Shingles {
  readonly set: Set<string>;
  /** Words per shingle: `shingle`, or fewer for a prompt shorter than that. */
  readonly k: number;
}

function shingleSet(text: string, n: number): Shingles {
  const ws = words(fold(text));
  const set = new Set<string>();
  const k = Math.min(n, ws.length);
  if (k < 3) return { set, k };
  for (let i = 0; i + k <= ws.length; i++) set.add(ws.slice(i, i + k).map((x) => x.w).join(' '));
  return { set, k };
}

export function compileSystemPromptLeak(params: SystemPromptLeakParams): CompiledDetector {
  const n = params.shingle;
  const fixed = params.prompt ? shingleSet(params.prompt, n) : undefined;
  // The same request facts are scanned once per streamed window: shingle them once.
  const cache = new WeakMap<readonly string[], Shingles[]>();

  function requestSets(ctx: ScanContext): Shingles[] {
    const prompts = ctx.request?.systemPrompts;
    if (!prompts || prompts.length === 0) return [];
    let sets = cache.get(prompts);
    if (!sets) cache.set(prompts, (sets = prompts.map((p) => shingleSet(p, n)).filter((s) => s.set.size > 0)));
    return sets;
  }

  function compare(input: ScanInput, { set, k }: Shingles, findings: Finding[]): void {
    const layer = input.view.folded;
    const ws = words(layer.text);
    let shared = 0;
    const seen = new Set<string>();
    let first = -1;
    let last = -1;
    for (let i = 0; i + k <= ws.length; i++) {
      const sh = ws.slice(i, i + k).map((x) => x.w).join(' ');
      if (!set.has(sh)) continue;
      if (!seen.has(sh)) {
        seen.add(sh);
        shared++;
      }
      if (first < 0) first = (ws[i] as Word).s;
      last = (ws[i + k - 1] as Word).e;
    }
    if (shared === 0) return;
    const coverage = shared / set.size;
    if (coverage < params.threshold && shared < params.min_shingles) return;
    const [start, end] = layer.toOriginal(first, last);
    findings.push({
      detector: 'system_prompt_leak',
      type: 'system-prompt',
      segment: input.index,
      start,
      end,
      score: Math.min(1, Math.max(coverage, shared / params.min_shingles)),
      reason: `the text repeats ${Math.round(coverage * 100)}% of the system prompt (${shared} shared ${k}-word sequences)`,
    });
  }

  return {
    scan(inputs: readonly ScanInput[], ctx: ScanContext): Finding[] {
      const findings: Finding[] = [];
      const sets = [...requestSets(ctx)];
      if (fixed && fixed.set.size > 0) sets.push(fixed);
      if (ctx.stage === 'input') {
        for (const i of inputs) if (i.segment.kind === 'system') {
          const s = shingleSet(i.segment.text, n);
          if (s.set.size > 0) sets.push(s);
        }
      }
      if (sets.length === 0) return findings;
      for (const input of inputs) {
        if (input.segment.kind === 'system') continue;
        const before = findings.length;
        for (const set of sets) {
          compare(input, set, findings);
          if (findings.length > before) break;
        }
      }
      return findings;
    },
  };
}

export const systemPromptLeakDetector = defineDetector<SystemPromptLeakParams>({
  id: 'system_prompt_leak',
  family: 'system_prompt_leak',
  stage: 'both',
  summary: 'Word-shingle overlap between the system prompt and an answer (or a user text restating it).',
  entities: [{ type: 'system-prompt', description: 'A text that reproduces a large part of the system prompt.' }],
  params: systemPromptLeakParams,
  create: compileSystemPromptLeak,
});

registerDetectors(systemPromptLeakDetector);
