import { z } from 'zod';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding, type ScanContext, type ScanInput } from '../types.js';

/**
 * Canary words: strings a well-behaved model never emits (planted in system prompts, documents or
 * tool results). With `inject: true` the gateway also plants a fresh random token in every
 * request's system prompt (see `inject.ts`); an answer that repeats it has leaked the prompt.
 */

export const canaryParams = z
  .object({
    /** Fixed canary strings, matched case-insensitively (after invisible characters are removed). */
    words: z.array(z.string().min(4, 'a canary word needs at least 4 characters')).default([]),
    /** Plant a random per-request canary in the system prompt and block answers that repeat it. */
    inject: z.boolean().default(false),
  })
  .strict()
  .refine((p) => p.words.length > 0 || p.inject, { message: 'set canary words, inject: true, or both' });
export type CanaryParams = z.infer<typeof canaryParams>;

/** The shape of every injected token: recognisable even when the per-request list is unknown. */
export const CANARY_TOKEN = /airlock-canary-[0-9a-f]{16}/g;

function findAll(hay: string, needle: string, out: [number, number][]): void {
  if (needle.length === 0) return;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
}

export function compileCanary(params: CanaryParams): CompiledDetector {
  const words = [...new Set(params.words.map((w) => w.toLowerCase()))];
  return {
    scan(inputs: readonly ScanInput[], ctx: ScanContext): Finding[] {
      const findings: Finding[] = [];
      const injected = (ctx.request?.canaries ?? []).map((c) => c.toLowerCase());
      for (const input of inputs) {
        // A system prompt carries the planted canary on purpose; only other texts can leak it.
        if (input.segment.kind === 'system') continue;
        const layer = input.view.basic;
        const hay = layer.text.toLowerCase();
        const hits: [number, number, string][] = [];
        const tmp: [number, number][] = [];
        for (const w of words) {
          tmp.length = 0;
          findAll(hay, w, tmp);
          for (const [s, e] of tmp) hits.push([s, e, 'canary-word']);
        }
        if (params.inject || injected.length > 0) {
          tmp.length = 0;
          for (const c of injected) findAll(hay, c, tmp);
          for (const m of hay.matchAll(CANARY_TOKEN)) tmp.push([m.index, m.index + m[0].length]);
          const seen = new Set<number>();
          for (const [s, e] of tmp) {
            if (seen.has(s)) continue;
            seen.add(s);
            hits.push([s, e, 'injected-canary']);
          }
        }
        for (const [s, e, type] of hits) {
          const [start, end] = layer.toOriginal(s, e);
          findings.push({
            detector: 'canary',
            type,
            segment: input.index,
            start,
            end,
            score: 1,
            reason: type === 'injected-canary' ? 'the text repeats the canary planted in the system prompt (a system-prompt leak)' : 'the text contains a configured canary word',
          });
        }
      }
      return findings;
    },
  };
}

export const canaryDetector = defineDetector<CanaryParams>({
  id: 'canary',
  family: 'canary',
  stage: 'output',
  summary: 'Canary words that must never appear; optionally a random per-request canary planted in the system prompt.',
  entities: [
    { type: 'canary-word', description: 'A configured canary string.' },
    { type: 'injected-canary', description: 'The per-request canary token Airlock planted in the system prompt.' },
  ],
  params: canaryParams,
  create: compileCanary,
});

registerDetectors(canaryDetector);
