import RE2 from 're2';
import { z } from 'zod';

/**
 * Airlock's own configuration. Every object is strict: an unknown key is an error, so a typo can
 * never silently disable a rule. zod types are the config types.
 */

export const actionSchema = z.enum(['block', 'redact', 'pseudonymize', 'flag']);
export type Action = z.infer<typeof actionSchema>;

const durationMs = z.number().int().positive();

export const providerSchema = z.enum(['openai', 'azure', 'anthropic', 'dashscope', 'echo']);
export type ProviderName = z.infer<typeof providerSchema>;

export const upstreamSchema = z
  .object({
    /** Origin plus optional base path, e.g. `https://api.openai.com` or `https://x.openai.azure.com`. */
    url: z.string().url(),
    /** Decides the key header style and API shapes. Inferred from the host when omitted. */
    provider: providerSchema.optional(),
    /** Host names that route here in Host (sidecar) and forward-proxy mode. Defaults to the url's host. */
    hosts: z.array(z.string().min(1)).optional(),
    /** The provider key, injected on every request. Never logged. */
    api_key: z.string().optional(),
    /** Azure OpenAI `api-version` query parameter added when the client did not send one. */
    api_version: z.string().optional(),
    /** curl-style `HOST:PORT:ADDR:PORT` overrides of where to connect (SNI/Host stay HOST). */
    resolve: z.array(z.string()).default([]),
    /** Extra CA certificates (PEM) trusted for this upstream. */
    ca_file: z.string().optional(),
    timeouts: z
      .object({
        connect_ms: durationMs.default(10_000),
        headers_ms: durationMs.default(120_000),
        body_ms: durationMs.default(600_000),
      })
      .strict()
      .default({}),
    pool: z.object({ connections: z.number().int().positive().default(128) }).strict().default({}),
    /** Forward the client's own credential instead of injecting `api_key`. */
    passthrough_client_key: z.boolean().default(false),
  })
  .strict();
export type UpstreamConfig = z.infer<typeof upstreamSchema>;

export const routeSchema = z
  .object({
    name: z.string().optional(),
    upstream: z.string(),
    /** Base-URL mode: requests whose path starts with this prefix go to `upstream`. */
    path_prefix: z.string().startsWith('/').optional(),
    /** Remove this prefix before forwarding (e.g. `/openai`). */
    strip_prefix: z.string().startsWith('/').optional(),
    policy: z.string().default('default'),
    /** `virtual_key`: callers must present an Airlock key (gateway mode); `trusted`: a sidecar. */
    auth: z.enum(['trusted', 'virtual_key']).default('trusted'),
  })
  .strict();
export type RouteConfig = z.infer<typeof routeSchema>;

/** The LLM judge ("intelligent guard"): an OpenAI-compatible chat endpoint asked for a verdict. */
export const guardSchema = z
  .object({
    url: z.string().url().optional(),
    host: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    path: z.string().startsWith('/').default('/v1/chat/completions'),
    model: z.string(),
    api_key: z.string().optional(),
    /** Prompt template; `{{text}}` is replaced by the texts under review. */
    prompt: z.string().optional(),
    timeout_ms: durationMs.default(10_000),
    fail_mode: z.enum(['closed', 'open']).default('closed'),
    cache: z
      .object({ max_entries: z.number().int().nonnegative().default(10_000), ttl_ms: durationMs.default(600_000) })
      .strict()
      .default({}),
    resolve: z.array(z.string()).default([]),
    ca_file: z.string().optional(),
  })
  .strict()
  .refine((g) => g.url !== undefined || g.host !== undefined, { message: 'set either url or host' });
export type GuardConfig = z.infer<typeof guardSchema>;

/** A pattern string that must compile under RE2 (linear time: no pattern can hang the gateway). */
export const re2PatternSchema = z.string().superRefine((p, ctx) => {
  try {
    new RE2(p, 'u');
  } catch (e) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a valid RE2 pattern (${(e as Error).message})` });
  }
});

export const regexRuleSchema = z
  .object({
    name: z.string().optional(),
    pattern: re2PatternSchema,
    action: actionSchema.default('block'),
  })
  .strict();

export const serverSchema = z
  .object({
    host: z.string().default('0.0.0.0'),
    port: z.number().int().min(0).max(65535).default(8080),
    admin_host: z.string().default('127.0.0.1'),
    admin_port: z.number().int().min(0).max(65535).default(9090),
    max_body_bytes: z.number().int().positive().default(10 * 1024 * 1024),
    max_json_depth: z.number().int().positive().default(64),
    data_dir: z.string().default('.airlock'),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();
