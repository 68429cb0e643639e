import type { AirlockConfig } from '../config/root.js';
import { policySchema, type PolicyConfig } from '../config/policy.js';
import type { RouteConfig } from '../config/schema.js';
import { compilePolicy } from '../policy/index.js';
import { wantsCanary } from '../stream/index.js';
import type { CompiledPolicy } from '../policy/types.js';
import { createUpstream, type Upstream, type UpstreamGlobals } from '../upstream/index.js';

/** A route with everything resolved once per config: the hot path does lookups only. */
export interface RouteInfo {
  readonly name: string;
  readonly upstream: Upstream;
  readonly policy: CompiledPolicy;
  readonly auth: RouteConfig['auth'];
  /** Base-URL mode prefix ('/' for a route without one: the catch-all). */
  readonly prefix: string;
  readonly strip?: string;
  /** The route's policy plants a per-request canary in system prompts (`canary: { inject: true }`). */
  readonly canary?: boolean;
  /** The policy may wait on the network (a judge): only then is a real AbortSignal made per request. */
  readonly waits?: boolean;
  /** The policy's `stream:` settings (hold-back window of streamed answers). */
  readonly stream?: { readonly hold_back_chars: number; readonly scan_step_chars: number };
  /** The policy keeps the request body, redacted, in the audit trail (`store_bodies: true`). */
  readonly storeBodies?: boolean;
}

/**
 * Everything one config needs at request time, built once and swapped atomically. Requests hold
 * the state they started with; a retired state closes its pools when the last of them finishes.
 */
export interface RuntimeState {
  readonly config: AirlockConfig;
  /** Base-URL routes, longest prefix first. */
  readonly prefixRoutes: readonly RouteInfo[];
  /** Host (lower-case, optionally `host:port`) → the route used in Host and forward-proxy mode. */
  readonly hostRoutes: ReadonlyMap<string, readonly RouteInfo[]>;
  readonly upstreams: ReadonlyMap<string, Upstream>;
  inflight: number;
  retired: boolean;
  close(): Promise<void>;
}

/**
 * True when inspecting may call a guard (the policy's own, a `topics` check, or anything a preset
 * brings): cancelling those on client disconnect needs a real AbortSignal, nothing else does.
 */
function mayWait(pc: AirlockConfig['policies'][string] | undefined): boolean {
  if (!pc) return false;
  if (pc.guard !== undefined || pc.presets.length > 0) return true;
  return [...pc.input, ...pc.output].some((e) => e.id === 'topics' || (typeof e.params === 'object' && e.params !== null && 'guard' in e.params));
}

/** Policies may own pools (the judge's); those are closed with the state that built them. */
type OwnedPolicy = CompiledPolicy & { close?: () => Promise<void> };

function compileAll(config: AirlockConfig, names: Iterable<string>, globals: UpstreamGlobals): Map<string, OwnedPolicy> {
  const out = new Map<string, OwnedPolicy>();
  // The CLI's --resolve / --ca-file reach the judge too: it is an upstream like any other.
  const opts = { ...(globals.resolve ? { resolve: globals.resolve } : {}), ...(globals.caFile ? { caFile: globals.caFile } : {}) };
  for (const name of names) {
    const pc = config.policies[name];
    if (pc) out.set(name, compilePolicy(name, pc, config.guards, opts));
    else if (name === 'default') out.set(name, compilePolicy(name, policySchema().parse({}), config.guards, opts));
    else throw new Error(`a route refers to policy "${name}", which is not defined under policies`);
  }
  return out;
}

/** What the request path needs to know of a route's policy config, read once per config. */
function policyTraits(pc: PolicyConfig | undefined): Pick<RouteInfo, 'canary' | 'waits' | 'stream' | 'storeBodies'> {
  return {
    ...(wantsCanary(pc) ? { canary: true } : {}),
    ...(mayWait(pc) ? { waits: true } : {}),
    ...(pc ? { stream: pc.stream } : {}),
    ...(pc?.store_bodies ? { storeBodies: true } : {}),
  };
}

export function buildRuntime(config: AirlockConfig, globals: UpstreamGlobals): RuntimeState {
  const upstreams = new Map<string, Upstream>();
  let policies = new Map<string, OwnedPolicy>();
  const closeAll = () => Promise.allSettled([...[...upstreams.values()].map((u) => u.close()), ...[...policies.values()].map((p) => p.close?.())]).then(() => undefined);
  try {
    for (const [name, cfg] of Object.entries(config.upstreams)) upstreams.set(name, createUpstream(name, cfg, globals));
    const policyNames = new Set<string>(['default', ...Object.keys(config.policies), ...config.routes.map((r) => r.policy)]);
    policies = compileAll(config, policyNames, globals);

    const routes: RouteInfo[] = config.routes.map((r, i) => {
      const upstream = upstreams.get(r.upstream);
      if (!upstream) throw new Error(`routes[${i}] refers to upstream "${r.upstream}", which is not defined under upstreams`);
      return { name: r.name ?? `routes[${i}]`, upstream, policy: policies.get(r.policy) as CompiledPolicy, auth: r.auth, prefix: r.path_prefix ?? '/', ...(r.strip_prefix ? { strip: r.strip_prefix } : {}), ...policyTraits(config.policies[r.policy]) };
    });
    // Host / forward-proxy mode: every upstream is reachable by its hosts, with its routes (or a
    // trusted default route on the default policy when no route names it).
    const hostRoutes = new Map<string, RouteInfo[]>();
    for (const u of upstreams.values()) {
      let list = routes.filter((r) => r.upstream === u);
      if (list.length === 0) list = [{ name: `upstream:${u.name}`, upstream: u, policy: policies.get('default') as CompiledPolicy, auth: 'trusted', prefix: '/', ...policyTraits(config.policies.default) }];
      for (const h of u.hosts) if (!hostRoutes.has(h)) hostRoutes.set(h, list);
    }
    const prefixRoutes = [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
    let closing: Promise<void> | undefined;
    const state: RuntimeState = {
      config,
      prefixRoutes,
      hostRoutes,
      upstreams,
      inflight: 0,
      retired: false,
      // Idempotent: retiring and shutting down may both ask for it.
      close: () => (closing ??= closeAll()),
    };
    return state;
  } catch (err) {
    void closeAll();
    throw err;
  }
}
