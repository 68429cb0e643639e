import { z } from 'zod';
import { parseDuration } from '../identity/duration.js';

// Numbers are milliseconds: a parsed config must parse again to itself (flags are applied that way).
const ttlSchema = z.union([z.string(), z.number().int().positive()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
    return z.NEVER;
  }
});

/**
 * `vault:` — where pseudonym mappings live. `memory` (default): only for the request that minted
 * them. `redis`: also sealed in Redis for `ttl`, under the request id and the provider's answer id,
 * so an answer fetched later (`GET /v1/responses/{id}`), through any replica, is restored too.
 */
export const vaultConfigSchema = z
  .object({
    store: z.enum(['memory', 'redis']).default('memory'),
    /** Defaults to `limits.redis_url` when `limits.store` is redis. */
    redis_url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    ttl: ttlSchema.default('1h'),
  })
  .strict();
export type VaultConfig = z.infer<typeof vaultConfigSchema>;

interface LimitsRedis {
  readonly store: string;
  readonly redis_url?: string | undefined;
}

/** The Redis URL the vault uses: its own, else the limits store's; undefined when it has none. */
export function vaultRedisUrl(vault: VaultConfig, limits: LimitsRedis): string | undefined {
  return vault.redis_url ?? (limits.store === 'redis' ? limits.redis_url : undefined);
}

/** Root-level check: `vault.store: redis` needs a URL, its own or the limits store's. */
export function checkVaultConfig(vault: VaultConfig, limits: LimitsRedis, ctx: z.RefinementCtx): void {
  if (vault.store === 'redis' && vaultRedisUrl(vault, limits) === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['vault', 'redis_url'], message: 'vault.store: redis needs vault.redis_url (or limits.store: redis with limits.redis_url)' });
  }
}
