import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { re2Input } from './utf8.js';

describe('re2Input', () => {
  it('passes short texts through and shares one conversion of a long one', () => {
    expect(re2Input('short')).toBe('short');
    const long = `${'a'.repeat(300)}账号\u{1F600}`;
    const b = re2Input(long);
    expect(Buffer.isBuffer(b)).toBe(true);
    expect(re2Input(`${long}`)).toBe(b);
    expect((b as Buffer).toString('utf8')).toBe(long);
  });

  it('gives RE2 tests the same answers as the string itself, lone surrogates included', () => {
    const texts = [`${'x'.repeat(300)}\uD800 tail`, `${'é'.repeat(300)}账号`, `${'word '.repeat(100)}end`];
    const patterns = ['\\x{FFFD}', '账号', '\\bend$', '(?i)WORD', 'é{3}'];
    for (const t of texts) {
      for (const p of patterns) {
        const re = new RE2(p, 'u');
        expect(re.test(re2Input(t))).toBe(new RE2(p, 'u').test(t));
      }
    }
  });
});
