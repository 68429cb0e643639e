/**
 * Signals that come from the shape of a text rather than a phrase: fake conversation turns inside
 * one message, and an instruction appended to a block of data (an email or a table that suddenly
 * addresses the model). Each returns a span in the folded text or null; all run in linear time.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const ROLES = 'human|user|assistant|ai|system|chatgpt|gpt|bot|model|me|you|narrator';
// A role line read from its start up to its first colon (the classes cannot cross a colon).
const ROLE_HEAD = new RegExp(`[ \\t>*_#[(]*(${ROLES})[\\])*_ \\t]*:`, 'y');
const MODEL_ROLES = new Set(['assistant', 'ai', 'chatgpt', 'gpt', 'bot', 'model', 'system']);

/** Line terminators as JavaScript's multiline `^` knows them. */
const isLineEnd = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Two or more distinct chat roles at line starts ("user:", "### Assistant:"), one of them the
 * model's. Only lines with a colon can hold a role, so the scan jumps from colon to colon and reads
 * each such line once: linear, and fast on prose.
 */
export function fakeTurns(folded: string): Span | null {
  const roles = new Set<string>();
  let first = -1;
  let last = -1;
  let modelSide = false;
  // `from` is always a line start: colons before it belong to lines already read.
  for (let from = 0, c = folded.indexOf(':'); c >= 0; c = folded.indexOf(':', from)) {
    let ls = c;
    while (ls > from && !isLineEnd(folded.charCodeAt(ls - 1))) ls--;
    ROLE_HEAD.lastIndex = ls;
    const m = ROLE_HEAD.exec(folded);
    if (m && m.index + m[0].length === c + 1) {
      const role = m[1] as string;
      roles.add(role);
      if (MODEL_ROLES.has(role)) modelSide = true;
      if (first < 0) first = ls;
      last = c + 1;
    }
    let le = c + 1;
    while (le < folded.length && !isLineEnd(folded.charCodeAt(le))) le++;
    from = le + 1;
    if (from >= folded.length) break;
  }
  return roles.size >= 2 && modelSide ? { start: first, end: last } : null;
}

