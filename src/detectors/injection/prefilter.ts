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
const WINDOW = 256;

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

/** A match of `rule` at byte offsets [start, end). */
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
  /** Per automaton literal: the rules it wakes (with word-edge conditions), or a marker index. */
  private readonly wakes: (readonly Wake[])[] = [];
  private readonly markerOf: number[] = [];

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
    const literals = [...byLiteral.keys()];
    for (const lit of literals) {
      this.wakes.push(byLiteral.get(lit) ?? []);
      this.markerOf.push(-1);
    }
    markers.forEach((m, i) => {
      literals.push(m);
      this.wakes.push([]);
      this.markerOf.push(i);
    });
    this.automaton = new LiteralAutomaton(literals);
  }

  /**
   * Calls `onMatch` for every match of every rule (rule by rule, each in text order) with UTF-8
   * byte offsets into the returned buffer (null when no rule had to run), and `onMarker` for
   * every marker occurrence with its UTF-16 offset, in text order.
   */
  scan(text: string, onMatch: OnMatch, onMarker: (marker: number, start: number) => void = () => {}): Buffer | null {
    const n = text.length;
    const wins: number[][] = this.rules.map((r) => (r.full ? [0, n] : []));
    const widen = (rule: number, at: number, end: number): void => {
      const w = wins[rule] as number[];
      const s = Math.max(0, at - WINDOW);
      const e = Math.min(n, end + WINDOW);
      const last = w.length - 1;
      if (last > 0 && s <= (w[last] as number) && e >= (w[last - 1] as number)) {
        w[last - 1] = Math.min(w[last - 1] as number, s);
        w[last] = Math.max(w[last] as number, e);
      } else w.push(s, e);
    };
    const lens = this.automaton.literals;
    this.automaton.scan(text, (li, end) => {
      const at = end - (lens[li] as string).length;
      const marker = this.markerOf[li] as number;
      if (marker >= 0) onMarker(marker, at);
      for (const k of this.wakes[li] as Wake[]) {
        if (k.pre && at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
        if (k.post && end < n && isWordCode(text.charCodeAt(end))) continue;
        widen(k.rule, at, end);
      }
    });
    this.rules.forEach((r, i) => {
      if (!r.full) r.hint?.(text, (pos) => widen(i, pos, pos));
    });
    if (wins.every((w) => w.length === 0)) return null;
    const buf = Buffer.from(text, 'utf8');
    if (buf.length !== n) {
      const map = toBytes(text, [...new Set(wins.flat())].sort((a, b) => a - b));
      for (const w of wins) for (let i = 0; i < w.length; i++) w[i] = map.get(w[i] as number) ?? buf.length;
    }
    this.settle(buf, wins);
    this.rules.forEach(({ re }, r) => {
      const w = wins[r] as number[];
      for (let i = 0; i < w.length; i += 2) {
        const s = w[i] as number;
        const e = w[i + 1] as number;
        // A view ending at the window, searched from its start: RE2 sees the text before `s`.
        const view = e === buf.length ? buf : buf.subarray(0, e);
        re.lastIndex = s;
        for (let m = re.exec(view); m !== null; m = re.exec(view)) {
          const len = m[0].length;
          if (len === 0) re.lastIndex++;
          else onMatch(r, m.index, m.index + len);
        }
      }
    });
    return buf;
  }

  /**
   * Sorts and merges each rule's byte windows; each starts on a character boundary and ends on a
   * non-word byte, so `\b` at the window's end reads as it would in the whole text.
   */
  private settle(buf: Buffer, wins: number[][]): void {
    const n = buf.length;
    for (const w of wins) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < w.length; i += 2) pairs.push([w[i] as number, w[i + 1] as number]);
      pairs.sort((a, b) => a[0] - b[0]);
      w.length = 0;
      for (const [s0, e0] of pairs) {
        let s = s0;
        let e = e0;
        while (s > 0 && ((buf[s] as number) & 0xc0) === 0x80) s--;
        while (e < n && (isWordByte(buf[e] as number) || ((buf[e] as number) & 0xc0) === 0x80)) e++;
        const last = w.length - 1;
        if (last > 0 && s <= (w[last] as number)) w[last] = Math.max(w[last] as number, e);
        else w.push(s, e);
      }
    }
  }
}
