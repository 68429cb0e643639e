import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCa } from './tls.js';

/**
 * A provider that streams answers piece by piece (OpenAI chat, Responses, Anthropic messages), for
 * the answer-inspection suites: the pieces can depend on the request (to echo a placeholder or a
 * planted canary back), be paced, stop for good (client-disconnect tests) or cut the connection.
 */
export interface StreamBehavior {
  /** Text pieces of the answer, one SSE event each. */
  pieces: (body: Record<string, unknown>) => string[];
  /** Pause between pieces (0: next tick). */
  delayMs: number;
  /** Destroy the socket after this many pieces (upstream reset). */
  resetAfter?: number;
  /** Stop after this many pieces and never finish (until the client goes away). */
  hangAfter?: number;
  /** Non-streamed answers: the message content. */
  reply?: (body: Record<string, unknown>) => string;
}

export interface StreamMock {
  readonly url: string;
  readonly requests: Record<string, unknown>[];
  /** Resolves when a request's connection closed before its answer was complete. */
  aborted: Promise<void>;
  behavior: StreamBehavior;
  reset(): void;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => (ms > 0 ? setTimeout(r, ms) : setImmediate(r)));

function events(path: string, body: Record<string, unknown>, pieces: string[]): { head: string[]; deltas: string[]; tail: string[] } {
  const model = typeof body.model === 'string' ? body.model : 'mock';
  if (path.endsWith('/messages')) {
    const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    return {
      head: [ev('message_start', { message: { id: 'msg_s', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 21, output_tokens: 1 } } }), ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })],
      deltas: pieces.map((t) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
      tail: [ev('content_block_stop', { index: 0 }), ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 33 } }), ev('message_stop', {})],
    };
  }
  if (path.endsWith('/responses')) {
    const ev = (data: Record<string, unknown>) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
    const full = pieces.join('');
    const item = { id: 'msg_r', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: full, annotations: [] }] };
    const resp = (status: string, output: unknown[]) => ({ id: 'resp_s', object: 'response', created_at: 1, status, model, output, usage: status === 'completed' ? { input_tokens: 8, output_tokens: 9, total_tokens: 17 } : null });
    return {
      head: [ev({ type: 'response.created', sequence_number: 0, response: resp('in_progress', []) }), ev({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { ...item, status: 'in_progress', content: [] } })],
      deltas: pieces.map((d, i) => ev({ type: 'response.output_text.delta', sequence_number: 2 + i, item_id: 'msg_r', output_index: 0, content_index: 0, delta: d })),
      tail: [
        ev({ type: 'response.output_text.done', sequence_number: 9000, item_id: 'msg_r', output_index: 0, content_index: 0, text: full }),
        ev({ type: 'response.output_item.done', sequence_number: 9001, output_index: 0, item }),
        ev({ type: 'response.completed', sequence_number: 9002, response: resp('completed', [item]) }),
      ],
    };
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1, model, choices, ...extra })}\n\n`;
  const tail = [chunk([{ index: 0, delta: {}, finish_reason: 'stop' }])];
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true) tail.push(chunk([], { usage: { prompt_tokens: 13, completion_tokens: 17, total_tokens: 30 } }));
  tail.push('data: [DONE]\n\n');
  return { head: [], deltas: pieces.map((c, i) => chunk([{ index: 0, delta: i === 0 ? { role: 'assistant', content: c } : { content: c }, finish_reason: null }])), tail };
}

async function answer(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>, b: StreamBehavior, onAbort: () => void): Promise<void> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (body.stream !== true) {
    const content = b.reply ? b.reply(body) : b.pieces(body).join('');
    const data = path.endsWith('/messages')
      ? { id: 'msg_s', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: content }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 6 } }
      : { id: 'chatcmpl-s', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 } };
    const s = JSON.stringify(data);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
    res.end(s);
    return;
  }
  const { head, deltas, tail } = events(path, body, b.pieces(body));
  let finished = false;
  res.on('close', () => {
    if (!finished) onAbort();
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const h of head) res.write(h);
  for (let i = 0; i < deltas.length; i++) {
    if (b.resetAfter === i) {
      res.socket?.destroy();
      return;
    }
    if (b.hangAfter === i) return;
    if (res.destroyed) return;
    // Respect backpressure so a 10 MB answer does not pile up in memory.
    if (!res.write(deltas[i])) await new Promise<void>((r) => res.once('drain', r));
    if (b.delayMs > 0 || i % 64 === 63) await wait(b.delayMs);
  }
  finished = true;
  res.end(tail.join(''));
}

export async function startStreamMock(ca: Pick<TestCa, 'certPem' | 'keyPem'>): Promise<StreamMock> {
  const defaults = (): StreamBehavior => ({ pieces: () => ['Hello', ' from', ' the', ' mock.'], delayMs: 0 });
  let signalAbort: () => void = () => undefined;
  const fresh = () => new Promise<void>((r) => (signalAbort = r));
  const server: Server = createServer({ cert: ca.certPem, key: ca.keyPem }, (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
      } catch {
        // Not JSON: answer with the defaults.
      }
      mock.requests.push(body);
      answer(req, res, body, mock.behavior, () => signalAbort()).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const mock: StreamMock = {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    aborted: fresh(),
    behavior: defaults(),
    reset() {
      mock.requests.length = 0;
      mock.behavior = defaults();
      mock.aborted = fresh();
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return mock;
}
