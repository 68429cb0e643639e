/** One curl-style `HOST:PORT:ADDR:PORT` override: connect to ADDR:PORT, keep SNI/Host = HOST. */
export interface ResolveEntry {
  readonly host: string;
  readonly port: number;
  readonly addr: string;
  readonly addrPort: number;
}

function port(s: string, entry: string): number {
  const n = Number(s);
  if (!/^\d{1,5}$/.test(s) || n < 1 || n > 65535) throw new Error(`resolve entry "${entry}": "${s}" is not a port (expected HOST:PORT:ADDR:PORT)`);
  return n;
}

export function parseResolve(entry: string): ResolveEntry {
  const first = entry.indexOf(':');
  const second = entry.indexOf(':', first + 1);
  const last = entry.lastIndexOf(':');
  if (first <= 0 || second < 0 || last <= second) throw new Error(`resolve entry "${entry}" must be HOST:PORT:ADDR:PORT`);
  let addr = entry.slice(second + 1, last);
  // IPv6 addresses are written in brackets, as curl does.
  if (addr.startsWith('[') && addr.endsWith(']')) addr = addr.slice(1, -1);
  if (!addr) throw new Error(`resolve entry "${entry}" has an empty address`);
  return { host: entry.slice(0, first).toLowerCase(), port: port(entry.slice(first + 1, second), entry), addr, addrPort: port(entry.slice(last + 1), entry) };
}

/** The first entry matching the origin's host and port, if any. */
export function findResolve(entries: readonly ResolveEntry[], host: string, originPort: number): ResolveEntry | undefined {
  const h = host.toLowerCase();
  return entries.find((e) => e.host === h && e.port === originPort);
}
