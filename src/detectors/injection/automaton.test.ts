import { describe, expect, it } from 'vitest';
import { LiteralAutomaton } from './automaton.js';

const found = (lits: string[], text: string): string[] => {
  const h = new LiteralAutomaton(lits).hits(text);
  const out: string[] = [];
  for (let i = 0; i < h.length; i += 2) out.push(`${lits[h[i] as number]}@${(h[i + 1] as number) - (lits[h[i] as number] as string).length}`);
  return out;
};

describe('LiteralAutomaton', () => {
  it('reports every occurrence, overlapping ones included, in order of end', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['she@1', 'he@2', 'hers@2']);
    expect(found(['aa'], 'aaaa')).toEqual(['aa@0', 'aa@1', 'aa@2']);
  });

  it('tells apart non-ASCII literals that share a character class', () => {
    expect(found(['忽略', '无视', 'né'], '请忽略它，nö né')).toEqual(['忽略@1', 'né@8']);
    expect(found(['🔓'], 'x🔓y🔒')).toEqual(['🔓@1']);
  });
});
