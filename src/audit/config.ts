import { z } from 'zod';
import { parseBodyKey } from './seal.js';

/** `30d`, `12h`, `15m`, `90s`, `500ms` → milliseconds. Plain numbers are milliseconds. */
export function parseDuration(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(v.trim());
  if (!m) throw new Error(`invalid duration "${v}" (expected e.g. 30d, 12h, 15m, 90s)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'ms'];
  return Math.round(Number(m[1]) * unit);
}

const durationSchema = z.union([z.string(), z.number().int().positive()]).transform((v, ctx) => {
  try {
    const ms = parseDuration(v);
    if (ms <= 0) throw new Error('duration must be positive');
    return ms;
  } catch (e) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
    return z.NEVER;
  }
});

/** `audit:` config section. Durations accept `30d`-style strings and become milliseconds. */
export const auditConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    store: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** SQLite file; defaults to `<server.data_dir>/audit.db`. */
    sqlite_path: z.string().optional(),
    /** PostgreSQL connection string (required when `store: postgres`). Masked in the admin API. */
    postgres_url: z.string().optional(),
    /** Secret keying finding hashes; share it across replicas so hashes correlate. Default: a random one in the data dir. */
    hash_key: z.string().min(16).optional(),
    retention: durationSchema.default('30d'),
    purge_interval: durationSchema.default('1h'),
    /** Keep redacted prompt/answer bodies when a policy asks (sealed with AES-256-GCM under `key`). */
    bodies: z
      .object({
        enabled: z.boolean().default(false),
        /** 32 bytes, base64 or hex; use `${AIRLOCK_AUDIT_BODY_KEY}`. Masked in the admin API. */
        key: z.string().optional(),
      })
      .strict()
      .default({}),
    queue: z
      .object({
        max_events: z.number().int().positive().default(10_000),
        batch_size: z.number().int().positive().default(500),
        flush_ms: z.number().int().positive().default(200),
        retry_ms: z.number().int().positive().default(1000),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.bodies.enabled) {
      try {
        parseBodyKey(a.bodies.key ?? '');
      } catch (e) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['bodies', 'key'], message: (e as Error).message });
      }
    }
    if (a.store === 'postgres' && !a.postgres_url) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['postgres_url'], message: 'required when store is postgres' });
    }
  });
export type AuditConfig = z.infer<typeof auditConfigSchema>;
