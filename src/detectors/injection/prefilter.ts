import RE2 from 're2';
import { patternAnchors } from './anchors.js';
import { LiteralAutomaton } from './automaton.js';

/**
 * Runs many RE2 rules over a text at little more than the cost of one pass. Every rule's matches
 * contain one of its anchor literals (derived from its patterns, see `anchors.ts`), so one
 * Aho-Corasick pass over all anchors finds where matches can be, and each rule then runs only on
 * windows of WINDOW characters around its own anchors. A text with no anchor costs one DFA pass; a text dense
 * with anchors costs what running every rule over all of it did (linear either way).
 *
 * The findings are those of a full scan for every match shorter than WINDOW characters: a window ends
 * on a non-word byte and RE2 sees the whole text before a window's start, so `^` and `\b` behave
 * as in the full text, and windows that touch are merged so no match is counted twice.
 */

/** Characters kept on each side of an anchor: longer than any realistic match of a signal. */
const WINDOW = 128;

export interface Rule {
  /** RE2 patterns, joined as one alternation in this order. */
  readonly patterns: readonly string[];
  /**
   * Reports positions near which the rule's patterns without a literal anchor can match; every
   * such match must lie within WINDOW characters of a reported position (or of a run of them).
   */
  readonly hint?: (text: string, at: (pos: number) => void) => void;
}

interface CompiledRule {
  readonly re: RE2;
  /** No usable anchor and no hint: the rule runs over the whole text. */
  readonly full: boolean;
  readonly hint: Rule['hint'];
}

/** A match of `rule` at string offsets [start, end). */
export type OnMatch = (rule: number, start: number, end: number) => void;

const isWordByte = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;

interface Wake {
  readonly rule: number;
  readonly pre: boolean;
  readonly post: boolean;
}

const isWordCode = (c: number): boolean => c < 0x80 && isWordByte(c);

/** UTF-16 offsets (sorted) to UTF-8 byte offsets of `text`, in one walk. */
function toBytes(text: string, sorted: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  let bytes = 0;
  let k = 0;
  for (let i = 0; k < sorted.length; ) {
    while (k < sorted.length && (sorted[k] as number) <= i) map.set(sorted[k++] as number, bytes);
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 2;
      continue;
    } else bytes += 3;
    i++;
  }
  return map;
}

export class WindowScanner {
  private readonly rules: readonly CompiledRule[];
  private readonly automaton: LiteralAutomaton;
  private readonly litLength: Int32Array;
  /** Marker index of each automaton literal, or -1 for an anchor. */
  private readonly markerOf: Int32Array;
  /** The rules each anchor wakes: entries wakeFrom[lit]..wakeFrom[lit+1] of wakeRule/wakeEdge. */
  private readonly wakeFrom: Int32Array;
  private readonly wakeRule: Int32Array;
  /** Bit 1: needs a non-word character before; bit 2: after. */
  private readonly wakeEdge: Uint8Array;

  /**
   * `markers` are extra literals whose positions are reported to the caller as they are, for
   * structural signals that look around a keyword in JavaScript.
   */
  constructor(rules: readonly Rule[], markers: readonly string[] = []) {
    const byLiteral = new Map<string, Wake[]>();
    this.rules = rules.map((rule, index) => {
      const sets = rule.patterns.map(patternAnchors);
      const full = sets.some((s) => s === null) && !rule.hint;
      if (!full) {
        for (const a of sets.flat()) if (a) byLiteral.set(a.lit, [...(byLiteral.get(a.lit) ?? []), { rule: index, pre: a.pre, post: a.post }]);
      }
      return { re: new RE2(rule.patterns.map((p) => `(?:${p})`).join('|'), 'gm'), full, hint: rule.hint };
    });
    const literals = [...byLiteral.keys(), ...markers];
    const wakes = literals.map((lit, i) => (i < byLiteral.size ? (byLiteral.get(lit) ?? []) : []));
    this.litLength = Int32Array.from(literals, (l) => l.length);
    this.markerOf = Int32Array.from(literals, (_l, i) => (i < byLiteral.size ? -1 : i - byLiteral.size));
    this.wakeFrom = new Int32Array(literals.length + 1);
    wakes.forEach((w, i) => (this.wakeFrom[i + 1] = (this.wakeFrom[i] as number) + w.length));
    this.wakeRule = Int32Array.from(wakes.flat(), (w) => w.rule);
    this.wakeEdge = Uint8Array.from(wakes.flat(), (w) => (w.pre ? 1 : 0) | (w.post ? 2 : 0));
    this.automaton = new LiteralAutomaton(literals);
  }

