import nlp from 'compromise';
import RE2 from 're2';
import { knownName, nameLike, scanNamePairs } from './names.js';

export interface PersonMatch {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly why: string;
}

/** Names introduced by a phrase or title that says a person follows. */
const NAME = "\\p{Lu}[\\p{L}'’\\-]+(?:[ \\t]+(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}'’\\-]+|(?:van|von|de|del|della|da|di|du|le|la|bin|al|ter|den|der)[ \\t]+\\p{Lu}[\\p{L}'’\\-]+)){0,3}";
const ANY_NAME = "\\p{L}[\\p{L}'’\\-]+(?:[ \\t]+\\p{L}[\\p{L}'’\\-]+)?";
/**
 * Phrases that introduce a name, numbered as below. Kept as separate RE2s: each runs as a fast
 * DFA, where their alternation would run as a slow NFA.
 */
const TRIGGERS: readonly RE2[] = [
    `(?i:\\b(?:my name is|my name's|name is|i am called|call me|this is|i'm|i am|named|name:|patient:?|signed,?|regards,|sincerely,|best,|cheers,|thanks,|from:|to:|attn:?|contact:?)\\s+)(${NAME})`,
    `(?i:\\b(?:my name is|my name's|i am called|name:)\\s+)(${ANY_NAME})`,
    `\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Señor|Señora|Monsieur|Madame|Signor|Signora)\\.?\\s+(${NAME})`,
    `\\b(?:Dear|Hi|Hello|Hey)\\s+(${NAME})`,
    /* 5: a relation or a speech verb before a capitalised word */
    `(?i:\\b(?:says|said|asks|asked|replied|wrote|according to|kid|son|daughter|child|wife|husband|partner|partner's name|friend|brother|sister|mother|father|mom|dad|boss|colleague|manager|uncle|aunt|cousin|nephew|niece|grandson|granddaughter|neighbou?r|tenant|landlord|name\\?|name on the account is|(?:named|called) (?:him|her|them))\\s+)(${NAME})`,
    /* 6: "Name, can I …" — a vocative at the start of a sentence */
    `(?:^|[.!?]\\s+|\\n)(\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’\\-]+),\\s+(?i:can|could|would|will|please|do|did|are|have|thanks|thank)\\b`,
    /* 7: lower-case after an explicit phrase or a title ("call me višeslav", "mr. elliott") */
    `(?i:\\b(?:call me|called|named|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|prof\\.?)\\s+)(\\p{Ll}[\\p{L}\\p{M}'’\\-]+)`,
    /* 8: a possessive before a relation ("Asya's kid") */
    `(\\p{Lu}\\p{Ll}[\\p{L}\\p{M}\\-]+)['’]s\\s+(?i:kid|kids|son|daughter|child|children|wife|husband|partner|friend|mother|father|mom|dad|boss|brother|sister|family|parents)\\b`,
    /* 9: weaker phrases: the word must not be an English word */
    `(?i:\\b(?:add|change it to|user:|customer:|client:|name is not|ex-\\w+|with|by)\\s+)(${NAME})`,
    /* 10: two people doing something together ("Usamov and Bowers were …") */
    `(\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’\\-]+)[ \\t]+(?:and|&)[ \\t]+(\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’\\-]+)[ \\t]+(?:were|are|have|had|met|went|said|wrote|founded|started|married)\\b`,
].map((source) => new RE2(source, 'gu'));
/** Words that follow "I'm"/"this is" and are not names. */
const NOT_NAMES = new Set(
  'a an the not so very just really here there going trying sure sorry happy glad looking writing calling contacting interested able unable from in at on with'.split(' '),
);

const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Lord|Lady)\.?$/;

