/**
 * Aho-Corasick over UTF-16 code units, compiled to a dense transition table so that a scan is one
 * table lookup per character: the pre-pass of the signal scorer reads every byte of every prompt,
 * and a Map per state (as a general-purpose automaton keeps) is several times slower. All
 * non-ASCII units share one class, which keeps the table small enough to stay in cache; hits of
 * literals with non-ASCII characters are confirmed against the text.
 */

const MAX_STATES = 1 << 20;

export class LiteralAutomaton {
  /** Character class of each ASCII unit; 0 for units no literal contains, `nonAscii` above. */
  private readonly cls = new Uint8Array(128);
  private readonly nonAscii: number;
  private readonly width: number;
  /** Target state times `width` (the start of its row), negated when the target ends a literal. */
  private readonly delta: Int32Array;
  /** Per state, index into `outs` of the literals ending there, or -1. */
  private readonly out: Int32Array;
  private readonly outs: (readonly number[])[] = [];
  /** Literals with non-ASCII units, whose hits need confirming. */
  private readonly inexact: boolean[];

  constructor(readonly literals: readonly string[]) {
    let classes = 1;
    for (const lit of literals) {
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        if (c < 128 && this.cls[c] === 0) this.cls[c] = classes++;
      }
    }
    this.nonAscii = classes++;
    this.width = classes;
    this.inexact = literals.map((l) => /[^\x00-\x7f]/.test(l));
    const classOf = (c: number): number => (c < 128 ? (this.cls[c] as number) : this.nonAscii);
    // Trie first, as nested arrays; then flattened with failure transitions resolved.
    const next: Int32Array[] = [new Int32Array(classes).fill(-1)];
    const ends: number[][] = [[]];
    literals.forEach((lit, idx) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const k = classOf(lit.charCodeAt(i));
        const row = next[s] as Int32Array;
        if ((row[k] as number) < 0) {
          row[k] = next.length;
          next.push(new Int32Array(classes).fill(-1));
          ends.push([]);
        }
        s = row[k] as number;
      }
      (ends[s] as number[]).push(idx);
    });
    const states = next.length;
    if (states > MAX_STATES) throw new Error(`too many anchor states (${states})`);
    this.delta = new Int32Array(states * classes);
    this.out = new Int32Array(states).fill(-1);
    const fail = new Int32Array(states);
    const order: number[] = [0];
    for (let qi = 0; qi < order.length; qi++) {
      const s = order[qi] as number;
      // Literals ending at the failure state also end here (it is a suffix of this state).
      const mine = s === 0 ? [] : [...(ends[s] as number[]), ...(this.out[fail[s] as number] !== -1 ? (this.outs[this.out[fail[s] as number] as number] as number[]) : [])];
      if (mine.length > 0) {
        this.out[s] = this.outs.length;
        this.outs.push(mine);
      }
      const row = next[s] as Int32Array;
      for (let k = 0; k < classes; k++) {
        const t = row[k] as number;
        if (t >= 0) {
          fail[t] = s === 0 ? 0 : (this.delta[(fail[s] as number) * classes + k] as number);
          this.delta[s * classes + k] = t;
          order.push(t);
        } else this.delta[s * classes + k] = s === 0 ? 0 : (this.delta[(fail[s] as number) * classes + k] as number);
      }
    }
    // Row offsets instead of state numbers spare a multiplication per character, and a negative
    // entry flags a state that ends literals, sparing a second lookup.
    for (let i = 0; i < this.delta.length; i++) {
      const t = this.delta[i] as number;
      this.delta[i] = this.out[t] !== -1 ? -(t * classes) - 1 : t * classes;
    }
  }

  /**
   * Every occurrence as pairs (literal index, end offset exclusive), in order of end. Returned in
   * one flat array rather than through a callback: it keeps the per-character loop tight.
   */
  hits(text: string): number[] {
    const { cls, delta, out, outs, width, nonAscii, inexact, literals } = this;
    const found: number[] = [];
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      row = delta[row + (c < 128 ? (cls[c] as number) : nonAscii)] as number;
      if (row < 0) {
        row = -row - 1;
        const list = outs[out[(row / width) | 0] as number] as number[];
        for (let k = 0; k < list.length; k++) {
          const lit = list[k] as number;
          if (!inexact[lit] || text.startsWith(literals[lit] as string, i + 1 - (literals[lit] as string).length)) found.push(lit, i + 1);
        }
      }
    }
    return found;
  }
}
