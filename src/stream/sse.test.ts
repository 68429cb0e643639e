import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseError, SseParser, serializeEvent, type SseEvent } from './sse.js';

function parseAll(chunks: readonly Uint8Array[]): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

const enc = new TextEncoder();

describe('SseParser', () => {
  it('parses fields, multi-line data, comments and every line ending', () => {
    const src = ': keep-alive\n\nevent: message_start\r\ndata: {"a":1}\r\n\r\ndata: line one\rdata: line two\r\rid: 7\ndata:nospace\n\n';
    const evs = parseAll([enc.encode(src)]);
    expect(evs.map((e) => [e.event, e.data, e.hasData, e.id])).toEqual([
      [undefined, '', false, undefined],
      ['message_start', '{"a":1}', true, undefined],
      [undefined, 'line one\nline two', true, undefined],
      [undefined, 'nospace', true, '7'],
    ]);
    expect(evs.map((e) => e.raw).join('')).toBe(src);
  });

  it('gives identical events when a stream is split at every byte offset (property)', () => {
    const field = fc.stringOf(fc.constantFrom('a', 'é', '字', '😀', ' ', ':', '{', '"'), { maxLength: 8 });
    const eol = fc.constantFrom('\n', '\r', '\r\n');
    const block = fc.record({
      event: fc.option(field, { nil: undefined }),
      data: fc.array(field, { minLength: 1, maxLength: 3 }),
      comment: fc.boolean(),
      eol,
    });
    const build = (b: { event?: string; data: string[]; comment: boolean; eol: string }) =>
      (b.comment ? `: note${b.eol}` : '') + (b.event !== undefined ? `event: ${b.event}${b.eol}` : '') + b.data.map((d) => `data: ${d}${b.eol}`).join('') + b.eol;
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), (blocks, cuts) => {
        const bytes = enc.encode(blocks.map(build).join(''));
        const whole = parseAll([bytes]);
        expect(whole.filter((e) => e.hasData)).toHaveLength(blocks.length);
        // Every single offset, then random multi-cut splits.
        for (let k = 0; k <= bytes.length; k++) expect(parseAll([bytes.subarray(0, k), bytes.subarray(k)])).toEqual(whole);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const parts: Uint8Array[] = [];
        let prev = 0;
        for (const p of points) {
          parts.push(bytes.subarray(prev, p));
          prev = p;
        }
        parts.push(bytes.subarray(prev));
        expect(parseAll(parts)).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('fails with a clear error on invalid UTF-8 and on a stream cut mid-event', () => {
    expect(() => parseAll([new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a])])).toThrow(/not valid UTF-8/);
    expect(() => parseAll([enc.encode('data: {"partial"')])).toThrow(SseError);
    expect(() => parseAll([enc.encode('data: {"a":1}\n')])).toThrow(/middle of an event/);
    expect(() => parseAll([enc.encode('data: x\n\n'), new Uint8Array([0xe5, 0xad])])).toThrow(/UTF-8/);
  });

  it('refuses an event that never ends instead of buffering without bound', () => {
    const p = new SseParser({ maxEventChars: 100 });
    expect(() => {
      for (let i = 0; i < 20; i++) p.push(enc.encode('data: xxxxxxxxxx'));
    }).toThrow(/exceeds 100 characters/);
    expect(() => p.push('data: more')).toThrow(SseError);
  });

  it('serializes events that parse back to themselves', () => {
    const s = serializeEvent({ event: 'error', data: '{"x":"a\\nb"}\nsecond' });
    const [ev] = parseAll([enc.encode(s)]);
    expect(ev).toMatchObject({ event: 'error', data: '{"x":"a\\nb"}\nsecond', raw: s });
  });
});
