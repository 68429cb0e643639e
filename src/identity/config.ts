import { z } from 'zod';

/** `identity:` — where virtual keys and provider credentials live. */
export const identityConfigSchema = z
  .object({
    /** `sqlite` (`<data-dir>/airlock.db`, the default) or `postgres` for a fleet of replicas. */
    store: z.enum(['sqlite', 'postgres']).default('sqlite'),
    postgres_url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    /** File holding the master key; env AIRLOCK_MASTER_KEY wins; default `<data-dir>/master.key`. */
    master_key_file: z.string().optional(),
    /**
     * Reuse a positive key verification for this long (ms) instead of reading the key store on
     * every request. 0 (default): a revocation is seen by the very next request on every replica;
     * N: other replicas may accept a revoked key for up to N ms.
     */
    verify_cache_ms: z.number().int().min(0).max(60_000).default(0),
    /** Trusted (sidecar) routes: headers naming the caller's user and team, for limits and audit. */
    trusted_user_header: z.string().default('x-airlock-user'),
    trusted_team_header: z.string().default('x-airlock-team'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.store === 'postgres' && !v.postgres_url) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['postgres_url'], message: 'store: postgres needs postgres_url' });
  });
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
