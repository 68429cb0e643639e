/**
 * node-re2 matches UTF-8, so it converts every JS string it is given, and for a long prompt the
 * conversion costs more than the match (RE2 keeps the last conversion per regex only). The same
 * segment text goes through several regexes in a row — deny patterns, the encoded-blob pre-check —
 * so boolean tests share one conversion through this small cache. Only for `test()`: with a Buffer
 * argument, `exec` offsets would be byte offsets.
 */
const SLOTS = 4;
/** Short texts convert cheaply; huge ones are not worth pinning in memory. */
const MIN_CHARS = 256;
const MAX_CHARS = 256 * 1024;

const texts: (string | undefined)[] = new Array<string | undefined>(SLOTS);
const bytes: (Buffer | undefined)[] = new Array<Buffer | undefined>(SLOTS);
let next = 0;

/** `text` as RE2 would see it: the shared UTF-8 bytes of a long-ish text, else the text itself. */
export function re2Input(text: string): string | Buffer {
  if (text.length < MIN_CHARS || text.length > MAX_CHARS) return text;
  for (let k = 0; k < SLOTS; k++) if (texts[k] === text) return bytes[k] as Buffer;
  const b = Buffer.from(text, 'utf8');
  texts[next] = text;
  bytes[next] = b;
  next = (next + 1) % SLOTS;
  return b;
}
