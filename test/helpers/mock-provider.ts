import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCa } from './tls.js';

/** One request as the mock provider received it (after Airlock rewrote it). */
export interface RecordedRequest {
  readonly method: string;
  /** Path plus query string. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Parsed body when it was JSON. */
  readonly json: unknown;
}

export type JudgeVerdict = { result: 'allow' | 'deny'; reason?: string } | string;

/** Mutable per test: set fields on `mock.behavior` and reset with `mock.reset()`. */
export interface MockBehavior {
  /** Content of non-streamed chat answers; default echoes the last user text. */
  reply?: (req: RecordedRequest) => string;
  /** Content pieces of a streamed answer (one SSE chunk each). */
  chunks: string[];
  /** When set, the stream pauses after the first chunk until this resolves (proves no buffering). */
  streamGate?: Promise<void>;
  /** Delay before answering headers (timeouts). */
  delayMs: number;
  /** Destroy the socket instead of answering (upstream reset). */
  reset: boolean;
  /** Destroy the socket after the first streamed event (a provider dying mid-answer). */
  cutStream?: boolean;
  /** Force this status with an OpenAI-style error body. */
  status?: number;
  /** Requests whose `model` is this are answered as the judge. */
  judgeModel: string;
  /** The judge's verdict: an object (serialised as JSON) or raw content (to test tolerant parsing). */
  judge: JudgeVerdict | ((text: string) => JudgeVerdict);
  /** Arguments returned when the request carries `tools`. */
  toolArguments: string;
  /**
   * Text of Responses answers (default `mock response`). When set, each answer gets its own id
   * (`resp_mock_N`); with `background: true` the POST answers `queued` with no output, and the
   * completed answer is fetched with `GET /v1/responses/{id}`.
   */
  responseText?: (req: RecordedRequest) => string;
}

export interface MockProvider {
  readonly port: number;
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** TLS handshakes completed so far (connection reuse checks). */
  readonly tlsConnections: number;
  /** Answers whose connection closed before the mock finished them (client aborts reach here). */
  readonly aborted: number;
  behavior: MockBehavior;
  /** Responses answers by id, as `GET /v1/responses/{id}` returns them. */
  readonly responses: Map<string, unknown>;
  reset(): void;
  close(): Promise<void>;
}

function defaults(): MockBehavior {
  return { chunks: ['Hello', ' from', ' the mock'], delayMs: 0, reset: false, judgeModel: 'judge-model', judge: { result: 'allow' }, toolArguments: '{"city":"Paris"}' };
}

type Json = Record<string, unknown>;

function lastUserText(body: Json): string {
  const msgs = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) return (m.content as Json[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
  }
  return '';
}

const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

function send(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

async function stream(res: ServerResponse, b: MockBehavior, events: string[]): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (let i = 0; i < events.length; i++) {
    res.write(events[i]);
    if (i === 0 && b.cutStream) {
      // Let the first event leave before the connection dies.
      await new Promise((r) => setTimeout(r, 20));
      res.destroy();
      return;
    }
    if (i === 0 && b.streamGate) await b.streamGate;
  }
  res.end();
}

function chat(req: RecordedRequest, res: ServerResponse, b: MockBehavior): Promise<void> | void {
  const body = (req.json ?? {}) as Json;
  const model = typeof body.model === 'string' ? body.model : 'mock-model';
  if (model === b.judgeModel) {
    const v = typeof b.judge === 'function' ? b.judge(lastUserText(body)) : b.judge;
    const content = typeof v === 'string' ? v : JSON.stringify(v);
    return send(res, 200, { id: 'judge-1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage });
  }
  const id = 'chatcmpl-mock';
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    const name = ((body.tools[0] as Json).function as Json | undefined)?.name ?? 'tool';
    const message = { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: b.toolArguments } }] };
    return send(res, 200, { id, object: 'chat.completion', created: 1, model, choices: [{ index: 0, message, finish_reason: 'tool_calls' }], usage });
  }
  if (body.stream === true) {
    const events = b.chunks.map((c, i) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: c } : { content: c }, finish_reason: null }] })}\n\n`);
    events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    if ((body.stream_options as Json | undefined)?.include_usage === true) {
      events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [], usage })}\n\n`);
    }
    events.push('data: [DONE]\n\n');
    return stream(res, b, events);
  }
  const content = b.reply ? b.reply(req) : `mock reply to: ${lastUserText(body)}`;
  send(res, 200, { id, object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage });
}

