import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { ProviderName, UpstreamConfig } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import { echoAnswer } from '../providers/echo/index.js';
import { CLIENT_CREDENTIAL_HEADERS, inferProvider, providerProfile, type ProviderProfile } from '../providers/index.js';
import { upstreamHeaders, type HeaderPlan } from './headers.js';
import { findResolve, parseResolve, type ResolveEntry } from './resolve.js';

export { clientHeaders, upstreamHeaders } from './headers.js';
export { parseResolve, type ResolveEntry } from './resolve.js';

export interface UpstreamRequest {
  readonly method: string;
  /** Path plus query as it should reach the upstream (base path already applied). */
  readonly path: string;
  /** The client's headers; credentials and hop-by-hop headers are removed here. */
  readonly headers: IncomingHttpHeaders;
  readonly body?: Buffer;
  /** Parsed body, for in-process providers (echo). */
  readonly json?: unknown;
  /** Cancels the request: an AbortSignal or an EventEmitter with `aborted` that emits 'abort'. */
  readonly signal?: AbortSignal | EventEmitter;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body, relayed chunk by chunk. */
  readonly body: Readable;
}

export interface Upstream {
  readonly name: string;
  readonly provider: ProviderName;
  readonly profile: ProviderProfile;
  /** `https://host[:port]` (or `echo://local`). */
  readonly origin: string;
  /** Path part of the configured url without a trailing slash ('' when none). */
  readonly basePath: string;
  /** Lower-case host names (optionally `host:port`) routed here in Host and forward-proxy mode. */
  readonly hosts: readonly string[];
  send(req: UpstreamRequest): Promise<UpstreamResponse>;
  /** Close the pool once in-flight requests are done. */
  close(): Promise<void>;
}

export interface UpstreamGlobals {
  /** Gateway-wide `HOST:PORT:ADDR:PORT` overrides (the CLI's `--resolve`). */
  readonly resolve?: readonly string[];
  /** Extra CA (PEM file) trusted for every upstream (the CLI's `--ca-file`). */
  readonly caFile?: string;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Map a transport failure to the client-facing error; the cause stays for logs (never a key). */
export function upstreamError(err: unknown): AirlockError {
  if (err instanceof AirlockError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return new AirlockError('AIRLOCK_ERR_UPSTREAM_TIMEOUT', { cause: err });
  return new AirlockError('AIRLOCK_ERR_UPSTREAM_UNAVAILABLE', { cause: err });
}

function headerPlan(cfg: UpstreamConfig, profile: ProviderProfile): HeaderPlan {
  if (cfg.passthrough_client_key) return { drop: new Set(), set: {}, defaults: profile.defaultHeaders };
  const set: Record<string, string> = {};
  if (cfg.api_key) set[profile.keyHeader] = profile.keyValue(cfg.api_key);
  return { drop: new Set(CLIENT_CREDENTIAL_HEADERS), set, defaults: profile.defaultHeaders };
}

function echoUpstream(name: string, cfg: UpstreamConfig, profile: ProviderProfile): Upstream {
  return {
    name,
    provider: 'echo',
    profile,
    origin: 'echo://local',
    basePath: '',
    hosts: (cfg.hosts ?? []).map((h) => h.toLowerCase()),
    send(req) {
      const a = echoAnswer(req.method, req.path.split('?')[0] ?? '', req.json);
      return Promise.resolve({ status: a.status, headers: { ...a.headers }, body: Readable.from(a.chunks) });
    },
    close: () => Promise.resolve(),
  };
}

/** Build one upstream: its own undici Agent (one keep-alive pool per origin), TLS trust, resolve. */
export function createUpstream(name: string, cfg: UpstreamConfig, globals: UpstreamGlobals = {}): Upstream {
  const provider = cfg.provider ?? inferProvider(cfg.url);
  const profile = providerProfile(provider);
  const url = new URL(cfg.url);
  if (provider === 'echo' || url.protocol === 'echo:') return echoUpstream(name, cfg, providerProfile('echo'));
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`upstream ${name}: unsupported scheme ${url.protocol}`);
  const origin = url.origin;
  const basePath = url.pathname.replace(/\/+$/, '');
  const originPort = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

  const entries: ResolveEntry[] = [...(cfg.resolve ?? []), ...(globals.resolve ?? [])].map(parseResolve);
  const target = findResolve(entries, url.hostname, originPort);
  const extraCa = [globals.caFile, cfg.ca_file].filter((f): f is string => !!f).map((f) => readFileSync(f, 'utf8'));
  // Passing `ca` replaces Node's trust store, so keep the public roots alongside the extra CA.
  // One secure context per upstream: parsing ~150 roots on every new connection is costly.
  const secureContext = extraCa.length > 0 ? createSecureContext({ ca: [...rootCertificates, ...extraCa] }) : undefined;
  const base = buildConnector({ timeout: cfg.timeouts.connect_ms, ...(secureContext ? { secureContext } : {}) });
  const connect: buildConnector.connector = target
    ? (opts, cb) => base({ ...opts, hostname: target.addr, port: String(target.addrPort), servername: opts.servername ?? (url.hostname.match(/^[\d.]+$|:/) ? undefined : url.hostname) }, cb)
    : base;
  const agent = new Agent({
    connections: cfg.pool.connections,
    headersTimeout: cfg.timeouts.headers_ms,
    bodyTimeout: cfg.timeouts.body_ms,
    keepAliveTimeout: 30_000,
    connect,
  });
  const plan = headerPlan(cfg, profile);
  const apiVersion = profile.apiVersionParam && cfg.api_version ? `${profile.apiVersionParam}=${encodeURIComponent(cfg.api_version)}` : undefined;

  return {
    name,
    provider,
    profile,
    origin,
    basePath,
    hosts: (cfg.hosts ?? [url.hostname]).map((h) => h.toLowerCase()),
    async send(req) {
      let path = req.path;
      if (apiVersion && !path.includes(`${profile.apiVersionParam}=`)) path += (path.includes('?') ? '&' : '?') + apiVersion;
      try {
        const r = await agent.request({
          origin,
          path,
          method: req.method as 'POST',
          headers: upstreamHeaders(req.headers, plan, req.body?.length),
          body: req.body,
          signal: req.signal,
        });
        return { status: r.statusCode, headers: r.headers, body: r.body };
      } catch (err) {
        throw upstreamError(err);
      }
    },
    close: () => agent.close(),
  };
}
