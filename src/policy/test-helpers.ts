import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { policySchema, type PolicyConfig } from '../config/policy.js';
import { guardSchema, type GuardConfig } from '../config/schema.js';
import type { Segment } from '../detectors/types.js';

/** Test-only helpers (not exported from index.ts). */
export function policy(raw: Record<string, unknown>): PolicyConfig {
  return policySchema().parse(raw);
}

export function guard(raw: Record<string, unknown>): GuardConfig {
  return guardSchema.parse(raw);
}

export function seg(text: string, role = 'user', kind: Segment['kind'] = 'text'): Segment {
  return { path: `messages[0].content`, role, kind, text };
}

export interface JudgeServer {
  readonly url: string;
  readonly requests: { headers: IncomingMessage['headers']; body: string }[];
  reply: (body: string, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** A local OpenAI-compatible chat endpoint standing in for the judge. */
export async function startJudgeServer(): Promise<JudgeServer> {
  const state: JudgeServer = {
    url: '',
    requests: [],
    reply: (_b, res) => chat(res, '{"result":"allow","reason":"ok"}'),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ headers: req.headers, body });
      state.reply(body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  (state as { url: string }).url = `http://127.0.0.1:${port}/v1/chat/completions`;
  const close = state.close;
  state.close = () => {
    server.closeAllConnections();
    return close();
  };
  return state;
}

export function chat(res: ServerResponse, content: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
}
