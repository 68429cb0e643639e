import { isUtf8 } from 'node:buffer';
import RE2 from 're2';
import type { MappedLayer } from './layer.js';
import { re2Input } from './utf8.js';

export type Encoding = 'base64' | 'hex' | 'url';

export interface FoundBlob {
  /** Original offsets of the encoded text. */
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
  readonly text: string;
}

/** Shared by a view and every view decoded from it, so nesting cannot multiply the work. */
export interface DecodeBudget {
  bytes: number;
}

const MAX_BLOBS = 32;
const MIN_DECODED_CHARS = 6;

// RE2: linear time whatever the input (a megabyte of one character included).
const BASE64 = new RE2('[A-Za-z0-9+/_-]{16,}={0,2}', 'g');
const HEX = new RE2(
  '(?:\\\\x[0-9a-fA-F]{2}){4,}|\\b(?:0x)?(?:[0-9a-fA-F]{2}){8,}\\b|\\b[0-9a-fA-F]{2}(?:[ :][0-9a-fA-F]{2}){5,}\\b',
  'g',
);
const URLENC = new RE2('(?:[^\\s%]*%[0-9A-Fa-f]{2}){2,}[^\\s%]*', 'g');
const UTF8 = new TextDecoder('utf-8');

/** Decoded bytes count as text when they are valid UTF-8 and nearly all printable. */
export function asText(bytes: Uint8Array): string | null {
  if (bytes.length < MIN_DECODED_CHARS || !isUtf8(bytes)) return null;
  let controls = 0;
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k]!;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) controls++;
  }
  if (controls > bytes.length * 0.03) return null;
  const s = UTF8.decode(bytes);
  let bad = 0;
  let readable = 0;
  let total = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    total++;
    if (cp === 9 || cp === 10 || cp === 13) readable++;
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) bad++;
    else if (cp < 0x7f) readable++;
    else if (/\p{L}|\p{N}|\p{P}|\p{Zs}/u.test(ch)) readable++;
  }
  if (total < MIN_DECODED_CHARS) return null;
  return bad <= total * 0.03 && readable >= total * 0.85 ? s : null;
}

function decodeBase64(s: string, budget: DecodeBudget): Uint8Array | null {
  // Numbers and plain lower-case words are far likelier than base64 that happens to look so.
  if (/^[0-9]+$/.test(s) || /^[a-z]+$/.test(s)) return null;
  let body = s.replace(/=+$/, '');
  const maxChars = Math.floor((budget.bytes * 4) / 3);
  if (body.length > maxChars) body = body.slice(0, maxChars - (maxChars % 4));
  if (body.length % 4 === 1) body = body.slice(0, -1);
  if (body.length < 8) return null;
  return Buffer.from(body, 'base64');
}

function decodeHex(s: string, budget: DecodeBudget): Uint8Array | null {
  let digits = s.replace(/\\x|^0x|[ :]/g, '');
  if (digits.length % 2 === 1) digits = digits.slice(0, -1);
  if (digits.length > budget.bytes * 2) digits = digits.slice(0, budget.bytes * 2);
  return Buffer.from(digits, 'hex');
}

function decodeUrl(s: string, budget: DecodeBudget): Uint8Array | null {
  const src = Buffer.from(s.slice(0, budget.bytes * 3), 'utf8');
  const out = Buffer.alloc(src.length);
  let n = 0;
  const hexVal = (b: number): number =>
    b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 55 : b >= 0x61 && b <= 0x66 ? b - 87 : -1;
  for (let k = 0; k < src.length; k++) {
    const b = src[k]!;
    if (b === 0x25 && k + 2 < src.length + 0) {
      const hi = hexVal(src[k + 1] ?? 0);
      const lo = hexVal(src[k + 2] ?? 0);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        k += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

// One RE2 pass for the necessary condition of every encoding: ordinary prose has none, and then
// skips the three extraction passes (V8's own regexes are slower here: no DFA for class runs).
const MAY_ENCODED = new RE2('[A-Za-z0-9+/_-]{16}|\\\\x[0-9a-fA-F]{2}|%[0-9A-Fa-f]{2}|[0-9a-fA-F]{2}[ :][0-9a-fA-F]{2}[ :]');

const DECODERS: ReadonlyArray<[Encoding, RE2, (s: string, b: DecodeBudget) => Uint8Array | null]> = [
  ['hex', HEX, decodeHex],
  ['base64', BASE64, decodeBase64],
  ['url', URLENC, decodeUrl],
];

/** Finds encoded blobs in `basic` whose decoding is readable text, within the byte budget. */
export function findBlobs(basic: MappedLayer, budget: DecodeBudget): FoundBlob[] {
  const text = basic.text;
  const found: FoundBlob[] = [];
  const taken: [number, number][] = [];
  if (!MAY_ENCODED.test(re2Input(text))) return found;
  for (const [encoding, re, decode] of DECODERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (found.length >= MAX_BLOBS || budget.bytes <= 0) return found;
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => a < e && s < b)) continue;
      const bytes = decode(m[0], budget);
      const decoded = bytes ? asText(bytes) : null;
      if (decoded === null) continue;
      budget.bytes -= bytes!.length;
      taken.push([s, e]);
      const [start, end] = basic.toOriginal(s, e);
      found.push({ start, end, encoding, text: decoded });
    }
  }
  return found;
}
