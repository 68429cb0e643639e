/**
 * A small Aho-Corasick automaton over UTF-16 code units: built once per config, then every text is
 * scanned in one pass whatever the number of entries (thousands of banned words cost the same
 * per character as ten).
 */
export interface AcMatch {
  /** Pattern index as given to `buildAutomaton`. */
  readonly pattern: number;
  /** Index (in the scanned unit sequence) of the pattern's last unit. */
  readonly end: number;
}

export interface Automaton {
  readonly lengths: readonly number[];
  /** Feed units one by one; calls `onMatch` for every pattern ending at `pos`. */
  scan(units: ArrayLike<number>, count: number, onMatch: (m: AcMatch) => void): void;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const next: Map<number, number>[] = [new Map()];
  const fail: number[] = [0];
  const out: number[][] = [[]];
  // Nearest proper suffix state that ends a pattern: walking these links lists every match.
  const dict: number[] = [-1];

  patterns.forEach((p, idx) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      const row = next[s] as Map<number, number>;
      let t = row.get(c);
      if (t === undefined) {
        t = next.length;
        next.push(new Map());
        fail.push(0);
        out.push([]);
        dict.push(-1);
        row.set(c, t);
      }
      s = t;
    }
    (out[s] as number[]).push(idx);
  });

  const queue: number[] = [];
  for (const t of (next[0] as Map<number, number>).values()) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi] as number;
    for (const [c, t] of next[s] as Map<number, number>) {
      let f = fail[s] as number;
      while (f !== 0 && !(next[f] as Map<number, number>).has(c)) f = fail[f] as number;
      const cand = (next[f] as Map<number, number>).get(c);
      const ft = cand !== undefined && cand !== t ? cand : 0;
      fail[t] = ft;
      dict[t] = (out[ft] as number[]).length > 0 ? ft : (dict[ft] as number);
      queue.push(t);
    }
  }

  const lengths = patterns.map((p) => p.length);
  return {
    lengths,
    scan(units, count, onMatch) {
      let s = 0;
      for (let pos = 0; pos < count; pos++) {
        const c = units[pos] as number;
        for (;;) {
          const t = (next[s] as Map<number, number>).get(c);
          if (t !== undefined) {
            s = t;
            break;
          }
          if (s === 0) break;
          s = fail[s] as number;
        }
        for (let o = s; o > 0; o = dict[o] as number) {
          for (const pattern of out[o] as number[]) onMatch({ pattern, end: pos });
        }
      }
    },
  };
}
