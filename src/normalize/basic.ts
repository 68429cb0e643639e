import { CONFUSABLES } from './confusables.js';
import { invisibleKind, isBenignInvisible } from './invisible.js';
import { LayerBuilder, MappedLayer } from './layer.js';

export interface BasicResult {
  readonly layer: MappedLayer;
  readonly invisible: [number, number][];
}

const PLAIN = /^[\x09\x0a\x0d\x20-\x7e]*$/;
const MARK = /^\p{M}$/u;
/** Marks after one base character beyond this many are zalgo noise: cut the cluster there. */
const MAX_CLUSTER_MARKS = 16;

function codePointAtSafe(text: string, i: number): number {
  if (i >= text.length) return -1;
  return text.codePointAt(i) ?? -1;
}

const CHUNK = 256;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** End of a run of non-ASCII, visible, well-paired characters starting at `i` (at most CHUNK units). */
function plainChunkEnd(text: string, i: number): number {
  const n = Math.min(text.length, i + CHUNK);
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c < 0x80) break;
    let cp = c;
    let w = 1;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = k + 1 < text.length ? text.charCodeAt(k + 1) : 0;
      if (c > 0xdbff || !isLowSurrogate(d) || k + 2 > n) break;
      cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      w = 2;
    }
    if (invisibleKind(cp) !== null) break;
    k += w;
  }
  return k;
}

function isMark(cp: number): boolean {
  return cp >= 0x300 && MARK.test(String.fromCodePoint(cp));
}

/**
 * NFKC per grapheme-ish cluster (a base character plus its combining marks) so every output unit
 * still maps to a small original range; invisible characters are dropped and their ranges kept;
 * lone surrogates become U+FFFD so later UTF-8 based matchers (RE2) keep exact offsets.
 */
export function buildBasic(text: string): BasicResult {
  if (PLAIN.test(text)) return { layer: new MappedLayer(text, text.length, null, null), invisible: [] };
  const b = new LayerBuilder(text.length);
  const invisible: [number, number][] = [];
  const n = text.length;
  let prevCp = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      let m = i + 1;
      while (m < n && text.charCodeAt(m) < 0x80) m++;
      // Leave the last ASCII letter to the cluster code when combining marks follow it.
      if (m < n && m - 1 > i && isMark(text.charCodeAt(m))) m--;
      if (m - i > 1 || !(m < n && isMark(text.charCodeAt(m)))) {
        b.pushIdentity(text.slice(i, m), i);
        prevCp = text.charCodeAt(m - 1);
        i = m;
        continue;
      }
    } else {
      const m = plainChunkEnd(text, i);
      if (m > i) {
        const chunk = text.slice(i, m);
        // A chunk already in NFKC maps one to one (substrings of normalized text are normalized).
        if (chunk.normalize('NFKC') === chunk) {
          b.pushIdentity(chunk, i);
          prevCp = text.codePointAt(m - 1 - (isLowSurrogate(text.charCodeAt(m - 1)) ? 1 : 0)) ?? -1;
          i = m;
          continue;
        }
      }
    }
    let cp = c;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        len = 2;
      }
    }
    if (len === 1 && c >= 0xd800 && c <= 0xdfff) {
      b.push('\ufffd', i, i + 1);
      prevCp = 0xfffd;
      i++;
      continue;
    }
    if (invisibleKind(cp) !== null) {
      if (!isBenignInvisible(cp, prevCp, codePointAtSafe(text, i + len))) {
        const last = invisible[invisible.length - 1];
        if (last && last[1] === i) last[1] = i + len;
        else invisible.push([i, i + len]);
      }
      i += len;
      continue;
    }
    let j = i + len;
    let marks = 0;
    while (j < n && marks < MAX_CLUSTER_MARKS) {
      const d = text.charCodeAt(j);
      if (d < 0x300 || (d >= 0xd800 && d <= 0xdfff)) break;
      if (!isMark(d) || invisibleKind(d) !== null) break;
      j++;
      marks++;
    }
    const cluster = text.slice(i, j);
    b.push(cluster.normalize('NFKC'), i, j);
    prevCp = cp;
    i = j;
  }
  const built = b.build(n);
  const folded = foldConfusables(built.text);
  const layer = folded === built.text ? built : built.withText(folded);
  return { layer, invisible };
}

const CONF_CLASS = new RegExp(`[${Array.from(CONFUSABLES.keys(), (k) => String.fromCharCode(k)).join('')}]`);
const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
const LETTER = /\p{L}/u;

/**
 * Folds look-alike letters to Latin inside a word only when the word mixes them with Latin
 * letters ("іgnore" with a Cyrillic і) or is spelled entirely with look-alikes ("раураl"), so
 * genuine Russian or Greek words stay readable. Replacements are one unit for one unit.
 */
function foldConfusables(text: string): string {
  if (!CONF_CLASS.test(text)) return text;
  return text.replace(WORD, (word) => {
    let hasConf = false;
    let hasLatin = false;
    let allFoldable = true;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) hasLatin = true;
      else if (CONFUSABLES.has(c)) hasConf = true;
      else if (c >= 0x80 && LETTER.test(word[k]!)) allFoldable = false;
    }
    if (!hasConf || !(hasLatin || allFoldable)) return word;
    let out = '';
    for (let k = 0; k < word.length; k++) out += CONFUSABLES.get(word.charCodeAt(k)) ?? word[k]!;
    return out;
  });
}
