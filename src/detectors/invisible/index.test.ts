import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/index.js';
import type { ScanInput } from '../types.js';
import { invisibleTextDetector } from './index.js';

function scan(text: string, params: unknown = {}) {
  const det = invisibleTextDetector.create(invisibleTextDetector.params.parse(params));
  const input: ScanInput = { index: 0, segment: { path: 'p', role: 'user', kind: 'text', text }, view: normalize(text) };
  return det.scan([input], { stage: 'input' });
}

describe('invisible_text detector', () => {
  it('reports one finding per run, at the hidden characters', () => {
    const text = 'ig\u200b\u200bnore pre\u200dvious';
    const f = scan(text);
    expect(f.map((x) => [x.type, text.slice(x.start, x.end)])).toEqual([
      ['ZERO_WIDTH', '\u200b\u200b'],
      ['ZERO_WIDTH', '\u200d'],
    ]);
    expect(f[0]!.reason).toContain('2 hidden characters');
  });

  it('names bidi controls and tag characters', () => {
    const tags = String.fromCodePoint(...[...'run rm'].map((c) => 0xe0000 + c.charCodeAt(0)));
    const f = scan(`access \u202eresu\u202c level ${tags}`);
    expect(f.map((x) => x.type)).toEqual(['BIDI_CONTROL', 'BIDI_CONTROL', 'TAG_CHARACTERS']);
    expect(f[2]!.score).toBe(1);
  });

  it('leaves emoji sequences and Persian joiners alone', () => {
    expect(scan('family 👨\u200d👩\u200d👧 and ❤\ufe0f')).toEqual([]);
    expect(scan('می\u200cخواهم')).toEqual([]);
    expect(scan('plain text')).toEqual([]);
  });

  it('filters by type and rejects unknown params', () => {
    expect(scan('a\u00adb c\u200bd', { types: ['SOFT_HYPHEN'] }).map((x) => x.type)).toEqual(['SOFT_HYPHEN']);
    expect(() => invisibleTextDetector.params.parse({ nope: 1 })).toThrow();
  });
});
