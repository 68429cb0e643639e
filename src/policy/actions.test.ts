import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSpans, rewrite } from './actions.js';
import type { PolicyFinding } from './types.js';
import { partialPlaceholderStart, RequestVault } from './vault.js';

const action = fc.constantFrom('redact' as const, 'pseudonymize' as const, 'flag' as const);

function finding(start: number, end: number, a: PolicyFinding['action'], type = 'EMAIL_ADDRESS'): PolicyFinding {
  return { detector: 'pii', type, segment: 0, start, end, score: 0.5, reason: 'r', action: a };
}

describe('rewrite', () => {
  it('keeps every character outside findings, in order, and spans stay inside the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 }), action), { maxLength: 8 }),
        (text, raw) => {
          const fs = raw.map(([a, b, act]) => finding(Math.min(a, b), Math.max(a, b), act));
          const actionable = fs.filter((f) => f.action !== 'flag');
          const spans = mergeSpans(text, actionable);
          let prevEnd = 0;
          for (const s of spans) {
            expect(s.start).toBeGreaterThanOrEqual(prevEnd);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(s.end).toBeGreaterThan(s.start);
            prevEnd = s.end;
          }
          const out = rewrite(text, actionable, new RequestVault());
          // Remove the replacement tokens in order: what remains is exactly the uncovered text.
          let rebuilt = '';
          let pos = 0;
          let rest = out;
          for (const s of spans) {
            const keep = text.slice(pos, s.start);
            expect(rest.startsWith(keep)).toBe(true);
            rest = rest.slice(keep.length).replace(/^(\[REDACTED:[A-Z0-9_]+\]|<[A-Z0-9_]+_\d+>)/, '');
            rebuilt += keep;
            pos = s.end;
          }
          expect(rest).toBe(text.slice(pos));
          rebuilt += rest;
          const covered = spans.reduce((n, s) => n + (s.end - s.start), 0);
          expect(rebuilt.length).toBe(text.length - covered);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges overlaps under the strongest action and never splits a surrogate pair', () => {
    const text = 'call 😀 jane@example.com now';
    const out = rewrite(text, [finding(6, 7, 'redact', 'X'), finding(8, 20, 'redact'), finding(12, 24, 'pseudonymize', 'PERSON')], new RequestVault());
    expect(out).toBe('call [REDACTED:X] <PERSON_1> now');
  });
});

describe('vault', () => {
  it('finds a placeholder cut at the end of a streamed chunk', () => {
    const v = new RequestVault();
    v.placeholderFor('EMAIL_ADDRESS', 'a@b.co');
    expect(partialPlaceholderStart('write to <EMAIL_AD', v)).toBe(9);
    expect(partialPlaceholderStart('write to <', v)).toBe(9);
    expect(partialPlaceholderStart('write to <EMAIL_ADDRESS_1> ok', v)).toBe(-1);
    expect(partialPlaceholderStart('if a <b then', v)).toBe(-1);
    expect(partialPlaceholderStart('x <PHONE_', v)).toBe(-1);
    expect(partialPlaceholderStart('x <PHONE_')).toBe(2);
  });
});
