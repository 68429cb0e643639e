import RE2 from 're2';
import type { RawSecret } from './engine.js';
import type { Boundary, PatternRule } from './types.js';
import { escapeRe, stickyAt } from './util.js';
import { isPlaceholderToken } from './validate.js';

const DEFAULT_SCORE = 0.95;
const ALNUM = /[A-Za-z0-9]/;
const TOKEN = /[A-Za-z0-9_~-]/;

function touches(ch: string | undefined, b: Boundary): boolean {
  if (ch === undefined || b === 'none') return false;
  return b === 'token' ? TOKEN.test(ch) : ALNUM.test(ch);
}

/** Number of capturing groups in an RE2 source (escapes and character classes skipped). */
export function countGroups(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && src[i + 1] !== '?') n++;
    else if (c === '(' && src.startsWith('(?P<', i)) n++;
  }
  return n;
}

/** Leading literal characters of a pattern (used to split shaped from shapeless rules). */
export function literalPrefix(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && /[.$\-/]/.test(src[i + 1] ?? '')) {
      out += src[i + 1];
      i++;
    } else if (/[A-Za-z0-9_\-:/.=~]/.test(c) && c !== '.') {
      out += c;
    } else break;
  }
  // A quantifier after the last literal makes it optional or repeated: drop it.
  return /[?*{+]/.test(src[out.length] ?? '') ? out.slice(0, -1) : out;
}

// Small enough that each combined chunk stays in RE2's DFA.
const SHAPELESS_CHUNK = 6;

interface PatternSlot {
  readonly rule: PatternRule;
  readonly group: number;
  readonly inner: boolean;
  readonly prefix: string;
  sticky?: RE2;
  window?: number;
}

/**
 * Rules sharing one pass over the text. Shaped rules (a literal prefix of 2+ characters) are found
 * by one RE2 alternation of their prefixes and verified by their own sticky regex at each hit:
 * one combined alternation of all full patterns makes RE2 leave its DFA (state explosion) and run
 * tens of times slower. Shapeless rules are combined in small chunks, each one pass.
 */
/**
 * An upper bound on a rule's match length, read from its quantifiers (`{a,b}` → b, open `{a,}`
 * → 8,000, `*` / `+` → 1,000): the window a per-hit check needs to see.
 */
export function matchWindow(src: string): number {
  let n = 64;
  for (const m of src.matchAll(/\{(\d+)(,(\d*))?\}|[*+]/g)) {
    if (m[0] === '*' || m[0] === '+') n += 1000;
    else n += m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : 8000;
  }
  return Math.min(n, 24_000);
}

export class PatternSet {
  private readonly prefixRe: RE2 | null;
  private readonly byHead = new Map<string, PatternSlot[]>();
  private readonly chunks: Array<{ re: RE2; slots: PatternSlot[] }> = [];

  constructor(shaped: readonly PatternRule[], shapeless: readonly PatternRule[]) {
    const prefixes = new Set<string>();
    for (const rule of shaped) {
      const slot: PatternSlot = { rule, group: 0, inner: countGroups(rule.re) > 0, prefix: literalPrefix(rule.re) };
      const head = slot.prefix.slice(0, 2);
      const list = this.byHead.get(head) ?? [];
      list.push(slot);
      this.byHead.set(head, list);
      prefixes.add(slot.prefix);
    }
    for (const list of this.byHead.values()) list.sort((a, b) => b.prefix.length - a.prefix.length);
    const lits = [...prefixes].sort((a, b) => b.length - a.length).map(escapeRe);
    this.prefixRe = lits.length ? new RE2(lits.join('|'), 'g') : null;
    for (let i = 0; i < shapeless.length; i += SHAPELESS_CHUNK) {
      const slots: PatternSlot[] = [];
      const parts: string[] = [];
      let group = 1;
      for (const rule of shapeless.slice(i, i + SHAPELESS_CHUNK)) {
        const inner = countGroups(rule.re);
        slots.push({ rule, group, inner: inner > 0, prefix: literalPrefix(rule.re) });
        parts.push(`(${rule.re})`);
        group += 1 + inner;
      }
      this.chunks.push({ re: new RE2(parts.join('|'), 'gd'), slots });
    }
  }

  // Per-scan state: scans are synchronous, so one instance never interleaves two texts.
  private ends: EndFinder | null = null;

  scan(text: string, out: RawSecret[]): void {
    this.ends = null;
    if (this.prefixRe) this.scanPrefixed(text, out);
    for (const chunk of this.chunks) this.scanChunk(chunk, text, out);
  }

