import { describe, expect, it } from 'vitest';
import { CAPABILITY_VERBS, capabilityMatches, fakeTurns } from './structure.js';

const CAPABILITY = new RegExp(`\\b([a-z][\\w-]{2,24})\\s+(?:${CAPABILITY_VERBS.join('|')})\\b`, 'g');

/** Verb positions as the scorer's pre-pass reports them: every occurrence of every verb. */
function verbPositions(text: string): number[] {
  const at: number[] = [];
  for (const v of CAPABILITY_VERBS) for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) at.push(i);
  return at;
}

describe('capabilityMatches', () => {
  it('finds what the regex it replaces finds', () => {
    const words = ['nova', 'can', 'will', 'never', 'not', 'is', 'does', "won't", 'a-b', 'x', 'dan-x', 'cannot', '\n', '\u00a0', 'is not', 'able to', 'verylongpersonanamethatgoesonandon'];
    let seed = 3;
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let j = 0; j < 40; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        text += (words[seed % words.length] as string) + ((seed >> 9) % 5 === 0 ? '' : ' ');
      }
      const want = [...text.matchAll(CAPABILITY)].map((m) => ({ name: m[1], start: m.index, end: m.index + m[0].length }));
      expect(capabilityMatches(text, verbPositions(text)), text).toEqual(want);
    }
  });
});

describe('fakeTurns', () => {
  it('needs two roles at line starts, one of them the model', () => {
    expect(fakeTurns('user: hi\nassistant: hello')).toEqual({ start: 0, end: 19 });
    expect(fakeTurns('note: user: hi\nassistant: x')).toBeNull();
    expect(fakeTurns('### user: a\r\n> ai: b')).not.toBeNull();
    expect(fakeTurns('user: a\nme: b')).toBeNull();
  });
});
