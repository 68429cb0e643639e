import { z } from 'zod';
import { auditConfigSchema } from '../audit/config.js';
import { adminConfigSchema } from '../admin/config.js';
import { telemetryConfigSchema } from '../telemetry/config.js';
import { identityConfigSchema } from '../identity/config.js';
import { limitsConfigSchema, pricesConfigSchema } from '../limits/config.js';
import { checkVaultConfig, vaultConfigSchema } from '../policy/vault-config.js';
import { policySchema } from './policy.js';
import { guardSchema, routeSchema, serverSchema, upstreamSchema } from './schema.js';

/**
 * The root config. Sections owned by other folders (limits, identity, audit, telemetry, the pseudonym vault) plug in
 * here with their own strict schemas.
 */
export function configSchema() {
  return z
    .object({
      version: z.literal(1).default(1),
      server: serverSchema.default({}),
      upstreams: z.record(z.string(), upstreamSchema).default({}),
      routes: z.array(routeSchema).default([]),
      policies: z.record(z.string(), policySchema()).default({}),
      guards: z.record(z.string(), guardSchema).default({}),
      audit: auditConfigSchema.default({}),
      admin: adminConfigSchema.default({}),
      telemetry: telemetryConfigSchema.default({}),
      identity: identityConfigSchema.default({}),
      limits: limitsConfigSchema.default({}),
      prices: pricesConfigSchema,
      vault: vaultConfigSchema.default({}),
    })
    .strict()
    .superRefine((c, ctx) => checkVaultConfig(c.vault, c.limits, ctx));
}

export type AirlockConfig = z.infer<ReturnType<typeof configSchema>>;
