import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { GuardConfig } from '../config/schema.js';

/**
 * Where and how the judge is reached. The ASM manifest names a guard by host/port/path; port 80 is
 * the mesh's plain-HTTP port that the sidecar upgrades to TLS, so it maps to https://HOST:443.
 */
export function guardEndpoint(g: Pick<GuardConfig, 'url' | 'host' | 'port' | 'path'>): URL {
  if (g.url !== undefined) {
    const u = new URL(g.url);
    if (u.pathname === '/' || u.pathname === '') u.pathname = g.path;
    return u;
  }
  if (g.host === undefined) throw new Error('guard needs either url or host');
  const port = g.port;
  let origin: string;
  if (port === undefined || port === 80 || port === 443) origin = `https://${g.host}`;
  else origin = `http://${g.host}:${port}`;
  return new URL(g.path, origin);
}

interface ResolveRule {
  readonly host: string;
  readonly port: string;
  readonly addr: string;
  readonly addrPort: string;
}

/** curl-style `HOST:PORT:ADDR[:PORT]`; ADDR may be a bracketed IPv6 address. */
export function parseResolve(entry: string): ResolveRule {
  const m = /^([^:]+):(\d+):(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  if (!m) throw new Error(`resolve entry "${entry}" is not HOST:PORT:ADDR[:PORT]`);
  const addr = m[3]!.startsWith('[') ? m[3]!.slice(1, -1) : m[3]!;
  return { host: m[1]!.toLowerCase(), port: m[2]!, addr, addrPort: m[4] ?? m[2]! };
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** One keep-alive pool for the judge, honouring resolve overrides and an extra CA. */
export function createJudgeAgent(opts: { resolve: readonly string[]; caFile?: string; connectTimeoutMs: number }): Agent {
  const rules = opts.resolve.map(parseResolve);
  let ca: string | undefined;
  if (opts.caFile !== undefined) {
    try {
      ca = readFileSync(opts.caFile, 'utf8');
    } catch (err) {
      throw new Error(`guard ca_file ${opts.caFile} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  // Extra CA is added to, not substituted for, the system roots: a judge on a public host still works.
  const connector = buildConnector({ timeout: opts.connectTimeoutMs, ...(ca ? { ca: [...rootCertificates, ca] } : {}) });
  if (rules.length === 0) return new Agent({ connect: connector });
  return new Agent({
    connect(options, cb) {
      const port = options.port || defaultPort(options.protocol);
      const rule = rules.find((r) => r.host === options.hostname.toLowerCase() && r.port === port);
      if (!rule) return connector(options, cb);
      // Connect to ADDR:PORT but keep SNI and certificate checks on the configured host name.
      return connector({ ...options, hostname: rule.addr, port: rule.addrPort, servername: options.hostname }, cb);
    },
  });
}
