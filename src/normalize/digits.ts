import { DerivedBuilder, type MappedLayer } from './layer.js';

const WORD_DIGITS: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9', niner: '9',
};
const MULTIPLIERS: Readonly<Record<string, number>> = { double: 2, triple: 3 };
const CN_DIGITS: Readonly<Record<string, string>> = {
  '〇': '0', '零': '0', '一': '1', '二': '2', '两': '2', '三': '3', '四': '4', '五': '5', '六': '6',
  '七': '7', '八': '8', '九': '9', '壹': '1', '贰': '2', '貳': '2', '叁': '3', '參': '3', '肆': '4',
  '伍': '5', '陆': '6', '陸': '6', '柒': '7', '捌': '8', '玖': '9',
};
const CN_CLASS = Object.keys(CN_DIGITS).join('');
const TOKEN = new RegExp(
  `(\\p{Nd}+)|\\b(${[...Object.keys(WORD_DIGITS), ...Object.keys(MULTIPLIERS)].join('|')})\\b|([${CN_CLASS}]+)`,
  'giu',
);
/** Between two digit groups: one space, dot or dash ("4111 1111-1111.1111", "555 - 1234"). */
const NUM_GAP = /^(?:[ .\-\u2010-\u2015]| [-\u2013\u2014] )$/;
/** Around spelled-out or Chinese digits: short runs of spaces, commas, dots and dashes. */
const WORD_GAP = /^[\s,.\-\u2010-\u2015、，]{0,3}$/;
/** A run with spelled-out digits is converted only when it spells at least this many digits. */
const MIN_SPELLED_DIGITS = 4;

type Kind = 'num' | 'word' | 'mult' | 'cn';
interface Token {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  /** ASCII digits this token stands for ('' for a multiplier). */
  readonly digits: string;
  readonly times: number;
}

const ndZero = new Map<number, number>();
const ND = /^\p{Nd}$/u;

/** Value of any Unicode decimal digit: Nd characters come in aligned runs of ten, 0 first. */
export function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let zero = ndZero.get(cp);
  if (zero === undefined) {
    let first = cp;
    for (let k = 0; k < 200 && ND.test(String.fromCodePoint(first - 1)); k++) first--;
    zero = first;
    ndZero.set(cp, zero);
  }
  return (cp - zero) % 10;
}

function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : String(digitValue(cp));
  }
  return out;
}

/**
 * `basic` plus: every Unicode digit as ASCII, spelled-out English and Chinese digits as digits,
 * and digit groups joined across single spaces, dots and dashes, so number detectors see
 * "4111 1111-1111.1111" and "four one one one …" as one run of digits.
 */
export function buildDigits(basic: MappedLayer, originalLength: number): MappedLayer {
  const text = basic.text;
  const out = new DerivedBuilder(basic, originalLength);
  let pos = 0;
  let run: Token[] = [];

  const emitPlain = (a0: number, a1: number): void => {
    // Copy unchanged except for non-ASCII digits, each replaced by its ASCII value.
    let k = a0;
    while (k < a1) {
      let m = k;
      while (m < a1 && text.charCodeAt(m) < 0x80) m++;
      out.copy(k, m);
      if (m >= a1) break;
      const cp = text.codePointAt(m)!;
      const w = cp > 0xffff ? 2 : 1;
      if (ND.test(String.fromCodePoint(cp))) out.push(String(digitValue(cp)), m, m + w);
      else out.copy(m, m + w);
      k = m + w;
    }
  };

  const flush = (): void => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    emitPlain(pos, first.start);
    const spelled = run.some((t) => t.kind !== 'num');
    let count = 0;
    for (let k = 0; k < run.length; k++) {
      const t = run[k]!;
      const next = run[k + 1];
      count += t.kind === 'mult' && next && next.digits.length === 1 ? t.times - 1 : t.digits.length;
    }
    const join = spelled ? count >= MIN_SPELLED_DIGITS : run.length >= 2;
    if (!join) {
      emitPlain(first.start, last.end);
    } else {
      for (let k = 0; k < run.length; k++) {
        const t = run[k]!;
        const next = run[k + 1];
        if (t.kind === 'mult' && next && next.digits.length === 1) {
          out.push(next.digits.repeat(t.times), t.start, next.end);
          k++;
        } else if (t.kind === 'num') emitPlain(t.start, t.end);
        else if (t.kind === 'mult') out.copy(t.start, t.end);
        else out.push(t.digits, t.start, t.end);
      }
    }
    pos = last.end;
    run = [];
  };

  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    let tok: Token;
    if (m[1] !== undefined) tok = { kind: 'num', start, end, digits: asciiDigits(m[1]), times: 0 };
    else if (m[2] !== undefined) {
      const w = m[2].toLowerCase();
      const times = MULTIPLIERS[w];
      tok = times ? { kind: 'mult', start, end, digits: '', times } : { kind: 'word', start, end, digits: WORD_DIGITS[w] ?? '', times: 0 };
    } else {
      let d = '';
      for (const ch of m[3]!) d += CN_DIGITS[ch] ?? '';
      tok = { kind: 'cn', start, end, digits: d, times: 0 };
    }
    const prev = run[run.length - 1];
    if (prev) {
      const gap = start - prev.end <= 3 ? text.slice(prev.end, start) : null;
      const ok = gap !== null && (prev.kind === 'num' && tok.kind === 'num' ? NUM_GAP.test(gap) : WORD_GAP.test(gap));
      if (!ok) flush();
    }
    run.push(tok);
  }
  flush();
  emitPlain(pos, text.length);
  return out.build();
}
