import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { compilePatternSet, searchForm } from './patterns.js';

describe('searchForm', () => {
  it('drops unanchored leading and trailing .* that cannot change a search', () => {
    expect(searchForm('.*账号.*')).toBe('账号');
    expect(searchForm('(?i).*secret project.*')).toBe('(?i)secret project');
    expect(searchForm('.*a\\.*')).toBe('a\\.*'); // an escaped dot is a literal
    expect(searchForm('^.*a.*$')).toBe('^.*a.*$'); // anchored: `.` stops at newlines
    expect(searchForm('.*a|b.*')).toBe('.*a|b.*');
    expect(searchForm('.*')).toBe('.*');
  });

  it('matches exactly the texts the original pattern matches (property)', () => {
    const piece = fc.constantFrom('.*', 'a', 'b', '账号', '\\.', '\\n', 'x+', '[ab]', '(?:ab)', '\\.*', '^', '$', '\\\\');
    const text = fc.stringOf(fc.constantFrom('a', 'b', 'x', '.', '\n', '账', '号', '\\', ' '), { maxLength: 24 });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '(?s)', '(?i)'), text, (parts, flags, t) => {
        const p = flags + parts.join('');
        let original: RE2;
        try {
          original = new RE2(p, 'u');
        } catch {
          return true; // not a valid pattern: config validation rejects it before this point
        }
        expect(new RE2(searchForm(p), 'u').test(t)).toBe(original.test(t));
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('names the rule by its config index', () => {
    const set = compilePatternSet(['.*foo.*', 'bar'], 'deny_patterns');
    expect(set.firstMatch('xx bar')).toBe(1);
    expect(set.firstMatch('a\nfoo')).toBe(0);
    expect(set.firstMatch('nothing')).toBe(-1);
  });
});
