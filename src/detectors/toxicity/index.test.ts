import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/index.js';
import type { ScanInput } from '../types.js';
import { toxicityDetector } from './index.js';

function scan(text: string, params: unknown = {}) {
  const det = toxicityDetector.create(toxicityDetector.params.parse(params));
  const input: ScanInput = { index: 0, segment: { path: 'p', role: 'assistant', kind: 'text', text }, view: normalize(text) };
  return det.scan([input], { stage: 'output' }).map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('toxicity detector', () => {
  it('finds profanity, insults and threats in several languages, case and accent insensitive', () => {
    expect(scan('What the FUCK is this')).toEqual([['profanity', 'FUCK']]);
    expect(scan('eres un Gilipollas')).toEqual([['insult', 'Gilipollas']]);
    expect(scan('quel ENCULE')).toEqual([['insult', 'ENCULE']]);
    expect(scan('Du bist ein Arschloch!')).toEqual([['insult', 'Arschloch']]);
    expect(scan('你这个傻逼')).toEqual([['insult', '傻逼']]);
    expect(scan('just go kill yourself')).toEqual([['threat', 'go kill yourself']]);
  });

  it('respects word boundaries and leaves ordinary words alone', () => {
    expect(scan('Scunthorpe is a town; the class assignment was a shitake-free essay')).toEqual([]);
    expect(scan('Vamos con ellos a la playa, es muy cómodo')).toEqual([]);
  });

  it('can be narrowed to languages and categories, and takes extra or allowed words', () => {
    expect(scan('you idiot, merde', { languages: ['fr'] })).toEqual([['profanity', 'merde']]);
    expect(scan('you idiot, fuck', { categories: ['insult'] })).toEqual([['insult', 'idiot']]);
    expect(scan('you idiot', { allow: ['idiot'] })).toEqual([]);
    expect(scan('what a frobnicator', { words: ['frobnicator'] })).toEqual([['profanity', 'frobnicator']]);
  });
});
