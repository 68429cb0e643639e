/** Escape a literal for use inside an RE2 pattern. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

type Indices = Array<[number, number] | undefined>;

/**
 * Run a sticky RE2 at `at` over a bounded window of `text`. node-re2 converts each new input
 * string to UTF-8 and caches it per regex object, so many small per-rule regexes applied to one
 * large text would each convert the whole text; a window keeps every check proportional to the
 * match. Returns group index ranges in `text` offsets (`d` flag required).
 */
export function stickyAt(re: { lastIndex: number; exec(s: string): RegExpExecArray | null }, text: string, at: number, window: number): Indices | null {
  const slice = text.slice(at, at + window);
  re.lastIndex = 0;
  const m = re.exec(slice);
  const idx = (m as (RegExpExecArray & { indices?: Indices }) | null)?.indices;
  if (!idx) return null;
  return idx.map((r) => (r ? ([r[0] + at, r[1] + at] as [number, number]) : undefined));
}
