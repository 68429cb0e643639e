/**
 * Signals that come from the shape of a text rather than a phrase: fake conversation turns inside
 * one message, and an instruction appended to a block of data (an email or a table that suddenly
 * addresses the model). Each returns a span in the folded text or null; all run in linear time.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const ROLE_LINE = /^[ \t>*_#[(]*(human|user|assistant|ai|system|chatgpt|gpt|bot|model|me|you|narrator)[\])*_ \t]*:/gm;

/** Two or more distinct chat roles at line starts, one of them the model's. */
export function fakeTurns(folded: string): Span | null {
  const roles = new Set<string>();
  let first = -1;
  let last = -1;
  let modelSide = false;
  for (const m of folded.matchAll(ROLE_LINE)) {
    const role = m[1] as string;
    roles.add(role);
    if (role === 'assistant' || role === 'ai' || role === 'chatgpt' || role === 'gpt' || role === 'bot' || role === 'model' || role === 'system') modelSide = true;
    if (first < 0) first = m.index;
    last = m.index + m[0].length;
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

const CAPABILITY = /\b([a-z][\w-]{2,24})\s+(?:can|will|never|always|doesn't|does not|won't|will not|must|is able to|has no|is not|isn't|is free|is allowed|loves|hates|answers|responds)\b/g;
const NOT_A_PERSONA = new Set([
  'you', 'it', 'he', 'she', 'they', 'we', 'this', 'that', 'which', 'who', 'there', 'user', 'users', 'people', 'what', 'one',
  'and', 'but', 'or', 'also', 'then', 'i', 'me', 'him', 'her', 'them', 'game', 'story', 'character', 'player', 'players',
  'answer', 'response', 'responses', 'text', 'these', 'those', 'everyone', 'anyone', 'nobody', 'someone', 'each', 'app',
  'code', 'function', 'system', 'model', 'team', 'company', 'data', 'output', 'list', 'page', 'file', 'student', 'students',
  'customer', 'customers', 'client', 'reader', 'readers', 'person', 'assistant', 'teacher', 'doctor', 'agent',
]);

/**
 * A named persona described by its powers again and again ("NOVA can…", "NOVA never…",
 * "NOVA will…"): the backbone of persona jailbreaks. Returns the span of the repeated subject.
 */
export function personaCapabilities(folded: string): Span | null {
  const counts = new Map<string, { n: number; start: number; end: number }>();
  let best: { n: number; start: number; end: number } | null = null;
  for (const m of folded.matchAll(CAPABILITY)) {
    const name = m[1] as string;
    if (NOT_A_PERSONA.has(name)) continue;
    const c = counts.get(name) ?? { n: 0, start: m.index, end: m.index };
    c.n++;
    c.end = m.index + m[0].length;
    counts.set(name, c);
    if (!best || c.n > best.n) best = c;
  }
  return best && best.n >= 3 ? { start: best.start, end: best.end } : null;
}
