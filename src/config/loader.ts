import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { isWasmPlugin, parseWasmPlugin, wasmPluginToConfig } from './asm.js';
import { substituteEnv, type EnvProblem } from './env.js';
import { configSchema, type AirlockConfig } from './root.js';

export interface ConfigProblem {
  /** Dotted path, e.g. `policies.default.deny_patterns[2]`. */
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(source: string, problems: readonly ConfigProblem[]) {
    super(`${source}: invalid configuration\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** zod quotes the offending value in some messages; a misplaced key must not end up in a log. */
function withoutValue(message: string): string {
  return message.replace(/, received '[^']*'$/, '');
}

function zodProblems(err: z.ZodError, prefix: (string | number)[] = []): ConfigProblem[] {
  return err.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: withoutValue(i.message) }));
}

/** Cross-references zod cannot see: routes → upstreams/policies, policies → guards, hosts unique. */
function semanticProblems(cfg: AirlockConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  cfg.routes.forEach((r, i) => {
    if (!cfg.upstreams[r.upstream]) out.push({ path: `routes[${i}].upstream`, message: `unknown upstream "${r.upstream}"` });
    if (!cfg.policies[r.policy] && r.policy !== 'default') {
      out.push({ path: `routes[${i}].policy`, message: `unknown policy "${r.policy}"` });
    }
  });
  for (const [name, p] of Object.entries(cfg.policies)) {
    if (p.guard !== undefined && !cfg.guards[p.guard]) {
      out.push({ path: `policies.${name}.guard`, message: `unknown guard "${p.guard}"` });
    }
  }
  const seen = new Map<string, string>();
  for (const [name, u] of Object.entries(cfg.upstreams)) {
    const hosts = u.hosts ?? [new URL(u.url).hostname];
    hosts.forEach((h, i) => {
      const key = h.toLowerCase();
      const prev = seen.get(key);
      if (prev !== undefined) out.push({ path: `upstreams.${name}.hosts[${i}]`, message: `host "${h}" is already served by upstream "${prev}"` });
      else seen.set(key, name);
    });
    u.resolve.forEach((r, i) => {
      if (!/^[^:\s]+:\d+:[^\s]+:\d+$/.test(r)) out.push({ path: `upstreams.${name}.resolve[${i}]`, message: 'expected HOST:PORT:ADDR:PORT' });
    });
  }
  return out;
}

export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Shown in error messages. */
  readonly source?: string;
}

/** Validate an already-parsed document (Airlock config or ASM WasmPlugin manifest). */
export function parseConfigDocument(doc: unknown, opts: LoadOptions = {}): AirlockConfig {
  const source = opts.source ?? 'config';
  const envProblems: EnvProblem[] = [];
  const substituted = substituteEnv(doc ?? {}, opts.env ?? process.env, envProblems);
  const problems: ConfigProblem[] = envProblems.map((p) => ({ path: formatPath(p.path), message: p.message }));
  let raw: unknown = substituted;
  if (isWasmPlugin(substituted)) {
    const m = parseWasmPlugin(substituted);
    if (!m.success) throw new ConfigError(source, [...problems, ...zodProblems(m.error)]);
    raw = wasmPluginToConfig(m.data);
  }
  const parsed = configSchema().safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, [...problems, ...zodProblems(parsed.error)]);
  problems.push(...semanticProblems(parsed.data));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return deepFreeze(parsed.data);
}

export function parseConfigText(text: string, opts: LoadOptions = {}): AirlockConfig {
  const source = opts.source ?? 'config';
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '', message: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const js: unknown = doc.toJS();
  // An empty document is never meant: it is most often a file caught mid-write by the watcher,
  // and "all defaults" would silently drop every route and rule.
  if (js === null || js === undefined) throw new ConfigError(source, [{ path: '', message: 'the configuration is empty' }]);
  return parseConfigDocument(js, opts);
}

export function loadConfigFile(file: string, opts: Omit<LoadOptions, 'source'> = {}): AirlockConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: '', message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  return parseConfigText(text, { ...opts, source: file });
}

/** Validate once, freeze, swap atomically: nothing may mutate a config in force. */
export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}
