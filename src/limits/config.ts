import { z } from 'zod';
import { parseBudgets } from './budget.js';

const posInt = z.number().int().positive();

const budgetField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .superRefine((v, ctx) => {
    try {
      parseBudgets(v);
    } catch (e) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
    }
  });

/** Limits for one subject: requests and tokens per minute, and money per day/month. */
export const limitSpecSchema = z.object({ rpm: posInt.optional(), tpm: posInt.optional(), budget: budgetField }).strict();
export type LimitSpec = z.infer<typeof limitSpecSchema>;

/**
 * `limits:` — per key (defaults for keys that set none), per user, team and route; `'*'` in a map
 * applies to every user / team / route separately.
 */
export const limitsConfigSchema = z
  .object({
    store: z.enum(['memory', 'sqlite', 'redis']).default('sqlite'),
    redis_url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    redis_prefix: z.string().default('airlock:'),
    /** What to do when the store cannot answer: refuse (503, default) or let requests through unmetered. */
    on_store_error: z.enum(['closed', 'open']).default('closed'),
    keys: limitSpecSchema.default({}),
    users: z.record(z.string(), limitSpecSchema).default({}),
    teams: z.record(z.string(), limitSpecSchema).default({}),
    routes: z.record(z.string(), limitSpecSchema).default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.store === 'redis' && !v.redis_url) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['redis_url'], message: 'store: redis needs redis_url' });
  });
export type LimitsConfig = z.infer<typeof limitsConfigSchema>;

/** `prices:` — model → USD per 1M input / output tokens, merged over the shipped table. */
export const pricesConfigSchema = z
  .record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict())
  .default({});
export type PricesConfig = z.infer<typeof pricesConfigSchema>;
