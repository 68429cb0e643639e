import type { IncomingMessage } from 'node:http';
import { AirlockError } from '../errors.js';
import type { RouteInfo, RuntimeState } from './runtime.js';

export type RouteMode = 'base_url' | 'host' | 'forward_proxy';

export interface Resolved {
  readonly route: RouteInfo;
  readonly mode: RouteMode;
  /** Path without the query, as the client addressed it (used to pick the adapter). */
  readonly pathname: string;
  /** Path plus query to send upstream. */
  readonly upstreamPath: string;
}

function prefixMatches(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  if (!path.startsWith(prefix)) return false;
  return path.length === prefix.length || prefix.endsWith('/') || path[prefix.length] === '/' || path[prefix.length] === '?';
}

/** A Host value routes only when it names the provider itself: no port, or 80/443, or a configured `host:port`. */
function lookupHost(state: RuntimeState, hostHeader: string): readonly RouteInfo[] | undefined {
  const host = hostHeader.toLowerCase();
  const exact = state.hostRoutes.get(host);
  if (exact) return exact;
  const colon = host.lastIndexOf(':');
  if (colon > 0 && !host.endsWith(']')) {
    const port = host.slice(colon + 1);
    if (port === '80' || port === '443') return state.hostRoutes.get(host.slice(0, colon));
  }
  return undefined;
}

function pick(routes: readonly RouteInfo[], path: string): RouteInfo {
  for (const r of routes) if (prefixMatches(path, r.prefix)) return r;
  return routes[0] as RouteInfo;
}

function splitQuery(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q)];
}

/**
 * Decide where a request goes. Forward-proxy and Host mode only ever reach configured hosts;
 * anything else is refused before a connection is attempted (never an open proxy).
 */
export function resolveRoute(state: RuntimeState, req: IncomingMessage): Resolved {
  const url = req.url ?? '/';
  if (url[0] !== '/') {
    // Absolute-form request URI: the client uses Airlock as its HTTP proxy.
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new AirlockError('AIRLOCK_ERR_NO_ROUTE', { message: 'The request target is not a valid URL.' });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new AirlockError('AIRLOCK_ERR_HOST_NOT_ALLOWED');
    const routes = lookupHost(state, target.host);
    if (!routes) throw new AirlockError('AIRLOCK_ERR_HOST_NOT_ALLOWED');
    const pathname = target.pathname;
    return { route: pick(routes, pathname), mode: 'forward_proxy', pathname, upstreamPath: pathname + target.search };
  }
  const [pathname, query] = splitQuery(url);
  const hostHeader = req.headers.host;
  if (hostHeader) {
    const routes = lookupHost(state, hostHeader);
    if (routes) return { route: pick(routes, pathname), mode: 'host', pathname, upstreamPath: url };
  }
  for (const r of state.prefixRoutes) {
    if (!prefixMatches(pathname, r.prefix)) continue;
    let rest = pathname;
    if (r.strip && rest.startsWith(r.strip)) rest = rest.slice(r.strip.length) || '/';
    if (rest[0] !== '/') rest = `/${rest}`;
    // A base path already present (client base URL mirrors the upstream's) is not added twice.
    const base = r.upstream.basePath;
    const full = base && !(rest === base || rest.startsWith(`${base}/`)) ? base + rest : rest;
    return { route: r, mode: 'base_url', pathname, upstreamPath: full + query };
  }
  throw new AirlockError('AIRLOCK_ERR_NO_ROUTE', { message: `No route is configured for ${pathname.slice(0, 200)}.` });
}