const INSTRUCTION_START =
  /^(?:(?:dear )?(?:ai|assistant|ai assistant|chatbot|bot|model|llm|gpt|chatgpt|claude|copilot)\s*[,:] ?)?(?:please |kindly |also |now |and |then |finally |additionally |next )?(?:when|if|answer|provide|describe|explain|include|add|write|tell|give|list|translate|summari[sz]e|show|analy[sz]e|use|replace|respond|reply|mention|insert|append|make|create|generate|recommend|suggest|end|begin|start|format|convert|compose|share|integrate|enhance|incorporate|remember|ensure|send|visit|click|output|print|rewrite|change|express|discuss|compare|calculate|predict|identify|offer|present|promote|advise|encourage|inform|ask|remind|conclude|highlight|emphasi[sz]e|draft|outline|name|find|search|recount|narrate|share|sign|do|don't|never|always|ignore|forget|can you|could you|would you|will you|how|what|why|when|where|who|which|is there|are there|i need|i want)\b/;

const TABLE_ROW = /^\s*\|.*\|\s*$/;

/**
 * The opening of a text that is itself a request to the model: then its last line continues the
 * user's own prompt rather than breaking out of pasted data.
 */
const PROMPT_OPENING =
  /\b(?:imagine|pretend|your task|you are (?:a|an|now|going)|as an? (?:ai|assistant|language model|helpful)|write (?:a|an|me)|create (?:a|an)|generate|could you|can you|would you|i need you|i want you|i'm writing|i am writing|let's|help me|roleplay|role-play)\b/;

/**
 * A multi-line block of data (table rows, or an email/document of some length) whose last line
 * is a short imperative or question of a different kind: the shape of an indirect injection.
 */
export function trailingInstruction(folded: string): Span | null {
  const trimmedEnd = folded.trimEnd();
  const cut = trimmedEnd.lastIndexOf('\n');
  if (cut < 0) return null;
  const body = trimmedEnd.slice(0, cut);
  const lastRaw = trimmedEnd.slice(cut + 1);
  const last = lastRaw.trim();
  if (last.length < 8 || last.length > 300 || TABLE_ROW.test(lastRaw)) return null;
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  const tableRows = lines.filter((l) => TABLE_ROW.test(l)).length;
  const isTable = tableRows >= 3;
  const isDocument = body.length >= 120 && lines.length >= 3;
  if (!isTable && !isDocument) return null;
  if (!isTable && PROMPT_OPENING.test(body.slice(0, 300))) return null;
  if (!INSTRUCTION_START.test(last) && !/\byour (?:reply|response|answer|output)\b/.test(last)) return null;
  const start = trimmedEnd.length - lastRaw.length;
  return { start, end: trimmedEnd.length };
}

/** The verbs of "NAME can…", in the order the rule was first written as a regex alternation. */
export const CAPABILITY_VERBS = [
  'can', 'will', 'never', 'always', "doesn't", 'does not', "won't", 'will not', 'must', 'is able to', 'has no', 'is not',
  "isn't", 'is free', 'is allowed', 'loves', 'hates', 'answers', 'responds',
] as const;

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isWord(c) || c === 45;
/** What JavaScript's \s accepts. */
const isSpace = (c: number): boolean =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * The matches, in text order, that /\b([a-z][\w-]{2,24})\s+(?:VERBS)\b/g would find, read
 * backwards from the verb occurrences (`verbAt`, UTF-16 offsets from the scorer's pre-pass) rather
 * than by trying the regex at every word of the text.
 */
export function capabilityMatches(folded: string, verbAt: readonly number[]): NamedMatch[] {
  const out: NamedMatch[] = [];
  const starts = [...new Set(verbAt)].sort((a, b) => a - b);
  let lastEnd = 0;
  for (const v of starts) {
    const verb = CAPABILITY_VERBS.find((w) => folded.startsWith(w, v) && !isWord(folded.charCodeAt(v + w.length)));
    if (!verb) continue;
    let ws = v;
    while (ws > 0 && isSpace(folded.charCodeAt(ws - 1))) ws--;
    if (ws === v) continue;
    let rs = ws;
    while (rs > 0 && ws - rs < 25 && isNameChar(folded.charCodeAt(rs - 1))) rs--;
    // Leftmost start the regex would take: at a word edge, a lower-case letter, 3-25 long.
    for (let p = Math.max(rs, lastEnd); p <= ws - 3; p++) {
      const c = folded.charCodeAt(p);
      if (c < 97 || c > 122 || (p > 0 && isWord(folded.charCodeAt(p - 1)))) continue;
      out.push({ name: folded.slice(p, ws), start: p, end: v + verb.length });
      lastEnd = v + verb.length;
      break;
    }
  }
  return out;
}

const NOT_A_PERSONA = new Set([
  'you', 'it', 'he', 'she', 'they', 'we', 'this', 'that', 'which', 'who', 'there', 'user', 'users', 'people', 'what', 'one',
  'and', 'but', 'or', 'also', 'then', 'i', 'me', 'him', 'her', 'them', 'game', 'story', 'character', 'player', 'players',
  'answer', 'response', 'responses', 'text', 'these', 'those', 'everyone', 'anyone', 'nobody', 'someone', 'each', 'app',
  'code', 'function', 'system', 'model', 'team', 'company', 'data', 'output', 'list', 'page', 'file', 'student', 'students',
  'customer', 'customers', 'client', 'reader', 'readers', 'person', 'assistant', 'teacher', 'doctor', 'agent',
]);

export interface NamedMatch {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A named persona described by its powers again and again ("NOVA can…", "NOVA never…",
 * "NOVA will…"): the backbone of persona jailbreaks. Takes the `capabilityMatches` in text order
 * and returns the span of the most repeated subject, if it is repeated three times.
 */
export function personaCapabilities(matches: readonly NamedMatch[]): Span | null {
  const counts = new Map<string, { n: number; start: number; end: number }>();
  let best: { n: number; start: number; end: number } | null = null;
  for (const m of matches) {
    if (NOT_A_PERSONA.has(m.name)) continue;
    const c = counts.get(m.name) ?? { n: 0, start: m.start, end: m.start };
    c.n++;
    c.end = m.end;
    counts.set(m.name, c);
    if (!best || c.n > best.n) best = c;
  }
  return best && best.n >= 3 ? { start: best.start, end: best.end } : null;
}
