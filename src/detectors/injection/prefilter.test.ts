import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { interleavedRuns } from './hints.js';
import { WindowScanner, type Rule } from './prefilter.js';

/** What one full RE2 pass per rule finds, as "rule:start-end" over string offsets. */
function fullScan(rules: readonly Rule[], text: string): string[] {
  const out: string[] = [];
  rules.forEach((r, i) => {
    const re = new RE2(r.patterns.map((p) => `(?:${p})`).join('|'), 'gm');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push(`${i}:${m.index}-${m.index + m[0].length}`);
    }
  });
  return out;
}

const RULES: Rule[] = [
  { patterns: ['(?:ignore|forget)\\s+(?:all\\s+)?previous\\s+rules'] },
  { patterns: ['\\bdan\\b', '^\\s*user\\s*:'] },
  { patterns: ['you\\s+(?:will|must)\\s+(?:always|never)', 'никогда\\s+не'] },
  { patterns: ['(?:[a-z][.*_/|+-]){8,}[a-z]\\b'], hint: interleavedRuns },
];

const WORDS = ['ignore', 'forget', 'all', 'previous', 'rules', 'dan', 'dance', 'user:', '\n', 'you', 'will', 'must', 'always', 'never', 'никогда', 'не', '😀', 'x', 'a.b.c.d.e.f.g.h.i.j', 'adan', 'dan_'];

describe('WindowScanner', () => {
  it('finds exactly what a full scan finds', () => {
    const scanner = new WindowScanner(RULES);
    let seed = 7;
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let j = 0; j < 80; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        text += (WORDS[seed % WORDS.length] as string) + ((seed >> 9) % 4 === 0 ? '' : ' ');
      }
      // Long stretches without anchors, so that windows do not cover everything.
      if (t % 2 === 0) text = 'filler '.repeat(60) + text + ' filler'.repeat(60);
      const got: string[] = [];
      scanner.scan(text, (rule, start, end) => got.push(`${rule}:${start}-${end}`));
      expect(got.sort(), text).toEqual(fullScan(RULES, text).sort());
    }
  });
});
