import { parseArgs } from 'node:util';
import {
  loadConfigFile,
  parseConfigDocument,
  providerSchema,
  singleUpstreamConfig,
  type AirlockConfig,
  type ProviderName,
} from '../config/index.js';
import '../detectors/index.js';

export interface ServeFlags {
  readonly config?: string;
  readonly port?: number;
  readonly host?: string;
  readonly adminPort?: number;
  readonly resolve: string[];
  readonly caFile?: string;
  readonly upstream?: string;
  readonly provider?: ProviderName;
  readonly presets: string[];
  readonly requireKey: boolean;
  readonly dataDir?: string;
}

function intFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} expects a port number, got "${v}"`);
  return n;
}

export function parseServeFlags(argv: string[]): ServeFlags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'admin-port': { type: 'string' },
      resolve: { type: 'string', multiple: true },
      'ca-file': { type: 'string' },
      upstream: { type: 'string' },
      provider: { type: 'string' },
      preset: { type: 'string', multiple: true },
      'require-key': { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
  });
  let provider: ProviderName | undefined;
  if (values.provider !== undefined) {
    const p = providerSchema.safeParse(values.provider);
    if (!p.success) throw new Error(`--provider must be one of ${providerSchema.options.join(', ')}`);
    provider = p.data;
  }
  if (values.provider !== undefined && values.upstream === undefined) throw new Error('--provider needs --upstream');
  if (values.config !== undefined && values.upstream !== undefined) throw new Error('--config and --upstream are exclusive');
  for (const r of values.resolve ?? []) {
    if (!/^[^:\s]+:\d+:[^\s]+:\d+$/.test(r)) throw new Error(`--resolve expects HOST:PORT:ADDR:PORT, got "${r}"`);
  }
  return {
    config: values.config,
    port: intFlag('port', values.port),
    host: values.host,
    adminPort: intFlag('admin-port', values['admin-port']),
    resolve: values.resolve ?? [],
    caFile: values['ca-file'],
    upstream: values.upstream,
    provider,
    presets: values.preset ?? [],
    requireKey: values['require-key'] ?? false,
    dataDir: values['data-dir'],
  };
}

/** Flags override the file: apply them to a validated config, then validate the result again. */
export function applyFlags(base: AirlockConfig, flags: ServeFlags): AirlockConfig {
  const doc = structuredClone(base) as unknown as Record<string, unknown> & {
    server: Record<string, unknown>;
    routes: Record<string, unknown>[];
    policies: Record<string, Record<string, unknown>>;
  };
  if (flags.port !== undefined) doc.server.port = flags.port;
  if (flags.host !== undefined) doc.server.host = flags.host;
  if (flags.adminPort !== undefined) doc.server.admin_port = flags.adminPort;
  if (flags.dataDir !== undefined) doc.server.data_dir = flags.dataDir;
  if (flags.requireKey) for (const r of doc.routes) r.auth = 'virtual_key';
  if (flags.presets.length > 0) {
    if (Object.keys(doc.policies).length === 0) doc.policies.default = {};
    for (const p of Object.values(doc.policies)) p.presets = [...new Set([...((p.presets as string[]) ?? []), ...flags.presets])];
  }
  // Policies' stage entries were transformed to arrays by the schema; turn them back into maps.
  for (const p of Object.values(doc.policies)) {
    for (const stage of ['input', 'output'] as const) {
      const entries = p[stage] as { id: string; action: string; enabled: boolean; params: Record<string, unknown> }[] | undefined;
      if (Array.isArray(entries)) p[stage] = Object.fromEntries(entries.map((e) => [e.id, { action: e.action, enabled: e.enabled, ...e.params }]));
    }
  }
  // Values were already substituted when the file was read; `$` in them must stay literal now.
  return parseConfigDocument(escapeDollars(doc), { env: {}, source: 'command line' });
}

function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('${', '$${');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}

/**
 * The config `serve` starts with: the file, or one upstream, or the embedded demo. With `--preset`
 * and no file, the presets alone are the policy (the demo's own rules would take precedence).
 */
export function loadServeConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): AirlockConfig {
  const base = flags.config
    ? loadConfigFile(flags.config, { env })
    : parseConfigDocument(
        escapeDollars(singleUpstreamConfig({ url: flags.upstream, provider: flags.provider, env, demo: flags.upstream === undefined && flags.presets.length === 0 })),
        { env: {}, source: flags.upstream ? '--upstream' : 'embedded demo config' },
      );
  return applyFlags(base, flags);
}
