import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import RE2 from 're2';

export interface RawMatch {
  readonly type: string;
  /** Layer offsets. */
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

const TLDS =
  'com|org|net|edu|gov|mil|int|io|co|ai|app|dev|info|biz|site|online|xyz|tech|me|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ru|cn|jp|kr|in|br|au|ca|mx|eu|tv|cloud|shop|store|blog';

/** One small RE2 per shape: separately they run as fast DFAs, joined they fall back to an NFA. */
const SHAPES = {
  /* email */ email: new RE2('([A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}[A-Za-z0-9])?)*\\.(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\\-]{2,30}))', 'g'),
  /* url */ url: new RE2(`((?:https?|ftp)://[^\\s<>"'\`]{3,1000}|\\bwww\\.[^\\s<>"'\`]{3,1000})`, 'g'),
  /* mac */ mac: new RE2('(\\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\\b|\\b[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}\\b|\\b[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\b)', 'g'),
  /* ipv6 */ ipv6: new RE2('((?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{1,4})?)', 'g'),
  /* ipv4 */ ipv4: new RE2('(\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b)', 'g'),
  /* btc base58 */ btc: new RE2('(\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b)', 'g'),
  /* bech32 */ bech32: new RE2('(\\b(?i:(?:bc1|tb1)[02-9ac-hj-np-z]{11,71})\\b)', 'g'),
  /* eth */ eth: new RE2('(\\b0x[0-9a-fA-F]{40}\\b)', 'g'),
  /* bare domain */ domain: new RE2(`(\\b[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}[A-Za-z0-9])?)*\\.(?:${TLDS})\\b(?:/[^\\s<>"'\`]*)?)`, 'g'),
} as const;

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58check(s: string): boolean {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let lead = 0;
  while (s[lead] === '1') lead++;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
  if (bytes.length !== 25) return false;
  const body = bytes.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(21));
}

const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Valid(s: string): boolean {
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  const hrp = lower.slice(0, sep);
  const data = [...lower.slice(sep + 1)].map((c) => BECH.indexOf(c));
  if (data.some((v) => v < 0)) return false;
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk === 1 || chk === 0x2bc830a3; // bech32 or bech32m
}

function macValid(s: string): boolean {
  return !/^(?:00[:.-]?){5}00$|^(?:ff[:.-]?){5}ff$/i.test(s.replace(/\./g, ''));
}

/** Strips punctuation that ends a sentence rather than a URL. */
function trimUrl(s: string): string {
  return s.replace(/[.,;:!?)\]}'"]+$/, '');
}

export function scanNetwork(text: string, enabled: (type: string) => boolean): RawMatch[] {
  const out: RawMatch[] = [];
  const push = (type: string, start: number, value: string, score: number): void => {
    out.push({ type, start, end: start + value.length, score });
  };
  const each = (re: RE2, fn: (at: number, v: string) => void): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) fn(m.index, m[0]);
  };
  if (enabled('EMAIL_ADDRESS')) each(SHAPES.email, (at, v) => push('EMAIL_ADDRESS', at, v, 0.95));
  if (enabled('URL')) {
    each(SHAPES.url, (at, v) => push('URL', at, trimUrl(v), urlHasCredentials(v) ? 0.9 : 0.6));
    each(SHAPES.domain, (at, v) => {
      // The domain of an email address is part of the address, not a URL of its own.
      if (text[at - 1] !== '@') push('URL', at, trimUrl(v), 0.5);
    });
  }
  if (enabled('MAC_ADDRESS')) each(SHAPES.mac, (at, v) => macValid(v) && push('MAC_ADDRESS', at, v, 0.7));
  if (enabled('IP_ADDRESS')) {
    each(SHAPES.ipv6, (at, v) => {
      const addr = v.replace(/:+$/, (x) => (x.length >= 2 ? x : ''));
      // "std::cout" and "a::b" are code: the address must stand alone and hold a hex digit.
      const alone = !/[A-Za-z0-9_]/.test(text[at - 1] ?? '') && !/[G-Zg-z_.:]/.test(text[at + addr.length] ?? '');
      if (alone && /[0-9a-f]/i.test(addr) && isIPv6(addr)) push('IP_ADDRESS', at, addr, 0.7);
    });
    each(SHAPES.ipv4, (at, v) => isIPv4(v) && push('IP_ADDRESS', at, v, 0.65));
  }
  if (enabled('CRYPTO')) {
    each(SHAPES.btc, (at, v) => base58check(v) && push('CRYPTO', at, v, 0.9));
    each(SHAPES.bech32, (at, v) => bech32Valid(v) && push('CRYPTO', at, v, 0.9));
    each(SHAPES.eth, (at, v) => push('CRYPTO', at, v, 0.6));
  }
  return out;
}

function urlHasCredentials(u: string): boolean {
  return /^[a-z]+:\/\/[^/@\s:]+:[^/@\s]+@/i.test(u);
}