/** The NLP tagger is slow (tens of µs per character): it reads at most this much per text. */
const NLP_BUDGET = 2_000;
const SENTENCE = /[^.!?\n]+[.!?\n]*/g;
const CAP_WORDS = /\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*/gu;
/** One trigger match: `group` is the trigger's number in TRIGGERS, starting at 1. */
function trigger(group: number, m: RegExpExecArray, out: PersonMatch[]): void {
  const name = m[1];
  if (!name) return;
  const first = name.split(/\s+/)[0]!;
  if (NOT_NAMES.has(first.toLowerCase())) return;
  // Weak phrases ("add X", "Dear X", a vocative) need a word that is a name, not an English word.
  if ((group === 4 || group >= 6) && !nameLike(first)) return;
  if (group === 10) {
    // Both words must read as names, and at least one must be no English word at all.
    const second = m[2]!;
    if (!nameLike(second) && !knownName(second) && !knownName(first)) return;
    const s1 = m.index;
    const s2 = m.index + m[0].indexOf(second, name.length);
    out.push({ start: s1, end: s1 + name.length, score: 0.6, why: 'people named together' });
    out.push({ start: s2, end: s2 + second.length, score: 0.6, why: 'people named together' });
    return;
  }
  const start = m.index + m[0].lastIndexOf(name);
  out.push({ start, end: start + name.length, score: group === 3 ? 0.85 : 0.75, why: 'introduced as a name' });
}

/**
 * People's names: explicit phrases and titles first ("my name is …", "Dr. …", "Dear …"), then
 * the compromise NLP tagger (its lexicon of given and family names plus grammar) over the text,
 * bounded so a huge text costs a bounded amount of NLP work.
 */
export function scanPersons(text: string): PersonMatch[] {
  const out: PersonMatch[] = [];
  TRIGGERS.forEach((re, index) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) trigger(index + 1, m, out);
  });
  for (const p of scanNamePairs(text)) out.push({ ...p, why: 'capitalised name' });
  for (const [offset, chunk] of nlpChunks(text)) {
    let people: { text: string; offset: { start: number; length: number } }[];
    try {
      people = nlp(chunk).people().json({ offset: true }) as typeof people;
    } catch {
      // The tagger is a third-party heuristic: if it trips on a sentence, the rules above stand.
      continue;
    }
    for (const p of people) {
      let s = p.offset.start;
      let e = s + p.offset.length;
      // A name never spans lines: a heading above a paragraph is not a first name.
      const nl = chunk.indexOf('\n', s);
      if (nl >= 0 && nl < e) e = nl;
      while (e > s && /[^\p{L}\p{M}]/u.test(chunk[e - 1]!)) e--;
      while (s < e && /[^\p{L}\p{M}]/u.test(chunk[s]!)) s++;
      if (e - s < 2 || !/^\p{Lu}/u.test(chunk[s]!)) continue;
      // compromise keeps a trailing lower-case word ("Sir bot"): not part of a name.
      const parts = chunk.slice(s, e).split(/\s+/);
      while (parts.length > 1 && !/^\p{Lu}/u.test(parts[parts.length - 1]!)) parts.pop();
      const lastWord = parts[parts.length - 1]!;
      e = chunk.lastIndexOf(lastWord, e) + lastWord.length;
      if (parts.length === 1 && HONORIFIC.test(parts[0]!)) continue;
      const words = chunk.slice(s, e).split(/\s+/).length;
      out.push({ start: offset + s, end: offset + e, score: words >= 2 ? 0.7 : 0.6, why: 'name recognised by the language model' });
    }
  }
  return out;
}

/**
 * Sentences worth tagging: those holding a capitalised word that is a known name or no English
 * word. Everyday prompts ("How do I …", "Create a …") rarely do, so they cost no NLP time.
 */
function nlpChunks(text: string): [number, string][] {
  const chunks: [number, string][] = [];
  let budget = NLP_BUDGET;
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(text); m !== null && budget > 0; m = SENTENCE.exec(text)) {
    const sentence = m[0];
    if (sentence.length > 1000) continue;
    const words = sentence.match(CAP_WORDS);
    if (!words || !words.some((w) => knownName(w) || nameLike(w))) continue;
    chunks.push([m.index, sentence]);
    budget -= sentence.length;
  }
  return chunks;
}
