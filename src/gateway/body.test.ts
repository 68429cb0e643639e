import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import { readBody, tooDeep } from './body.js';

const limits = { maxBytes: 1024, maxDepth: 8 };

function fakeReq(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage & { pulled: number } {
  let pulled = 0;
  const src = Readable.from(
    (function* () {
      for (const c of chunks) {
        pulled++;
        yield c;
      }
    })(),
    { objectMode: false },
  );
  return Object.assign(src, { headers, get pulled() { return pulled; } }) as unknown as IncomingMessage & { pulled: number };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof AirlockError ? err.code : String(err);
  }
}

describe('readBody', () => {
  it('parses JSON and keeps the exact bytes', async () => {
    const raw = Buffer.from('{"a": "é"}');
    const b = await readBody(fakeReq([raw]), limits);
    expect(b?.json).toEqual({ a: 'é' });
    expect(b?.raw.equals(raw)).toBe(true);
  });

  it('returns undefined for an empty body', async () => {
    expect(await readBody(fakeReq([]), limits)).toBeUndefined();
  });

  it('refuses a declared oversize body without reading it', async () => {
    const req = fakeReq([Buffer.alloc(10)], { 'content-length': '5000' });
    expect(await code(readBody(req, limits))).toBe('AIRLOCK_ERR_BODY_TOO_LARGE');
    expect(req.pulled).toBe(0);
  });

  it('stops reading as soon as a chunked body passes the cap', async () => {
    const chunks = Array.from({ length: 50 }, () => Buffer.alloc(512, 0x20));
    const req = fakeReq(chunks);
    expect(await code(readBody(req, limits))).toBe('AIRLOCK_ERR_BODY_TOO_LARGE');
    expect(req.pulled).toBeLessThan(10);
  });

  it('decodes gzip, deflate and br before parsing', async () => {
    const json = Buffer.from('{"messages":[{"role":"user","content":"hi"}]}');
    for (const [enc, data] of [['gzip', gzipSync(json)], ['deflate', deflateSync(json)], ['br', brotliCompressSync(json)]] as const) {
      const b = await readBody(fakeReq([data], { 'content-encoding': enc }), limits);
      expect(b?.json).toEqual({ messages: [{ role: 'user', content: 'hi' }] });
      expect(b?.raw.equals(json)).toBe(true);
    }
  });

  it('caps the decoded size too (compression bombs)', async () => {
    const bomb = gzipSync(Buffer.from(`"${'a'.repeat(100_000)}"`));
    expect(bomb.length).toBeLessThan(1024);
    expect(await code(readBody(fakeReq([bomb], { 'content-encoding': 'gzip' }), limits))).toBe('AIRLOCK_ERR_BODY_TOO_LARGE');
  });

  it('refuses unknown encodings, corrupt data, bad UTF-8, bad JSON, deep JSON and multipart', async () => {
    expect(await code(readBody(fakeReq([Buffer.from('{}')], { 'content-encoding': 'zstd' }), limits))).toBe('AIRLOCK_ERR_UNSUPPORTED_MEDIA');
    expect(await code(readBody(fakeReq([Buffer.from('not gzip')], { 'content-encoding': 'gzip' }), limits))).toBe('AIRLOCK_ERR_BAD_ENCODING');
    expect(await code(readBody(fakeReq([Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]), limits))).toBe('AIRLOCK_ERR_BAD_ENCODING');
    expect(await code(readBody(fakeReq([Buffer.from('{"a":')]), limits))).toBe('AIRLOCK_ERR_BAD_JSON');
    expect(await code(readBody(fakeReq([Buffer.from('['.repeat(9) + ']'.repeat(9))]), limits))).toBe('AIRLOCK_ERR_TOO_DEEP');
    expect(await code(readBody(fakeReq([Buffer.from('--x')], { 'content-type': 'multipart/form-data; boundary=x' }), limits))).toBe('AIRLOCK_ERR_UNSUPPORTED_MEDIA');
  });
});

describe('tooDeep', () => {
  it('counts object and array levels only, not brackets inside strings', () => {
    expect(tooDeep(JSON.parse('{"a":"[[[[[[[[[["}'), 1)).toBe(false);
    expect(tooDeep({ a: [[1]] }, 2)).toBe(true);
    expect(tooDeep({ a: [[1]] }, 3)).toBe(false);
    expect(tooDeep('text', 0)).toBe(false);
  });
});
