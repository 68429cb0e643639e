import type RE2 from 're2';
import type { PolicyConfig } from '../config/policy.js';
import type { Action } from '../config/schema.js';
import type { Segment } from '../detectors/types.js';
import { compilePatternSet, compileRe2 } from './patterns.js';
import type { PolicyFinding } from './types.js';

export interface PatternHit {
  readonly rule: string;
  readonly finding: PolicyFinding;
}

export interface CompiledPatterns {
  readonly hasAllow: boolean;
  readonly hasDeny: boolean;
  /** The first deny hit (segments in order), or undefined. */
  deny(segments: readonly Segment[]): PatternHit | undefined;
  /** The first user text that matches no allow pattern, or undefined. */
  notAllowed(segments: readonly Segment[]): PatternHit | undefined;
  /** Every match of the named `rules:` (any action). */
  ruleFindings(segments: readonly Segment[]): PolicyFinding[];
}

/** Texts the caller wrote: chat user turns and the prompt/input of completion-style APIs. */
const USER_ROLES = new Set(['user', 'prompt', 'input']);

function span(re: RE2, text: string): [number, number] {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : [0, 0];
}

export function compilePatterns(policy: Pick<PolicyConfig, 'deny_patterns' | 'allow_patterns' | 'rules'>): CompiledPatterns {
  const deny = compilePatternSet(policy.deny_patterns, 'deny_patterns');
  const allow = compilePatternSet(policy.allow_patterns, 'allow_patterns');
  const denySingles = policy.deny_patterns.map((p, i) => compileRe2(p, 'deny_patterns', i));
  const rules = policy.rules.map((r, i) => ({
    name: r.name ?? `rules[${i}]`,
    action: r.action as Action,
    re: compileRe2(r.pattern, 'rules', i, 'gu'),
  }));
  const anyRule = compilePatternSet(policy.rules.map((r) => r.pattern), 'rules');

  return {
    hasAllow: allow.size > 0,
    hasDeny: deny.size > 0,
    deny(segments) {
      if (deny.size === 0) return undefined;
      for (let s = 0; s < segments.length; s++) {
        const text = segments[s]!.text;
        const i = deny.firstMatch(text);
        if (i < 0) continue;
        const [start, end] = span(denySingles[i]!, text);
        const rule = `deny_patterns[${i}]`;
        const finding: PolicyFinding = { detector: 'regex', type: rule, segment: s, start, end, score: 1, reason: `matches ${rule}`, action: 'block' };
        return { rule, finding };
      }
      return undefined;
    },
    notAllowed(segments) {
      if (allow.size === 0) return undefined;
      for (let s = 0; s < segments.length; s++) {
        const seg = segments[s]!;
        if (!USER_ROLES.has(seg.role) || seg.kind !== 'text') continue;
        if (allow.firstMatch(seg.text) >= 0) continue;
        const rule = 'allow_patterns';
        const finding: PolicyFinding = {
          detector: 'regex', type: rule, segment: s, start: 0, end: 0, score: 1, reason: 'user text matches none of allow_patterns', action: 'block',
        };
        return { rule, finding };
      }
      return undefined;
    },
    ruleFindings(segments) {
      const out: PolicyFinding[] = [];
      if (rules.length === 0) return out;
      for (let s = 0; s < segments.length; s++) {
        const text = segments[s]!.text;
        if (anyRule.firstMatch(text) < 0) continue;
        for (const r of rules) {
          r.re.lastIndex = 0;
          // No cap on matches: a redaction that stopped at the Nth value would leak the rest.
          for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
            // An empty match would loop forever; step past it.
            if (m[0].length === 0) {
              r.re.lastIndex = m.index + 1;
              continue;
            }
            out.push({ detector: 'regex', type: r.name, segment: s, start: m.index, end: m.index + m[0].length, score: 1, reason: `matches rule ${r.name}`, action: r.action });
          }
        }
      }
      return out;
    },
  };
}
