import nlp from 'compromise';
import { countTokens } from 'gpt-tokenizer';
import RE2 from 're2';

type Lexicon = Record<string, string | string[]>;

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);

interface Lexicons {
  /** Every word compromise knows, lower-case. */
  readonly words: ReadonlySet<string>;
  /** Words it knows only as given or family names. */
  readonly names: ReadonlySet<string>;
}

let cached: Lexicons | undefined;

/** compromise's English lexicon, split into plain words and personal names (built once). */
export function lexicons(): Lexicons {
  if (cached) return cached;
  const model = (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model();
  const words = new Set<string>();
  const names = new Set<string>();
  for (const [w, tag] of Object.entries(model.one.lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.every((t) => NAME_TAGS.has(t))) names.add(w);
    else words.add(w);
  }
  cached = { words, names };
  return cached;
}

const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const SUFFIXES = ['ies', 'es', 's', 'ed', 'ing', 'ly', 'er', 'ers', 'ness', 'ment', 'ion', 'ions', 'al', 'ic', 'ity', 'ism', 'ist', 'ists', 'ous'];

/** A capitalised word that is a known name, or no English word compromise knows (a foreign name). */
export function nameLike(word: string): boolean {
  // The lexicon is English: words of other scripts are unknown to it, not names.
  if (word.length < 2 || word === word.toUpperCase() || !LATIN_WORD.test(word)) return false;
  const w = word.toLowerCase().replace(/['’]s$/, '');
  const { words, names } = lexicons();
  if (names.has(w)) return true;
  if (words.has(w) || commonWord(word.replace(/['’]s$/, ''))) return false;
  for (const s of SUFFIXES) {
    if (w.length > s.length + 2 && w.endsWith(s)) {
      const stem = w.slice(0, -s.length);
      if (words.has(stem) || words.has(`${stem}e`) || (s === 'ies' && words.has(`${stem}y`))) return false;
    }
  }
  return true;
}

const common = new Map<string, boolean>();

/**
 * compromise's lexicon lacks many everyday nouns ("task", "workflow"). The tokenizer's
 * vocabulary fills the gap: a word it holds as one token is common English, while rare foreign
 * names ("Nicodemus", "Nyström") split into several tokens.
 */
function commonWord(word: string): boolean {
  let v = common.get(word);
  if (v === undefined) {
    v = countTokens(` ${word}`) === 1;
    if (common.size > 50_000) common.clear();
    common.set(word, v);
  }
  return v;
}

export function knownName(word: string): boolean {
  return lexicons().names.has(word.toLowerCase().replace(/['’]s$/, ''));
}

const CAP_WORD = "\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’\\-]*";
/** Two or three capitalised words in a row, optionally with a middle initial. */
const PAIRS = new RE2(`(${CAP_WORD})(?:[ \\t]+\\p{Lu}\\.)?[ \\t]+(${CAP_WORD})(?:[ \\t]+(${CAP_WORD}))?`, 'gu');

export interface NameSpan {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

/**
 * Capitalised pairs such as "Nicodemus Azarov" or "Sigrid Nyström": both words must be known
 * names or words no English lexicon knows, so "Black Friday" or "New Zealand" never count.
 */
export function scanNamePairs(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  PAIRS.lastIndex = 0;
  for (let m = PAIRS.exec(text); m !== null; m = PAIRS.exec(text)) {
    const a = m[1]!;
    const b = m[2]!;
    if (!nameLike(a) || !nameLike(b)) {
      // Retry from the second word: "Dear Hauta Aho" should still be seen as "Hauta Aho".
      PAIRS.lastIndex = m.index + m[0].indexOf(b, a.length);
      continue;
    }
    let value = m[0];
    if (m[3] !== undefined && !nameLike(m[3])) value = value.slice(0, value.lastIndexOf(m[3])).trimEnd();
    const known = knownName(a) || knownName(b);
    out.push({ start: m.index, end: m.index + value.length, score: known ? 0.75 : 0.65 });
  }
  return out;
}
