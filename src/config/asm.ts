import { z } from 'zod';

/**
 * Import of an Alibaba ASM LLMProxy `WasmPlugin` manifest (Istio `kind: WasmPlugin`).
 *
 * Mapping (documented in the README):
 * - each `hosts[]` entry becomes an upstream `https://HOST` reachable in Host (sidecar) mode and
 *   as a forward-proxy target; the first host also serves base-URL mode at `/`;
 * - `api_key` is injected on every upstream;
 * - `deny_patterns` / `allow_patterns` become the default policy's RE2 patterns;
 * - `intelligent_guard` becomes the guard `intelligent_guard`, asked on every request; its
 *   `port: 80` is the mesh's plain-HTTP port that the sidecar upgrades, so it maps to
 *   `https://HOST:443`; 443 means HTTPS; any other port plain HTTP.
 * Fields outside `spec.pluginConfig` (selector, url, phase, imagePullPolicy) concern the mesh,
 * not the proxy, and are ignored.
 */
const pluginConfigSchema = z
  .object({
    api_key: z.string().optional(),
    hosts: z.array(z.string().min(1)).min(1, 'at least one host is required'),
    deny_patterns: z.array(z.string()).default([]),
    allow_patterns: z.array(z.string()).default([]),
    intelligent_guard: z
      .object({
        api_key: z.string().optional(),
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(443),
        path: z.string().startsWith('/').default('/compatible-mode/v1/chat/completions'),
        model: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

const manifestSchema = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.literal('WasmPlugin'),
    metadata: z.unknown().optional(),
    spec: z.object({ pluginConfig: pluginConfigSchema }).passthrough(),
  })
  .passthrough();

export function isWasmPlugin(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === 'WasmPlugin';
}

export function parseWasmPlugin(doc: unknown): z.SafeParseReturnType<unknown, z.infer<typeof manifestSchema>> {
  return manifestSchema.safeParse(doc);
}

/** Turn a validated manifest into Airlock's own (unvalidated, raw) config document. */
export function wasmPluginToConfig(manifest: z.infer<typeof manifestSchema>): Record<string, unknown> {
  const pc = manifest.spec.pluginConfig;
  const upstreams: Record<string, unknown> = {};
  const routes: unknown[] = [];
  pc.hosts.forEach((host, i) => {
    upstreams[host] = { url: `https://${host}`, hosts: [host], ...(pc.api_key ? { api_key: pc.api_key } : {}) };
    routes.push({ name: host, upstream: host, policy: 'default', auth: 'trusted', ...(i === 0 ? { path_prefix: '/' } : {}) });
  });
  const policy: Record<string, unknown> = { deny_patterns: pc.deny_patterns, allow_patterns: pc.allow_patterns };
  const guards: Record<string, unknown> = {};
  const g = pc.intelligent_guard;
  if (g) {
    guards.intelligent_guard = {
      host: g.host,
      port: g.port,
      path: g.path,
      model: g.model,
      ...(g.api_key ? { api_key: g.api_key } : {}),
    };
    policy.guard = 'intelligent_guard';
  }
  return { upstreams, routes, policies: { default: policy }, guards };
}

/** Where the judge is reached, per the ASM port rule. */
export function guardOrigin(host: string, port: number): string {
  if (port === 80 || port === 443) return `https://${host}:443`;
  return `http://${host}:${port}`;
}
