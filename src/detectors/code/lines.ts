/**
 * Line-level code signals and block finding. A line is scored on what code looks like (line
 * endings `; { }`, leading keywords, operators, call syntax, indentation, identifier shapes) minus
 * what prose looks like (long runs of words full of English function words, sentence endings).
 * Code blocks are runs of code-like lines; a single prose-like line (a comment, a docstring, a
 * shell command's output) does not break a run, two do.
 */
/** `weak`: some code evidence (`package main`, `end`); it may extend a block, never start one. */
export type LineKind = 'code' | 'weak' | 'prose' | 'neutral';

export interface Line {
  readonly start: number;
  readonly end: number;
  readonly kind: LineKind;
}

// Long lines are judged on their head: enough to see their shape, and bounded work per line.
const MAX_LINE = 400;

const KEYWORD_START =
  /^(?:import|from|package|using|def|class|fn|func|function|public|private|protected|internal|static|const|let|var|val|return|if|else|elif|elsif|for|foreach|while|switch|case|try|catch|except|finally|struct|enum|impl|trait|interface|type|module|require|use|namespace|echo|print|println|printf|puts|select|insert|create|update|delete|alter|drop|export|async|await|override|fun|extension|guard|do|end|begin|local|readonly|mod|pub|match|lambda|with|yield|raise|throw|new|unless|then|fi|done|esac|void|int|char|float|double|bool|boolean|string|auto|template|typedef|object|sealed|data|abstract|final|defer|go|break|continue|assert|pass|where|values|set|declare|self|this|super)\b/i;
const CODE_END = /(?:[;{}]|\{\s*\}|\)\s*\{|=>|->|\[|\(|:)\s*$/;
const CODE_START = /^(?:[}\])]|\/\/|\/\*|\*\/?(?:\s|$)|#!|#include|#define|#\[|--\s|@\w|<\?php|\$ |>>>|\.\.\.\s)/;
const OPERATOR = /[=!<>]=|=>|->|::|&&|\|\||\+=|-=|\*=|:=|<<|>>|\+\+|--(?!\s)/;
const CALL = /[\w\]>)]\([^()]*(?:\([^()]*\)[^()]*)*\)/;
const ASSIGN = /^[\w.[\]"'$@:, ]+\s=\s?\S/;
const IDENT = /\b[a-z]+[A-Z]\w*|\b[A-Za-z]+_\w+|\w\.\w+\(/;
const LABEL_LINE = /^(?:[-*+\u2013\u2022]\s+)?(?:\*\*)?[A-Z\u00C0-\u024F][\w\u00C0-\u024F /()&'-]{0,40}(?:\*\*)?\s?:(?:\*\*)?(?:\s|$)/;
const SYMBOL = /[{}()[\];=<>+*/&|!$@#%^~\\:"'`]/g;
const WORD = /[A-Za-z\u00C0-\u024F']+/g;
const STOP = new Set([
  'the', 'a', 'an', 'is', 'are', 'of', 'to', 'and', 'that', 'this', 'it', 'in', 'you', 'your', 'we', 'for', 'with', 'as',
  'be', 'can', 'will', 'was', 'on', 'or', 'by', 'which', 'not', 'but', 'have', 'has', 'its', 'our', 'they', 'their',
  'there', 'these', 'those', 'when', 'how', 'what', 'so', 'if', 'would', 'should', 'because', 'into', 'from', 'at',
  'more', 'than', 'also', 'then', 'one', 'all', 'each', 'only', 'like', 'use', 'using', 'about', 'i', 'me', 'my',
]);

/** Code-likeness of one line, roughly -1..2. */
export function lineScore(raw: string): number {
  const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  const t = line.trim();
  if (t === '') return 0;
  let s = 0;
  if (CODE_END.test(t)) s += 0.55;
  if (CODE_START.test(t)) s += 0.6;
  if (KEYWORD_START.test(t)) s += 0.35;
  if (OPERATOR.test(t)) s += 0.35;
  if (CALL.test(t)) s += 0.3;
  if (ASSIGN.test(t)) s += 0.35;
  if (IDENT.test(t)) s += 0.25;
  if (/^(?: {2,}|\t)\S/.test(line)) s += 0.15;
  if (/^#\s/.test(t)) s += 0.2;
  const symbols = (t.match(SYMBOL) ?? []).length;
  const density = symbols / t.length;
  if (density > 0.08) s += 0.2;
  if (density > 0.15) s += 0.2;
  const words = t.match(WORD) ?? [];
  let stops = 0;
  for (const w of words) if (STOP.has(w.toLowerCase())) stops++;
  if (words.length >= 6 && stops / words.length >= 0.25) s -= 0.6;
  if (words.length >= 12 && stops / words.length >= 0.2) s -= 0.4;
  if (words.length >= 5 && /[a-z][.!?]["')]?$/.test(t) && !/[;{}]/.test(t)) s -= 0.35;
  if (t.length > 160 && density < 0.05) s -= 0.5;
  // Markdown list items and headings read like prose even with a backtick or two.
  if (/^(?:[-*+] |\d+\. |#{1,6} )[A-Za-z*`]/.test(t) && words.length >= 4 && density < 0.12) s -= 0.3;
  // "Label: value" lines of forms and prompt templates ("- Budget: ${budget}") are not code.
  if (LABEL_LINE.test(t) && !/[;{]\s*$/.test(t)) s -= 0.5;
  return s;
}

export function classify(raw: string): LineKind {
  const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  const s = lineScore(line);
  if (s >= 0.5) return 'code';
  if (s >= 0.3) return 'weak';
  if (s <= 0 && line.trim().split(/\s+/, 4).length >= 4) return 'prose';
  return 'neutral';
}

/** Split a text into lines with offsets and kinds. */
export function scanLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const body = text.slice(start, Math.min(stop, start + MAX_LINE));
    out.push({ start, end, kind: classify(body) });
    start = end + 1;
  }
  return out;
}

export interface Block {
  /** Index of the first and last line (inclusive). */
  readonly first: number;
  readonly last: number;
  readonly codeLines: number;
  readonly proseLines: number;
  readonly nonBlank: number;
}

/**
 * Runs of code lines; one prose line between code lines is tolerated, two end the run. Weak lines
 * right before or after a run (a `package` line, a closing `end`) join it.
 */
export function findBlocks(lines: readonly Line[], text: string): Block[] {
  const blocks: Block[] = [];
  const blank = (l: Line): boolean => !/\S/.test(text.slice(l.start, Math.min(l.end, l.start + MAX_LINE)));
  let i = 0;
  let floor = 0;
  while (i < lines.length) {
    if ((lines[i] as Line).kind !== 'code') {
      i++;
      continue;
    }
    let first = i;
    for (let k = i - 1; k >= floor; k--) {
      const l = lines[k] as Line;
      if (l.kind === 'weak') first = k;
      else if (!blank(l)) break;
    }
    let last = i;
    let code = 0;
    let proseRun = 0;
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j] as Line;
      if (l.kind === 'code') {
        code++;
        last = j;
        proseRun = 0;
      } else if (l.kind === 'prose') {
        if (++proseRun >= 2) break;
      } else if (l.kind === 'weak' && proseRun === 0) {
        last = j;
      }
    }
    let prose = 0;
    let nonBlank = 0;
    for (let k = first; k <= last; k++) {
      const l = lines[k] as Line;
      if (l.kind === 'prose') prose++;
      if (!blank(l)) nonBlank++;
    }
    blocks.push({ first, last, codeLines: code, proseLines: prose, nonBlank });
    i = Math.max(j, last + 1);
    floor = i;
  }
  return blocks;
}
