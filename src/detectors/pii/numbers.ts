import RE2 from 're2';
import { RAW_RULES_BY_LENGTH, RULES_BY_LENGTH, type IdRule } from './ids.js';

export interface IdMatch {
  readonly rule: IdRule;
  /** Layer offsets of the window. */
  readonly start: number;
  readonly end: number;
  /** The value without separators, upper-cased. */
  readonly compact: string;
}

/** A token holding at least one digit: where identifier candidates start. */
const ANCHOR = new RE2('[A-Za-z0-9]*[0-9][A-Za-z0-9]*', 'g');
const SEPARATORS = new Set([' ', '-', '.', '/']);
const MAX_CHAIN = 10;
const MAX_COMPACT = 34;
const MAX_TOKEN = 34;

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const hasDigit = (s: string): boolean => /\d/.test(s);

/** A token may join a chain when it has a digit or is a short upper-case code ("DE", "GB49 AHER"). */
function chainable(t: string): boolean {
  return hasDigit(t) || (t.length <= 4 && /^[A-Z]+$/.test(t));
}

function tokenBefore(text: string, pos: number): Tok | null {
  // pos is the start of the current token; expect exactly one separator before it.
  if (pos < 2 || !SEPARATORS.has(text[pos - 1]!)) return null;
  let s = pos - 1;
  while (s > 0 && isAlnum(text.charCodeAt(s - 1)) && pos - 1 - s < MAX_TOKEN) s--;
  if (s === pos - 1 || (s > 0 && isAlnum(text.charCodeAt(s - 1)))) return null;
  return { start: s, end: pos - 1, text: text.slice(s, pos - 1) };
}

function tokenAfter(text: string, pos: number): Tok | null {
  if (pos + 1 >= text.length || !SEPARATORS.has(text[pos]!)) return null;
  let e = pos + 1;
  while (e < text.length && isAlnum(text.charCodeAt(e)) && e - pos - 1 < MAX_TOKEN) e++;
  if (e === pos + 1 || (e < text.length && isAlnum(text.charCodeAt(e)))) return null;
  return { start: pos + 1, end: e, text: text.slice(pos + 1, e) };
}

/**
 * Identifier candidates: chains of adjacent tokens joined by single separators around every
 * token that holds a digit, tried as every contiguous window ("AB 12 34 56 C", "078-05-1123",
 * "GB82 WEST 1234 …"). Work per chain is bounded, so the scan stays linear in the text.
 */
export function scanIds(text: string, enabled: (rule: IdRule) => boolean, maxCandidates: number): IdMatch[] {
  const out: IdMatch[] = [];
  let processedTo = 0;
  let candidates = 0;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    if (m.index < processedTo) continue;
    if (++candidates > maxCandidates) break;
    const anchor: Tok = { start: m.index, end: m.index + m[0].length, text: m[0] };
    if (anchor.text.length > MAX_TOKEN) {
      processedTo = anchor.end;
      continue;
    }
    const chain: Tok[] = [anchor];
    for (let t = tokenBefore(text, anchor.start); t && chain.length < 3 && chainable(t.text); t = tokenBefore(text, t.start)) {
      if (t.start < processedTo) break;
      chain.unshift(t);
    }
    for (let t = tokenAfter(text, anchor.end); t && chain.length < MAX_CHAIN && chainable(t.text); t = tokenAfter(text, t.end)) {
      chain.push(t);
    }
    processedTo = chain[chain.length - 1]!.end;
    windows(text, chain, enabled, out);
  }
  return out;
}

function windows(text: string, chain: readonly Tok[], enabled: (rule: IdRule) => boolean, out: IdMatch[]): void {
  for (let i = 0; i < chain.length; i++) {
    let compact = '';
    let digit = false;
    for (let j = i; j < chain.length; j++) {
      compact += chain[j]!.text.toUpperCase();
      digit ||= hasDigit(chain[j]!.text);
      if (compact.length > MAX_COMPACT) break;
      if (!digit) continue;
      const start = chain[i]!.start;
      const end = chain[j]!.end;
      test(RULES_BY_LENGTH.get(compact.length), compact, start, end, enabled, out);
      const rawRules = RAW_RULES_BY_LENGTH.get(end - start);
      if (rawRules) test(rawRules, text.slice(start, end).toUpperCase(), start, end, enabled, out);
    }
  }
}

function test(rules: readonly IdRule[] | undefined, value: string, start: number, end: number, enabled: (rule: IdRule) => boolean, out: IdMatch[]): void {
  if (!rules) return;
  for (const rule of rules) {
    if (!enabled(rule) || !rule.shape.test(value)) continue;
    if (rule.check && !rule.check(value)) continue;
    out.push({ rule, start, end, compact: value });
  }
}