  private scanPrefixed(text: string, out: RawSecret[]): void {
    const re = this.prefixRe!;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const at = m.index;
      // A match that was found and rejected is skipped whole: retrying inside a long rejected run
      // (`ZXlK` repeated…) would make this pass quadratic.
      const { end } = this.tryAt(text, at, this.byHead.get(text.slice(at, at + 2)) ?? [], null, out);
      re.lastIndex = Math.max(end, at + 1);
    }
  }

  private scanChunk(chunk: { re: RE2; slots: PatternSlot[] }, text: string, out: RawSecret[]): void {
    const re = chunk.re;
    re.lastIndex = 0;
    // Re-scanning after a rejected match is allowed up to a budget, so the pass stays linear.
    let budget = text.length * 2 + 1024;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const s = m.index;
      const e = s + m[0].length;
      const slot = chunk.slots.find((sl) => m![sl.group] !== undefined);
      let ok = slot !== undefined && this.accept(slot, m, text, out);
      if (!ok) ok = this.tryAt(text, s, chunk.slots, slot ?? null, out).accepted;
      if (ok || budget <= 0) re.lastIndex = Math.max(e, s + 1);
      else {
        budget -= e - s;
        re.lastIndex = s + 1;
      }
    }
  }

  private accept(slot: PatternSlot, m: RegExpExecArray, text: string, out: RawSecret[]): boolean {
    const indices = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices;
    const whole = indices?.[slot.group];
    if (!whole) return false;
    const inner = slot.inner ? indices?.[slot.group + 1] : undefined;
    const [s, e] = inner ?? whole;
    return this.check(slot, text, whole[0], whole[1], s, e, out);
  }

  private check(slot: PatternSlot, text: string, ms: number, me: number, s: number, e: number, out: RawSecret[]): boolean {
    const rule = slot.rule;
    if (touches(text[ms - 1], rule.left ?? 'alnum') || touches(text[me], rule.right ?? 'alnum')) return false;
    const secret = text.slice(s, e);
    // The placeholder gate looks at the random part, not at a fixed prefix such as `GR1348941`.
    const body = slot.prefix.length > 1 && secret.startsWith(slot.prefix) ? secret.slice(slot.prefix.length) : secret;
    if (!rule.allowLowEntropy && isPlaceholderToken(body)) return false;
    let score: number = rule.score ?? DEFAULT_SCORE;
    if (rule.validate) {
      const v = rule.validate(secret);
      if (v === false) return false;
      if (typeof v === 'number') score = v;
    }
    let end = e;
    if (rule.id === 'private-key' || rule.id === 'pgp-private-key' || rule.id === 'putty-private-key') {
      this.ends ??= new EndFinder(text);
      end = extendKeyBody(text, s, e, rule.id === 'putty-private-key', this.ends);
      if (end === -1) return false;
    }
    out.push({ rule, start: s, end, score });
    return true;
  }

  /** Try rules one by one with their own sticky regex at `at`: the accepted (or furthest rejected) match end. */
  private tryAt(text: string, at: number, slots: readonly PatternSlot[], tried: PatternSlot | null, out: RawSecret[]): { accepted: boolean; end: number } {
    let furthest = at;
    for (const slot of slots) {
      if (slot === tried || (slot.prefix !== '' && !text.startsWith(slot.prefix, at))) continue;
      slot.sticky ??= new RE2(slot.rule.re, 'yd');
      const indices = stickyAt(slot.sticky, text, at, (slot.window ??= matchWindow(slot.rule.re)));
      const whole = indices?.[0];
      if (!whole) continue;
      const inner = slot.inner ? indices?.[1] : undefined;
      const [s, e] = inner ?? whole;
      if (this.check(slot, text, whole[0], whole[1], s, e, out)) return { accepted: true, end: whole[1] };
      furthest = Math.max(furthest, whole[1]);
    }
    return { accepted: false, end: furthest };
  }
}

const KEY_BODY_WINDOW = 12000;

/**
 * A key block's match is its BEGIN (or PuTTY header) line. With an END line within reach the
 * finding covers the whole block, which needs a real body; without one, it counts only when key
 * material follows, and covers that material. indexOf keeps this linear (no lazy regex scan).
 */
function extendKeyBody(text: string, s: number, e: number, putty: boolean, ends: EndFinder): number {
  const limit = Math.min(text.length, e + KEY_BODY_WINDOW);
  if (s < 0) return -1;
  if (putty) {
    const at = text.indexOf('Private-Lines:', e);
    if (at < 0 || at > limit) return -1;
    const lines = /^Private-Lines:\s*\d+\s+((?:[A-Za-z0-9+/=]|\s|\\n){40,})/.exec(text.slice(at, limit));
    return lines ? at + lines[0].trimEnd().length : -1;
  }
  const endAt = ends.next(e);
  if (endAt >= 0 && endAt < limit) {
    const close = text.indexOf('-----', endAt + 8);
    if (close < 0 || close - endAt > 60) return -1;
    const body = text.slice(e, endAt).replace(/\\n|\s/g, '');
    return body.length >= 8 ? close + 5 : -1;
  }
  let i = e;
  let material = 0;
  let last = e;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isB64(c)) {
      material++;
      last = i + 1;
    } else if (c === 92 && text[i + 1] === 'n') i++;
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
    i++;
  }
  return material >= 40 ? last : -1;
}

function isB64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

/**
 * The next `-----END` at or after a position, memoised for one scan: many BEGIN lines without an
 * END would otherwise each search the rest of the text.
 */
export class EndFinder {
  private from = -1;
  private at = -1;

  constructor(private readonly text: string) {}

  next(from: number): number {
    if (this.from >= 0 && from >= this.from && (this.at === -1 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.text.indexOf('-----END', from);
    return this.at;
  }
}

