import { z } from 'zod';
import { allDetectors } from '../detectors/index.js';
import { actionSchema, re2PatternSchema, regexRuleSchema } from './schema.js';

/**
 * A detector entry inside a policy stage: `{ action, enabled, ...params }`. The params are
 * validated by the detector's own zod schema, so each detector documents and owns its options.
 */
export interface DetectorEntry {
  readonly id: string;
  readonly action: z.infer<typeof actionSchema>;
  readonly enabled: boolean;
  readonly params: unknown;
}

function detectorEntrySchema(id: string) {
  return z
    .object({ action: actionSchema.default('block'), enabled: z.boolean().default(true) })
    .passthrough()
    .transform((raw, ctx): DetectorEntry => {
      const { action, enabled, ...rest } = raw;
      const def = allDetectors().find((d) => d.id === id);
      if (!def) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown detector ${id}` });
        return z.NEVER;
      }
      const parsed = def.params.safeParse(rest);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path });
        return z.NEVER;
      }
      return { id, action, enabled, params: parsed.data };
    });
}

/** `input:` / `output:` — a map from detector id to its entry. Unknown ids are errors. */
export function stageSchema() {
  return z
    .record(z.string(), z.unknown())
    .default({})
    .transform((raw, ctx) => {
      const out: DetectorEntry[] = [];
      for (const [id, value] of Object.entries(raw)) {
        if (!allDetectors().some((d) => d.id === id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [id],
            message: `unknown detector "${id}" (known: ${allDetectors().map((d) => d.id).join(', ') || 'none'})`,
          });
          continue;
        }
        const r = detectorEntrySchema(id).safeParse(value ?? {});
        if (!r.success) {
          for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: [id, ...issue.path] });
          continue;
        }
        out.push(r.data);
      }
      return out;
    });
}

export function policySchema() {
  return z
    .object({
      /** RE2 patterns; a match anywhere in any text the model will see blocks the request. */
      deny_patterns: z.array(re2PatternSchema).default([]),
      /** RE2 patterns; when set, every user text must match at least one. */
      allow_patterns: z.array(re2PatternSchema).default([]),
      /** Named regex rules with their own action. */
      rules: z.array(regexRuleSchema).default([]),
      /** Presets (`gdpr`, `pci`, `hipaa`, `ccpa`, `all`…) merged under the explicit entries. */
      presets: z.array(z.string()).default([]),
      /** Name of a guard under `guards:` asked for a verdict on every request (the intelligent guard). */
      guard: z.string().optional(),
      /**
       * Also ask `guard` about answers (off by default: it costs a model call per answer). Applies
       * to non-streamed answers; a stream is never held back for the judge.
       */
      guard_output: z.boolean().default(false),
      input: stageSchema(),
      output: stageSchema(),
      /**
       * Keep the request body in the audit trail, with every finding redacted (whatever its action)
       * and sealed with AES-256-GCM; needs `audit.bodies.enabled` and its key.
       */
      store_bodies: z.boolean().default(false),
      /** Streamed answers: characters held back per text channel while a match could still be forming. */
      stream: z
        .object({
          hold_back_chars: z.number().int().min(0).max(4096).default(64),
          /** Characters gathered between scans: larger = fewer scans, later release. */
          scan_step_chars: z.number().int().min(1).max(4096).default(32),
        })
        .strict()
        .default({}),
    })
    .strict();
}
export type PolicyConfig = z.infer<ReturnType<typeof policySchema>>;
