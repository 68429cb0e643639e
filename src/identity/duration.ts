const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** `30d`, `12h`, `90m`, `1w`, `1y` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([smhdwy])\s*$/i.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": use a number and a unit (s, m, h, d, w, y), e.g. 30d`);
  const ms = Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  if (ms <= 0) throw new Error(`duration "${text}" must be positive`);
  return ms;
}

/** An expiry given as a duration from now (`30d`) or an ISO date; returns epoch ms in the future. */
export function parseExpiry(text: string, now: number): number {
  if (/^\s*\d+\s*[smhdwy]\s*$/i.test(text)) return now + parseDuration(text);
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`invalid expiry "${text}": use a duration such as 30d or an ISO date`);
  if (t <= now) throw new Error(`expiry "${text}" is in the past`);
  return t;
}