function anthropic(req: RecordedRequest, res: ServerResponse, b: MockBehavior): Promise<void> | void {
  const body = (req.json ?? {}) as Json;
  const model = typeof body.model === 'string' ? body.model : 'claude-mock';
  const u = { input_tokens: 11, output_tokens: 7 };
  if (body.stream === true) {
    const ev = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const events = [
      ev('message_start', { message: { id: 'msg_mock', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 11, output_tokens: 0 } } }),
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      ...b.chunks.map((t) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
      ev('content_block_stop', { index: 0 }),
      ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } }),
      ev('message_stop', {}),
    ];
    return stream(res, b, events);
  }
  const text = b.reply ? b.reply(req) : `mock reply to: ${lastUserText(body)}`;
  send(res, 200, { id: 'msg_mock', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: u });
}

let responseSeq = 0;

function responses(req: RecordedRequest, res: ServerResponse, b: MockBehavior, kept: Map<string, unknown>): void {
  const u = { input_tokens: 11, output_tokens: 7, total_tokens: 18 };
  const text = b.responseText ? b.responseText(req) : 'mock response';
  const id = b.responseText ? `resp_mock_${++responseSeq}` : 'resp_mock';
  const done = { id, object: 'response', status: 'completed', output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] }], usage: u };
  kept.set(id, done);
  if ((req.json as Json | undefined)?.background === true) return send(res, 200, { id, object: 'response', status: 'queued', output: [], usage: null });
  send(res, 200, done);
}

function answer(req: RecordedRequest, res: ServerResponse, b: MockBehavior, kept: Map<string, unknown>): Promise<void> | void {
  if (b.status !== undefined) return send(res, b.status, { error: { message: 'mock error', type: 'mock', code: 'mock_error', param: null } });
  const path = req.url.split('?')[0] ?? '';
  if (path.endsWith('/chat/completions')) return chat(req, res, b);
  if (path.endsWith('/messages')) return anthropic(req, res, b);
  if (path.endsWith('/embeddings')) return send(res, 200, { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model: 'emb', usage: { prompt_tokens: 3, total_tokens: 3 } });
  if (path.endsWith('/completions')) return send(res, 200, { id: 'cmpl-mock', object: 'text_completion', created: 1, model: 'mock', choices: [{ index: 0, text: 'mock completion', finish_reason: 'stop' }], usage });
  if (path.endsWith('/responses')) return responses(req, res, b, kept);
  const stored = req.method === 'GET' ? /\/responses\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (stored !== undefined && kept.has(stored)) return send(res, 200, kept.get(stored));
  if (path.endsWith('/models')) return send(res, 200, { object: 'list', data: [{ id: 'mock-model', object: 'model' }] });
  send(res, 404, { error: { message: `mock has no ${path}`, type: 'not_found', code: null, param: null } });
}

/**
 * Start an OpenAI/Anthropic-compatible HTTPS server on 127.0.0.1 that records every request and
 * answers chat completions (plain, streamed, tool calls), Anthropic messages, embeddings,
 * completions, Responses (and stored ones fetched by id), and judge verdicts.
 */
export async function startMockProvider(ca: Pick<TestCa, 'certPem' | 'keyPem'>): Promise<MockProvider> {
  let tlsConnections = 0;
  let aborted = 0;
  const requests: RecordedRequest[] = [];
  const kept = new Map<string, unknown>();
  const server: Server = createServer({ cert: ca.certPem, key: ca.keyPem, keepAliveTimeout: 30_000 }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      res.on('close', () => {
        if (!res.writableFinished) aborted++;
      });
      const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json };
      requests.push(rec);
      const b = mock.behavior;
      if (b.reset) {
        req.socket.destroy();
        return;
      }
      const go = () => void Promise.resolve(answer(rec, res, b, kept)).catch(() => res.destroy());
      if (b.delayMs > 0) setTimeout(go, b.delayMs);
      else go();
    });
  });
  server.on('secureConnection', () => tlsConnections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const mock: MockProvider = {
    port,
    url: `https://127.0.0.1:${port}`,
    requests,
    get tlsConnections() {
      return tlsConnections;
    },
    get aborted() {
      return aborted;
    },
    behavior: defaults(),
    responses: kept,
    reset() {
      requests.length = 0;
      kept.clear();
      mock.behavior = defaults();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return mock;
}
