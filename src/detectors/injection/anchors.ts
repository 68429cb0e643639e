/**
 * Reads a signal pattern (the small RE2 subset used in `signals.ts`) and derives what the fast
 * pre-pass needs: literal strings such that every match contains at least one of them (its
 * "anchors"), each with whether it always stands at a word edge. Deriving them from the pattern
 * itself, rather than writing them by hand, keeps the pre-pass exact when patterns are edited.
 */

export interface Anchor {
  readonly lit: string;
  /** The character before the literal is never a word character (or there is none). */
  readonly pre: boolean;
  /** The character after the literal is never a word character (or there is none). */
  readonly post: boolean;
}

type Ast =
  | { readonly t: 'lit'; readonly s: string }
  | { readonly t: 'alt'; readonly branches: readonly Ast[] }
  | { readonly t: 'seq'; readonly items: readonly Ast[] }
  | { readonly t: 'rep'; readonly child: Ast; readonly lo: number; readonly hi: number }
  /** A character class; `nonWord` when it only matches non-word characters (\s, \W). */
  | { readonly t: 'cls'; readonly nonWord: boolean }
  | { readonly t: 'wb' }
  | { readonly t: 'bol' }
  | { readonly t: 'empty' };

/** An edge flag still to be settled by the neighbours of the node the literal ends. */
type Edge = boolean | 'ctx';
interface Cand {
  readonly lit: string;
  readonly pre: Edge;
  readonly post: Edge;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);

// Words found in almost every sentence, then words merely frequent in prose: a window around each
// occurrence would cover most of a text.
const VERY_COMMON = new Set(
  ('a an the to of in on at by for and or not no is are was were be been am it its you your me my i we he she they ' +
    'this that with from as if so do does can will would should must all any have has what how when which there here ' +
    'one about only just now also but more some').split(' '),
);
const COMMON = new Set(
  ('these those every each did had then than into new say tell give write text why who like make use get out up such ' +
    'very other first last time way well even back after before answer response reply question task role job goal ' +
    'true real old past given current default previous above below ever always never stop follow want need know see ' +
    'help please thank let act end user test key mode content type ai').split(' '),
);

