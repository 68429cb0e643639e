import { decodeBase64 } from '../validate.js';

const KIND_SECRET = /^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*$/im;
const DATA_LINE = /^([ \t]*)(data|stringData):[ \t]*$/;
const ENTRY_LINE = /^([ \t]+)([\w.-]{1,253}):[ \t]*(["']?)([^\s"'#]{1,8000})\3[ \t]*$/;

function indentOf(ws: string): number {
  return ws.replace(/\t/g, '    ').length;
}

/**
 * `kind: Secret` manifests: every non-trivial value under `data:` (base64, decoded) or
 * `stringData:` is reported. One walk over the lines, so linear in the text length.
 */
export function kubernetesSecretScan(text: string): Array<[number, number]> {
  if (!KIND_SECRET.test(text)) return [];
  const out: Array<[number, number]> = [];
  let offset = 0;
  let block: { indent: number; base64: boolean } | null = null;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    const head = DATA_LINE.exec(body);
    if (head) {
      block = { indent: indentOf(head[1]!), base64: head[2] === 'data' };
      continue;
    }
    if (!block || body.trim() === '') continue;
    const entry = ENTRY_LINE.exec(body);
    if (!entry || indentOf(entry[1]!) <= block.indent) {
      block = null;
      continue;
    }
    const value = entry[4]!;
    if (!valueCounts(value, block.base64)) continue;
    const start = lineStart + entry[1]!.length + entry[2]!.length + body.slice(entry[1]!.length + entry[2]!.length).indexOf(value);
    out.push([start, start + value.length]);
  }
  return out;
}

function valueCounts(value: string, base64: boolean): boolean {
  if (/^\{\{.*\}\}$/.test(value) || /^\$\{.*\}$/.test(value)) return false;
  if (!base64) return value.length >= 6;
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value)) return false;
  const d = decodeBase64(value);
  return d !== null && d.trim().length >= 6;
}
