/**
 * JSON paths as segments carry them: `messages[2].content[0].text`, with `["odd key"]` for keys
 * that are not identifiers, so any path produced here can be parsed back and written to.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function keyPath(base: string, key: string): string {
  if (IDENT.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

export function indexPath(base: string, i: number): string {
  return `${base}[${i}]`;
}

export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  const identAt = (start: number): number => {
    let j = start;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    if (j === start) throw new Error(`bad path ${path}`);
    out.push(path.slice(start, j));
    return j;
  };
  if (path.length > 0 && path[0] !== '[') i = identAt(0);
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i = identAt(i + 1);
    } else if (c === '[' && path[i + 1] === '"') {
      let j = i + 2;
      while (j < path.length && !(path[j] === '"' && path[j - 1] !== '\\' && path[j + 1] === ']')) j++;
      out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
      i = j + 2;
    } else if (c === '[') {
      const j = path.indexOf(']', i);
      if (j < 0) throw new Error(`bad path ${path}`);
      const n = Number(path.slice(i + 1, j));
      if (!Number.isInteger(n)) throw new Error(`bad path ${path}`);
      out.push(n);
      i = j + 1;
    } else {
      throw new Error(`bad path ${path}`);
    }
  }
  return out;
}

/** Write `value` at `path` in `root` (mutating) and return the root; the empty path replaces it. */
export function setAt(root: unknown, path: string, value: unknown): unknown {
  const parts = parsePath(path);
  if (parts.length === 0) return value;
  let node: unknown = root;
  for (let i = 0; i < parts.length - 1; i++) {
    node = (node as Record<string | number, unknown> | null)?.[parts[i] as string | number];
    if (node === null || typeof node !== 'object') throw new Error(`path ${path} does not resolve`);
  }
  (node as Record<string | number, unknown>)[parts[parts.length - 1] as string | number] = value;
  return root;
}
