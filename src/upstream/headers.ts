import type { IncomingHttpHeaders } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus ones the gateway recomputes itself. */
const DROP_REQUEST = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host',
  'content-length', 'content-encoding', 'expect', 'accept-encoding', 'http2-settings',
]);

const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authenticate']);

export interface HeaderPlan {
  /** Lower-case names removed from the client's headers (credentials unless passthrough). */
  readonly drop: ReadonlySet<string>;
  /** Set on every request (the injected key). Never logged. */
  readonly set: Readonly<Record<string, string>>;
  /** Set only when the client did not send them. */
  readonly defaults: Readonly<Record<string, string>>;
}

/**
 * The client's headers rewritten for the upstream. Bodies are forwarded decoded, so the
 * content-encoding goes; responses are asked for uncompressed so answers stay inspectable.
 */
export function upstreamHeaders(client: IncomingHttpHeaders, plan: HeaderPlan, bodyLength: number | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const connTokens = client.connection;
  const extraDrop = connTokens && connTokens !== 'keep-alive' && connTokens !== 'close' ? connTokens.toLowerCase().split(',').map((s) => s.trim()) : undefined;
  for (const name in client) {
    if (DROP_REQUEST.has(name) || plan.drop.has(name) || name.startsWith('proxy-')) continue;
    if (extraDrop?.includes(name)) continue;
    const v = client[name];
    if (v !== undefined) out[name] = v;
  }
  for (const k in plan.defaults) if (out[k] === undefined) out[k] = plan.defaults[k] as string;
  for (const k in plan.set) out[k] = plan.set[k] as string;
  out['accept-encoding'] = 'identity';
  if (bodyLength !== undefined) out['content-length'] = String(bodyLength);
  return out;
}

/** Upstream response headers minus hop-by-hop ones, ready for `res.writeHead`. */
export function clientHeaders(upstream: Record<string, string | string[] | undefined>, dropLength: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in upstream) {
    if (DROP_RESPONSE.has(name) || (dropLength && name === 'content-length')) continue;
    const v = upstream[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
