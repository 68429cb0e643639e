import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedCardRecord } from '../audit/testing.js';
import { createTracer } from './traces.js';

let server: Server;
let endpoint: string;
const bodies: { url: string; json: unknown; raw: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      bodies.push({ url: req.url ?? '', json: JSON.parse(raw), raw });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

interface Span {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

describe('OTLP traces', () => {
  it('sends one trace per exchange with guard spans, and no caught value', async () => {
    const tracer = createTracer({ endpoint, flushMs: 60_000 });
    tracer.record(blockedCardRecord({ id: 'trace-1', card: '4111 1111 1111 1111' }));
    await tracer.close();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.url).toBe('/v1/traces');
    const doc = bodies[0]?.json as { resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { spans: Span[] }[] }[] };
    const spans = doc.resourceSpans[0]!.scopeSpans[0]!.spans;
    const root = spans.find((s) => !s.parentSpanId)!;
    expect(root.name).toBe('airlock POST openai');
    expect(root.attributes).toContainEqual({ key: 'airlock.verdict', value: { stringValue: 'block' } });
    expect(root.attributes).toContainEqual({ key: 'airlock.entity_types', value: { stringValue: 'pii:CREDIT_CARD' } });
    expect(spans.filter((s) => s.parentSpanId === root.spanId).map((s) => s.name)).toEqual(['airlock.detectors']);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(bodies[0]?.raw).not.toMatch(/4111|\*{4}/);
  });

  it('keeps serving when the collector is unreachable', async () => {
    const tracer = createTracer({ endpoint: 'http://127.0.0.1:9', flushMs: 60_000 });
    tracer.record(blockedCardRecord({ id: 'trace-2', card: '4111 1111 1111 1111' }));
    await expect(tracer.close()).resolves.toBeUndefined();
  });
});
