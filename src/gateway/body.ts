import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type InputType, type ZlibOptions } from 'node:zlib';
import { AirlockError } from '../errors.js';

export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export interface ReadBody {
  /** The decoded bytes: what is inspected is exactly what is forwarded. */
  readonly raw: Buffer;
  readonly json: unknown;
  /** Set when the gateway itself edited `json` (e.g. a key's max_tokens cap): forward it re-serialised. */
  changed?: boolean;
}

type Decoder = (buf: InputType, opts: ZlibOptions) => Promise<Buffer>;
const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip) as Decoder,
  'x-gzip': promisify(gunzip) as Decoder,
  deflate: promisify(inflate) as Decoder,
  br: promisify(brotliDecompress) as Decoder,
};

/**
 * Reads the raw bytes, refusing (413) as soon as the cap is passed: nothing past it is buffered.
 * A class with bound methods rather than per-request closures: cheaper on the hot path.
 */
class Collector {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly req: IncomingMessage,
    private readonly maxBytes: number,
    private readonly resolve: (b: Buffer) => void,
    private readonly reject: (e: Error) => void,
  ) {
    this.onData = this.onData.bind(this);
    this.onEnd = this.onEnd.bind(this);
    this.onError = this.onError.bind(this);
    req.on('data', this.onData);
    req.on('end', this.onEnd);
    req.on('error', this.onError);
  }

  private onData(c: Buffer): void {
    this.size += c.length;
    if (this.size > this.maxBytes) {
      this.cleanup();
      this.req.pause();
      this.reject(new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE'));
      return;
    }
    this.chunks.push(c);
  }

  private onEnd(): void {
    this.cleanup();
    this.resolve(this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size));
  }

  private onError(err: Error): void {
    this.cleanup();
    this.reject(err);
  }

  private cleanup(): void {
    this.req.off('data', this.onData);
    this.req.off('end', this.onEnd);
    this.req.off('error', this.onError);
  }
}

function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.reject(new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE'));
  return new Promise((resolve, reject) => void new Collector(req, maxBytes, resolve, reject));
}

/**
 * True when `v` nests deeper than `left` levels. Runs on the parsed value (V8's JSON.parse is
 * iterative, so parsing cannot overflow the stack) and only visits objects and arrays, so long
 * texts cost nothing; recursion stops one level past the cap.
 */
export function tooDeep(v: unknown, left: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (left === 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' && x !== null && tooDeep(x, left - 1)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'object' && x !== null && tooDeep(x, left - 1)) return true;
  }
  return false;
}

async function decode(raw: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  if (!encoding) return raw;
  const enc = encoding.trim().toLowerCase();
  if (enc === '' || enc === 'identity') return raw;
  const fn = DECODERS[enc];
  if (!fn) {
    throw new AirlockError('AIRLOCK_ERR_UNSUPPORTED_MEDIA', { message: `Content-Encoding "${enc.slice(0, 40)}" is not supported; send the body uncompressed or as gzip, deflate or br.` });
  }
  try {
    // maxOutputLength caps the decoded size too: a small bomb cannot expand past the body cap.
    return await fn(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE', { message: 'The decompressed request body exceeds the size limit.' });
    throw new AirlockError('AIRLOCK_ERR_BAD_ENCODING', { message: `The request body is not valid ${enc} data.` });
  }
}

/**
 * Read, decode and parse a request body. Returns undefined for an empty body. Anything that cannot
 * be read as JSON is refused: an uninspectable body is never forwarded.
 */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<ReadBody | undefined> {
  const type = req.headers['content-type'];
  if (type !== undefined && type.toLowerCase().startsWith('multipart/')) {
    throw new AirlockError('AIRLOCK_ERR_UNSUPPORTED_MEDIA', { message: 'multipart bodies cannot be inspected; Airlock accepts JSON request bodies.' });
  }
  const compressed = await collect(req, limits.maxBytes);
  const raw = await decode(compressed, req.headers['content-encoding'], limits.maxBytes);
  if (raw.length === 0) return undefined;
  // Native validation, then a plain decode: invalid bytes are refused, never replaced by U+FFFD.
  if (!isUtf8(raw)) throw new AirlockError('AIRLOCK_ERR_BAD_ENCODING');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AirlockError('AIRLOCK_ERR_BAD_JSON');
  }
  if (tooDeep(json, limits.maxDepth)) throw new AirlockError('AIRLOCK_ERR_TOO_DEEP', { message: `The request body is nested deeper than ${limits.maxDepth} levels.` });
  return { raw, json };
}
