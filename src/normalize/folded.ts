import { DerivedBuilder, type MappedLayer } from './layer.js';

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's',
};
const TOKEN = /[\p{L}\p{M}\p{Nd}@$]+/gu;
const MARKS = /\p{M}/gu;

/**
 * Whether a token is leetspeak: it holds letters and at least one leet character comes after a
 * letter ("1gn0r3", "h4ck"). A number with a unit or ordinal ("4th", "10am") is left alone.
 */
function isLeetToken(tok: string): boolean {
  let seenLetter = false;
  for (let k = 0; k < tok.length; k++) {
    const c = tok.charCodeAt(k) | 0x20;
    if (c >= 0x61 && c <= 0x7a) seenLetter = true;
    else if (seenLetter && LEET[tok[k]!] !== undefined) return true;
  }
  return false;
}

function foldChar(ch: string): string {
  return ch.toLowerCase().normalize('NFD').replace(MARKS, '');
}

/**
 * `basic` lower-cased, with accents and other combining marks stripped and leetspeak folded, for
 * keyword and injection matching ("1GN0RÉ" → "ignore").
 */
export function buildFolded(basic: MappedLayer, originalLength: number): MappedLayer {
  const text = basic.text;
  const out = new DerivedBuilder(basic, originalLength);
  const leetRanges: [number, number][] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    if (isLeetToken(m[0])) leetRanges.push([m.index, m.index + m[0].length]);
  }
  let r = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    while (r < leetRanges.length && leetRanges[r]![1] <= i) r++;
    const inLeet = r < leetRanges.length && leetRanges[r]![0] <= i;
    if (c < 0x80 && !inLeet) {
      // Plain ASCII stretch up to the next leet token: lower-case it in one piece.
      const stop = r < leetRanges.length ? Math.min(n, leetRanges[r]![0]) : n;
      let m = i + 1;
      while (m < stop && text.charCodeAt(m) < 0x80) m++;
      out.copyAs(text.slice(i, m).toLowerCase(), i);
      i = m;
      continue;
    }
    if (c < 0x80) {
      const ch = text[i]!;
      const leet = inLeet ? LEET[ch] : undefined;
      if (leet !== undefined) out.push(leet, i, i + 1);
      else if (c >= 0x41 && c <= 0x5a) out.push(String.fromCharCode(c + 32), i, i + 1);
      else out.copy(i, i + 1);
      i++;
      continue;
    }
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    out.push(foldChar(text.slice(i, i + w)), i, i + w);
    i += w;
  }
  return out.build();
}