function cost(c: Cand): number {
  const n = c.lit.length;
  const word = c.lit.trim();
  let base = n >= 5 ? 2 : n === 4 ? 4 : n === 3 ? 10 : n === 2 ? 30 : 100;
  if (VERY_COMMON.has(word)) base += 1000;
  else if (COMMON.has(word)) base += 40;
  // A whole word is found far less often than the same letters inside other words.
  if (c.pre === true) base *= 0.6;
  if (c.post === true) base *= 0.6;
  return base;
}
const setCost = (set: readonly Cand[]): number => set.reduce((sum, c) => sum + cost(c), 0);

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Ast {
    const n = this.alt();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i} in ${this.src}`);
    return n;
  }

  private alt(): Ast {
    const branches = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.seq());
    }
    return branches.length === 1 ? (branches[0] as Ast) : { t: 'alt', branches };
  }

  private seq(): Ast {
    const items: Ast[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.quantified(this.atom());
      const prev = items[items.length - 1];
      // Adjacent literal characters form one literal: "do anything" rather than "d", "o", …
      if (atom.t === 'lit' && prev?.t === 'lit') items[items.length - 1] = { t: 'lit', s: prev.s + atom.s };
      else items.push(atom);
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? (items[0] as Ast) : { t: 'seq', items };
  }

  private quantified(atom: Ast): Ast {
    const c = this.src[this.i];
    let lo: number;
    let hi: number;
    if (c === '?') [lo, hi] = [0, 1];
    else if (c === '*') [lo, hi] = [0, Infinity];
    else if (c === '+') [lo, hi] = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Error(`bad repeat in ${this.src}`);
      lo = Number(m[1]);
      hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return lo === 1 && hi === 1 ? atom : { t: 'rep', child: atom, lo, hi };
  }

  private atom(): Ast {
    const c = this.src[this.i++] as string;
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src[this.i] === '?') throw new Error(`unsupported group in ${this.src}`);
      const n = this.alt();
      if (this.src[this.i++] !== ')') throw new Error(`unclosed group in ${this.src}`);
      // A group is its own atom: a quantifier after it applies to all of it.
      return n.t === 'lit' ? { t: 'seq', items: [n] } : n;
    }
    if (c === '[') {
      if (this.src[this.i] === '^') this.i++;
      if (this.src[this.i] === ']') this.i++;
      while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
      if (this.src[this.i++] !== ']') throw new Error(`unclosed class in ${this.src}`);
      return { t: 'cls', nonWord: false };
    }
    if (c === '\\') {
      const e = this.src[this.i++] as string;
      if (e === 'b') return { t: 'wb' };
      if (e === 's' || e === 'W') return { t: 'cls', nonWord: true };
      if ('BSwdD'.includes(e)) return e === 'B' ? { t: 'empty' } : { t: 'cls', nonWord: false };
      if (e === 'n') return { t: 'lit', s: '\n' };
      if (e === 't') return { t: 'lit', s: '\t' };
      if (/[\\[\]{}()|.*+?^$/-]/.test(e)) return { t: 'lit', s: e };
      throw new Error(`unsupported escape \\${e} in ${this.src}`);
    }
    if (c === '^') return { t: 'bol' };
    // `$` would need a window to end on a line end; no signal uses it.
    if (c === '$') throw new Error(`'$' is not supported in signal patterns: ${this.src}`);
    if (c === '.') return { t: 'cls', nonWord: false };
    if ('*+?{'.includes(c)) throw new Error(`dangling quantifier in ${this.src}`);
    const code = c.charCodeAt(0);
    // A surrogate pair is one literal of two code units.
    if (code >= 0xd800 && code <= 0xdbff && this.i < this.src.length) return { t: 'lit', s: c + (this.src[this.i++] as string) };
    return { t: 'lit', s: c };
  }
}

/** Does the node end with whitespace (or \\W) that must be present? */
function endsInSpace(node: Ast): boolean {
  if (node.t === 'seq') return node.items.length > 0 && endsInSpace(node.items[node.items.length - 1] as Ast);
  if (node.t === 'alt') return node.branches.every(endsInSpace);
  return edgeBefore(node, undefined);
}

/**
 * Does the atom before items[k] guarantee a non-word character right before a literal starting
 * with `first`? An optional group that ends in whitespace ("(?:an?\\s+)?") is looked through:
 * whether it matches or not, the character before is whitespace when the atom before it is.
 */
function edgeBeforeItem(items: readonly Ast[], k: number, first: string | undefined): boolean {
  const prev = items[k - 1];
  if (prev?.t === 'rep' && prev.lo === 0 && endsInSpace(prev.child)) return edgeBeforeItem(items, k - 1, first);
  return edgeBefore(prev, first);
}

/** Does `node`, placed right before a literal starting with `first`, guarantee a non-word char there? */
function edgeBefore(node: Ast | undefined, first: string | undefined): boolean {
  if (!node) return false;
  if (node.t === 'bol') return true;
  if (node.t === 'wb') return isWordChar(first);
  if (node.t === 'cls') return node.nonWord;
  if (node.t === 'rep') return node.lo >= 1 && node.child.t === 'cls' && node.child.nonWord;
  if (node.t === 'lit') return !isWordChar(node.s[node.s.length - 1]);
  return false;
}

function edgeAfter(node: Ast | undefined, last: string | undefined): boolean {
  if (!node) return false;
  if (node.t === 'wb') return isWordChar(last);
  if (node.t === 'cls') return node.nonWord;
  if (node.t === 'rep') return node.lo >= 1 && node.child.t === 'cls' && node.child.nonWord;
  if (node.t === 'lit') return !isWordChar(node.s[0]);
  return false;
}

/** Candidates one of which every match of `node` contains; null when none is required. */
function required(node: Ast): Cand[] | null {
  switch (node.t) {
    case 'lit':
      return [{ lit: node.s, pre: 'ctx', post: 'ctx' }];
    case 'alt': {
      const sets = node.branches.map(required);
      return sets.every((s) => s !== null) ? (sets as Cand[][]).flat() : null;
    }
    case 'rep': {
      if (node.lo < 1) return null;
      const inner = required(node.child);
      // Repeats sit next to each other: a literal at the child's edge may touch another copy.
      return node.hi === 1 ? inner : (inner?.map((c) => ({ lit: c.lit, pre: c.pre === 'ctx' ? false : c.pre, post: c.post === 'ctx' ? false : c.post })) ?? null);
    }
    case 'seq': {
      let best: Cand[] | null = null;
      node.items.forEach((item, k) => {
        const set = required(item)?.map((c): Cand => ({
          lit: c.lit,
          pre: c.pre !== 'ctx' ? c.pre : k === 0 ? 'ctx' : edgeBeforeItem(node.items, k, c.lit[0]),
          post: c.post !== 'ctx' ? c.post : k === node.items.length - 1 ? 'ctx' : edgeAfter(node.items[k + 1], c.lit[c.lit.length - 1]),
        }));
        if (set && set.every((c) => c.lit.length > 0) && (!best || setCost(set) < setCost(best))) best = set;
      });
      return best;
    }
    default:
      return null;
  }
}

/**
 * Anchors of `pattern` (RE2 syntax, already folded): every match contains one of them, at a word
 * edge where the flag says so. Null when the best choice would be single characters, which would
 * skip nothing: such a pattern is run over the whole text.
 */
export function patternAnchors(pattern: string): readonly Anchor[] | null {
  const set = required(new Parser(pattern).parse());
  if (!set || set.length === 0 || set.some((c) => c.lit.length < 2)) return null;
  const out = new Map<string, Anchor>();
  for (const c of set) {
    const a = { lit: c.lit, pre: c.pre === true, post: c.post === true };
    out.set(`${a.pre ? 1 : 0}${a.post ? 1 : 0}${a.lit}`, a);
  }
  return [...out.values()];
}
