import { randomBytes } from 'node:crypto';
import type { ExchangeRecord } from '../gateway/hooks.js';
import type { Logger } from './log.js';

/**
 * Minimal OpenTelemetry traces: one span per exchange with child spans for the guards and the
 * upstream call, sent as OTLP/HTTP JSON to `<endpoint>/v1/traces` in batches, off the request
 * path. Spans are rebuilt from the record's timings when the exchange ends, so their placement
 * inside the request is approximate (guards first, then upstream); durations are exact.
 * Attributes carry ids, verdicts, entity types and timings — never previews, paths or text.
 */
export interface TracerOptions {
  /** OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318`. */
  readonly endpoint: string;
  readonly serviceName?: string;
  readonly flushMs?: number;
  readonly maxQueue?: number;
  readonly headers?: Record<string, string>;
  readonly logger?: Logger;
}

type AttrValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface Attr {
  key: string;
  value: AttrValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attr[];
  status: { code: number; message?: string };
}

const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

function attr(key: string, v: string | number | boolean | undefined): Attr | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return { key, value: { stringValue: v } };
  if (typeof v === 'boolean') return { key, value: { boolValue: v } };
  return Number.isInteger(v) ? { key, value: { intValue: String(v) } } : { key, value: { doubleValue: v } };
}

const nano = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

export function spansFor(rec: ExchangeRecord): OtlpSpan[] {
  const traceId = randomBytes(16).toString('hex');
  const rootId = randomBytes(8).toString('hex');
  const end = rec.time;
  const start = end - Math.max(0, rec.timings.total_ms);
  const blocked = rec.verdict === 'block' || rec.verdict === 'error';
  const attrs = [
    attr('airlock.request_id', rec.requestId),
    attr('airlock.route', rec.route),
    attr('airlock.upstream', rec.upstream),
    attr('airlock.verdict', rec.verdict),
    attr('airlock.rule', rec.rule?.slice(0, 120)),
    attr('airlock.key_id', rec.identity.keyId),
    attr('airlock.team', rec.identity.team),
    attr('airlock.findings', rec.findings.length),
    attr('airlock.entity_types', [...new Set(rec.findings.map((f) => `${String(f.detector)}:${f.type}`))].join(',') || undefined),
    attr('http.request.method', rec.method),
    attr('http.response.status_code', rec.status),
    attr('gen_ai.request.model', rec.model?.slice(0, 100)),
    attr('gen_ai.usage.input_tokens', rec.usage?.promptTokens),
    attr('gen_ai.usage.output_tokens', rec.usage?.completionTokens),
    attr('airlock.stream', rec.stream),
  ].filter((a): a is Attr => a !== undefined);
  const spans: OtlpSpan[] = [
    {
      traceId,
      spanId: rootId,
      name: `airlock ${rec.method} ${rec.route || 'unrouted'}`,
      kind: SPAN_KIND_SERVER,
      startTimeUnixNano: nano(start),
      endTimeUnixNano: nano(end),
      attributes: attrs,
      status: rec.status >= 500 ? { code: 2, message: rec.errorCode ?? 'error' } : { code: blocked ? 0 : 1 },
    },
  ];
  let t = start;
  const child = (name: string, ms: number, kind: number): void => {
    if (!(ms > 0)) return;
    spans.push({
      traceId,
      spanId: randomBytes(8).toString('hex'),
      parentSpanId: rootId,
      name,
      kind,
      startTimeUnixNano: nano(t),
      endTimeUnixNano: nano(t + ms),
      attributes: [],
      status: { code: 0 },
    });
    t += ms;
  };
  child('airlock.detectors', rec.timings.detectors_ms, SPAN_KIND_INTERNAL);
  child('airlock.judge', rec.timings.judge_ms, SPAN_KIND_CLIENT);
  child(`upstream ${rec.upstream}`, rec.timings.upstream_ms, SPAN_KIND_CLIENT);
  return spans;
}

export interface Tracer {
  record(rec: ExchangeRecord): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createTracer(opts: TracerOptions): Tracer {
  const url = `${opts.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const max = opts.maxQueue ?? 5000;
  let queue: OtlpSpan[] = [];
  let dropped = 0;
  let sending: Promise<void> | undefined;
  const resource = { attributes: [attr('service.name', opts.serviceName ?? 'airlock')] };

  const flush = (): Promise<void> => {
    if (sending) return sending;
    if (queue.length === 0) return Promise.resolve();
    const spans = queue;
    queue = [];
    const body = JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'airlock' }, spans }] }] });
    sending = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) opts.logger?.warn({ status: res.status, spans: spans.length }, 'OTLP collector refused spans');
      })
      // Traces are best effort: a missing collector costs spans, never requests.
      .catch((e: unknown) => opts.logger?.warn({ error: (e as Error).name, spans: spans.length }, 'OTLP export failed'))
      .finally(() => {
        sending = undefined;
      });
    return sending;
  };

  const timer = setInterval(() => void flush(), opts.flushMs ?? 2000);
  timer.unref();

  return {
    record(rec) {
      try {
        const spans = spansFor(rec);
        if (queue.length + spans.length > max) {
          dropped += spans.length;
          if (dropped % 1000 < spans.length) opts.logger?.warn({ dropped }, 'trace queue full; spans dropped');
          return;
        }
        queue.push(...spans);
      } catch {
        // Never let tracing break the audit hook.
      }
    },
    async flush() {
      await sending;
      await flush();
    },
    async close() {
      clearInterval(timer);
      await sending;
      await flush();
    },
  };
}
