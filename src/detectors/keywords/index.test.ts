import { describe, expect, it } from 'vitest';
import { testInputs } from '../injection/test-view.js';
import { getDetector } from '../registry.js';
import { compileKeywords, keywordsDetector, keywordsParams } from './index.js';

function scan(lists: { name: string; words: string[] }[], text: string) {
  const det = compileKeywords(keywordsParams.parse({ lists }));
  return det.scan(testInputs(text), { stage: 'input' });
}

describe('keywords detector', () => {
  it('is registered with strict params', () => {
    expect(getDetector('keywords')).toBe(keywordsDetector);
    expect(keywordsParams.safeParse({ lists: [{ name: 'x', words: ['a'], colour: 1 }] }).success).toBe(false);
    expect(keywordsParams.safeParse({ lists: [] }).success).toBe(false);
  });

  it('matches case-, accent- and width-insensitively and reports the list name and original offsets', () => {
    const text = 'We compared ＡＣＭＥ Corp and Café Noir yesterday.';
    const f = scan([{ name: 'competitors', words: ['acme corp', 'cafe noir'] }], text);
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['ＡＣＭＥ Corp', 'Café Noir']);
    expect(f.every((x) => x.type === 'competitors' && x.detector === 'keywords')).toBe(true);
    expect(f[0]?.reason).not.toContain('ACME');
  });

  it('sees through look-alike letters, leetspeak and invisible characters', () => {
    const lists = [{ name: 'banned', words: ['Project Falcon'] }];
    for (const text of ['about pr\u043eject falc\u043en today', 'about PR0J3CT FALC0N today', 'about Proj\u200bect Fal\u200dcon today']) {
      const f = scan(lists, text);
      expect(f, text).toHaveLength(1);
      expect(text.slice(f[0]!.start, f[0]!.end).toLowerCase()).toMatch(/^pr.*n$/);
    }
  });

  it('matches whole words only, but phrases across whitespace runs', () => {
    const lists = [{ name: 'banned', words: ['ass', 'secret project'] }];
    expect(scan(lists, 'a classic assessment')).toEqual([]);
    const text = 'the Secret \n  Project is ass.';
    expect(scan(lists, text).map((x) => text.slice(x.start, x.end))).toEqual(['Secret \n  Project', 'ass']);
  });

  it('matches CJK entries without word boundaries', () => {
    const text = '我们讨论了竞争对手公司的产品';
    const f = scan([{ name: 'cjk', words: ['对手公司'] }], text);
    expect(f).toHaveLength(1);
    expect(text.slice(f[0]!.start, f[0]!.end)).toBe('对手公司');
  });

  it('prefers the longest of overlapping entries and keeps lists apart', () => {
    const text = 'buy New York Times today';
    const f = scan(
      [
        { name: 'a', words: ['new york', 'new york times'] },
        { name: 'b', words: ['york'] },
      ],
      text,
    );
    expect(f.map((x) => [x.type, text.slice(x.start, x.end)])).toEqual([
      ['a', 'New York Times'],
      ['b', 'York'],
    ]);
  });

  it('handles 5,000 entries and finds the right ones', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `brand${i.toString(36)}x`);
    const text = `Compare BRAND${(4321).toString(36).toUpperCase()}X with brand0x and brandzz, plus ${'filler words '.repeat(2000)}`;
    const f = scan([{ name: 'brands', words }], text);
    expect(f.map((x) => text.slice(x.start, x.end).toLowerCase())).toEqual([`brand${(4321).toString(36)}x`, 'brand0x']);
  });

  it('scans a 1 MB text', () => {
    const text = 'lorem ipsum dolor '.repeat(60_000) + 'forbidden';
    const f = scan([{ name: 'x', words: ['forbidden', 'lorem ipsum dolor sit'] }], text);
    expect(f).toHaveLength(1);
    expect(f[0]!.end).toBe(text.length);
  });
});
