import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's static files, read once at start-up into memory. Only files found under the
 * console folder are ever served: a request path is a lookup key, never joined onto a disk path.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

export interface StaticFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly type: string;
}

export function defaultConsoleDir(): string {
  return fileURLToPath(new URL('../console/app/', import.meta.url));
}

export function loadStatic(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.') || n.endsWith('.test.ts')) continue;
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory() && depth < 3) walk(p, depth + 1);
      const type = TYPES[extname(n)];
      if (!st.isFile() || !type) continue;
      const key = '/' + relative(dir, p).split(sep).join('/');
      files.set(key, { body: new Uint8Array(readFileSync(p)), type });
    }
  };
  walk(dir, 0);
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

/** Locked down: the console loads only its own files and talks only to this listener. */
export const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};
