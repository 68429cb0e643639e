import { describe, expect, it } from 'vitest';
import { patternAnchors } from './anchors.js';

const lits = (p: string): string[] | null => patternAnchors(p)?.map((a) => a.lit).sort() ?? null;

describe('patternAnchors', () => {
  it('picks the rarest required literal set of a sequence', () => {
    expect(lits('(?:ignore|disregard)\\s+(?:all|any)\\s+(?:the\\s+)?instructions?')).toEqual(['instruction']);
    expect(lits('(?:ignore|disregard)\\s+(?:all|any)\\s+(?:rules|orders)')).toEqual(['disregard', 'ignore']);
    expect(lits('do\\s+anything\\s+now')).toEqual(['anything']);
    // An alternation needs a literal in every branch.
    expect(lits('(?:stay in character|break character)')).toEqual(['break character', 'stay in character']);
  });

  it('gives up on optional parts and single characters', () => {
    expect(patternAnchors('(?:foo)?\\s*x?')).toBeNull();
    expect(patternAnchors('(?:[a-z][.*_/|+-]){8,}[a-z]\\b')).toBeNull();
    expect(patternAnchors('(?:\\\\[^\\\\\\s]){10,}')).toBeNull();
  });

  it('records word edges that every match guarantees', () => {
    expect(patternAnchors('\\bdan\\s+mode')).toEqual(expect.arrayContaining([{ lit: 'dan', pre: true, post: true }]));
    expect(patternAnchors('xdan\\s+mode')).toEqual([{ lit: 'xdan', pre: false, post: true }]);
    // An optional group ending in whitespace keeps the edge of what precedes it.
    const a = patternAnchors('\\s+(?:an?\\s+)?(?:chatbot|assistant)\\b');
    expect(a).toEqual([
      { lit: 'chatbot', pre: true, post: true },
      { lit: 'assistant', pre: true, post: true },
    ]);
  });

  it('rejects syntax it cannot reason about', () => {
    expect(() => patternAnchors('foo$')).toThrow();
    expect(() => patternAnchors('(?=foo)')).toThrow();
  });
});