  /**
   * Calls `onMatch` for every match of every rule (rule by rule, each in text order) and
   * `onMarker` for every marker occurrence, with string (UTF-16) offsets.
   */
  scan(text: string, onMatch: OnMatch, onMarker: (marker: number, start: number) => void = () => {}): void {
    const n = text.length;
    const wins: number[][] = this.rules.map((r) => (r.full ? [0, n] : []));
    const widen = (rule: number, at: number, end: number): void => {
      const w = wins[rule] as number[];
      const s = at > WINDOW ? at - WINDOW : 0;
      const e = end + WINDOW < n ? end + WINDOW : n;
      const last = w.length - 1;
      if (last > 0 && s <= (w[last] as number) && e >= (w[last - 1] as number)) {
        if (s < (w[last - 1] as number)) w[last - 1] = s;
        if (e > (w[last] as number)) w[last] = e;
      } else w.push(s, e);
    };
    const { litLength, markerOf, wakeFrom, wakeRule, wakeEdge } = this;
    const hits = this.automaton.hits(text);
    for (let h = 0; h < hits.length; h += 2) {
      const li = hits[h] as number;
      const end = hits[h + 1] as number;
      const at = end - (litLength[li] as number);
      const marker = markerOf[li] as number;
      if (marker >= 0) onMarker(marker, at);
      const before = at > 0 && isWordCode(text.charCodeAt(at - 1));
      const after = end < n && isWordCode(text.charCodeAt(end));
      for (let k = wakeFrom[li] as number, to = wakeFrom[li + 1] as number; k < to; k++) {
        const edge = wakeEdge[k] as number;
        if ((edge & 1 && before) || (edge & 2 && after)) continue;
        widen(wakeRule[k] as number, at, end);
      }
    }
    this.rules.forEach((r, i) => {
      if (!r.full) r.hint?.(text, (pos) => widen(i, pos, pos));
    });
    if (wins.every((w) => w.length === 0)) return;
    settle(text, wins);
    const buf = Buffer.from(text, 'utf8');
    const ascii = buf.length === n;
    const bytes = ascii ? null : toBytes(text, [...new Set(wins.flat())].sort((x, y) => x - y));
    this.rules.forEach(({ re }, r) => {
      const w = wins[r] as number[];
      for (let i = 0; i < w.length; i += 2) {
        const s16 = w[i] as number;
        const e16 = w[i + 1] as number;
        const s = bytes ? (bytes.get(s16) as number) : s16;
        const e = bytes ? (bytes.get(e16) as number) : e16;
        // A view ending at the window, searched from its start: RE2 sees the text before `s`.
        const view = e === buf.length ? buf : buf.subarray(0, e);
        // Byte offsets back to string offsets by walking forward from the window's start:
        // matches come in order, so the walk covers the window once.
        let at16 = s16;
        let at = s;
        const toUtf16 = (target: number): number => {
          while (at < target) {
            const c = text.charCodeAt(at16);
            if (c < 0x80) at += 1;
            else if (c < 0x800) at += 2;
            else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at16 + 1) & 0xfc00) === 0xdc00) {
              at += 4;
              at16++;
            } else at += 3;
            at16++;
          }
          return at16;
        };
        re.lastIndex = s;
        for (let m = re.exec(view); m !== null; m = re.exec(view)) {
          const len = m[0].length;
          if (len === 0) re.lastIndex++;
          else if (ascii) onMatch(r, m.index, m.index + len);
          else onMatch(r, toUtf16(m.index), toUtf16(m.index + len));
        }
      }
    });
  }
}

const isLowSurrogate = (c: number): boolean => (c & 0xfc00) === 0xdc00;

/**
 * Sorts and merges each rule's windows; each starts on a character boundary and ends before a
 * non-word character, so `\b` at the window's end reads as it would in the whole text.
 */
function settle(text: string, wins: number[][]): void {
  const n = text.length;
  for (const w of wins) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < w.length; i += 2) pairs.push([w[i] as number, w[i + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    w.length = 0;
    for (const [s0, e0] of pairs) {
      let s = s0;
      let e = e0;
      if (s > 0 && isLowSurrogate(text.charCodeAt(s))) s--;
      while (e < n && (isWordCode(text.charCodeAt(e)) || isLowSurrogate(text.charCodeAt(e)))) e++;
      const last = w.length - 1;
      if (last > 0 && s <= (w[last] as number)) w[last] = Math.max(w[last] as number, e);
      else w.push(s, e);
    }
  }
}
