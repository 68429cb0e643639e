import { describe, expect, it } from 'vitest';
import { testInputs } from '../injection/test-view.js';
import { getDetector } from '../registry.js';
import { codeDetector, codeParams, compileCode } from './index.js';
import { PROSE, SAMPLES } from './samples.test-data.js';

function scan(text: string, params: Record<string, unknown> = {}) {
  return compileCode(codeParams.parse(params)).scan(testInputs(text), { stage: 'input' });
}

describe('code detector', () => {
  it('is registered and rejects unknown params', () => {
    expect(getDetector('code')).toBe(codeDetector);
    expect(codeParams.safeParse({ min_line: 3 }).success).toBe(false);
    expect(codeParams.safeParse({ languages: ['cobol'] }).success).toBe(false);
  });

  for (const [lang, text] of Object.entries(SAMPLES)) {
    it(`finds ${lang} and names it`, () => {
      const f = scan(`Here is my snippet:\n\n${text}\n\nWhy does it fail?`);
      expect(f).toHaveLength(1);
      expect(f[0]?.type).toBe(lang);
      expect(f[0]?.detector).toBe('code');
      // The span is the code, not the question around it.
      const original = `Here is my snippet:\n\n${text}\n\nWhy does it fail?`;
      expect(original.slice(f[0]!.start, f[0]!.end)).toContain(text.split('\n')[0]);
      expect(original.slice(f[0]!.start, f[0]!.end)).not.toContain('Why does it fail');
    });
  }

  it('does not fire on prose about programming or inline mentions', () => {
    for (const p of PROSE) expect(scan(p)).toEqual([]);
  });

  it('does not call JSON payloads or prompt-template fields code', () => {
    const json = JSON.stringify({ model: 'x', options: { temperature: 0.2, tags: ['a', 'b'] }, items: [1, 2, 3] }, null, 2);
    expect(scan(`Send this body:\n${json}\nthanks`)).toEqual([]);
    const form = 'Fill in the brief:\n- Destination: ${city}\n- Dates: ${dates}\n- Budget: ${budget} + currency\n- Interests: ${interests}\n- Pace: ${pace}';
    expect(scan(form)).toEqual([]);
  });

  it('uses the tag of a fenced block', () => {
    const text = 'Try this:\n```rb\nx = 1\ny = 2\nz = x + y\n```\nthanks';
    expect(scan(text).map((f) => f.type)).toEqual(['ruby']);
  });

  it('honours languages, min_lines and min_chars', () => {
    expect(scan(SAMPLES.python!, { languages: ['java'] })).toEqual([]);
    expect(scan(SAMPLES.python!, { languages: ['python'] })).toHaveLength(1);
    expect(scan(SAMPLES.sql!, { min_lines: 20 })).toEqual([]);
    expect(scan(SAMPLES.sql!, { min_chars: 10_000 })).toEqual([]);
    expect(scan('x = 1;\ny = 2;')).toEqual([]);
  });

  it('reports offsets in the original text through normalization', () => {
    // Zero-width characters inside the code are removed by normalize; offsets still land in the original.
    const text = `intro line of prose here for context\n${SAMPLES.go!.replace('fmt.Println(len', 'fmt.Print\u200bln(len')}`;
    const f = scan(text);
    expect(f[0]?.type).toBe('go');
    expect(f[0]!.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(f[0]!.start, f[0]!.start + 12)).toBe('package main');
  });

  it('finishes on a 1 MB text', () => {
    const big = `${SAMPLES.rust!}\n`.repeat(Math.ceil(1_000_000 / (SAMPLES.rust!.length + 1)));
    const f = scan(big);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.type === 'rust')).toBe(true);
    expect(scan('a'.repeat(1_000_000))).toEqual([]);
    expect(scan('(('.repeat(300_000))).toEqual([]);
  });
});
