import RE2 from 're2';
import { re2Input } from '../normalize/index.js';

/**
 * `deny_patterns` / `allow_patterns` compiled once per policy. RE2 gives linear-time matching, so
 * no operator pattern (or hostile text) can hang the gateway. Patterns use search semantics: a
 * pattern matches when it matches anywhere in the text.
 */
export interface PatternSet {
  readonly size: number;
  /** Index of the first pattern (in config order) that matches `text`, or -1. */
  firstMatch(text: string): number;
}

/** Thrown for a pattern RE2 cannot compile; `index` says which entry of the list. */
export class PatternError extends Error {
  constructor(
    readonly list: string,
    readonly index: number,
    detail: string,
  ) {
    super(`${list}[${index}]: not a valid RE2 pattern (${detail})`);
  }
}

export function compileRe2(pattern: string, list: string, index: number, flags = 'u'): RE2 {
  try {
    return new RE2(pattern, flags);
  } catch (err) {
    throw new PatternError(list, index, err instanceof Error ? err.message : String(err));
  }
}

/**
 * Under search semantics a leading or trailing unbounded `.*` changes nothing (it may match the
 * empty string), but it stops RE2 from jumping to a literal with memchr: `.*账号.*` scans a 50 KB
 * prompt about 100× slower than `账号`. Strip it when that is plainly safe (no alternation).
 */
export function searchForm(pattern: string): string {
  if (pattern.includes('|')) return pattern;
  const flags = /^\(\?[a-zA-Z]+\)/.exec(pattern)?.[0] ?? '';
  let body = pattern.slice(flags.length);
  // Anchored forms (`^.*`, `.*$`) are not equivalent: `.` stops at a newline. Leave them.
  const lead = /^\.\*(?![?*+{])/.exec(body);
  if (lead) body = body.slice(lead[0].length);
  const trail = /\.\*$/.exec(body);
  if (trail) {
    // An escaped dot (`\.*`) is a literal: count the backslashes before it.
    let k = trail.index - 1;
    let slashes = 0;
    while (k >= 0 && body[k] === '\\') {
      slashes++;
      k--;
    }
    if (slashes % 2 === 0) body = body.slice(0, trail.index);
  }
  return body === '' ? pattern : flags + body;
}

export function compilePatternSet(patterns: readonly string[], list: string): PatternSet {
  patterns.forEach((p, i) => compileRe2(p, list, i)); // report errors against what the operator wrote
  patterns = patterns.map(searchForm);
  const single = patterns.map((p, i) => compileRe2(p, list, i));
  if (single.length === 0) return { size: 0, firstMatch: () => -1 };
  // One combined alternation answers the common "nothing matched" case in a single pass; the
  // per-pattern regexes only run to name the rule once something did match.
  let combined: RE2 | undefined;
  if (single.length > 1) {
    try {
      combined = new RE2(patterns.map((p) => `(?:${p})`).join('|'), 'u');
    } catch {
      // e.g. duplicate named groups across patterns: fall back to one pass per pattern.
      combined = undefined;
    }
  }
  return {
    size: single.length,
    firstMatch(text: string): number {
      const input = re2Input(text);
      if (combined && !combined.test(input)) return -1;
      for (let i = 0; i < single.length; i++) if (single[i]!.test(input)) return i;
      return -1;
    },
  };
}
