import { countTokens } from 'gpt-tokenizer';
import { openaiChat } from '../openai.js';
import { isObject } from '../types.js';

/** The built-in demo model: answers with the last user text it received, in OpenAI's shapes. */
export const ECHO_MODEL = 'airlock-echo';

export interface EchoAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Body pieces; a streamed answer yields one SSE event per piece. */
  readonly chunks: readonly Buffer[];
}

function lastUserText(body: unknown): string {
  let msg = '';
  let text = '';
  for (const s of openaiChat.extract(body)) {
    if (s.role !== 'user' || !s.path.startsWith('messages[') || !s.path.includes('.content')) continue;
    const m = s.path.slice(0, s.path.indexOf(']') + 1);
    // Array content parts of one message are joined; a later user message replaces them.
    text = m === msg ? text + s.text : s.text;
    msg = m;
  }
  return text;
}

function json(status: number, body: unknown): EchoAnswer {
  return { status, headers: { 'content-type': 'application/json', 'x-airlock-echo': '1' }, chunks: [Buffer.from(JSON.stringify(body))] };
}

export function echoAnswer(method: string, path: string, body: unknown): EchoAnswer {
  if (method === 'GET' && path.endsWith('/models')) {
    return json(200, { object: 'list', data: [{ id: ECHO_MODEL, object: 'model', owned_by: 'airlock (built-in echo: answers with what it received)' }] });
  }
  if (!path.endsWith('/chat/completions')) {
    return json(404, { error: { message: `The Airlock echo model only answers /v1/chat/completions (got ${path}).`, type: 'invalid_request_error', code: 'echo_unsupported', param: null } });
  }
  const text = lastUserText(body);
  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-echo-${created}`;
  const promptTokens = countTokens(text);
  const usage = { prompt_tokens: promptTokens, completion_tokens: promptTokens, total_tokens: 2 * promptTokens };
  const base = { id, created, model: ECHO_MODEL, system_fingerprint: 'airlock-echo' };
  if (isObject(body) && body.stream === true) {
    const pieces = text.match(/\S+\s*|\s+/g) ?? [''];
    const ev = (o: unknown) => Buffer.from(`data: ${JSON.stringify(o)}\n\n`);
    const chunks = pieces.map((p, i) => ev({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: p } : { content: p }, finish_reason: null }] }));
    chunks.push(ev({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    if (isObject(body.stream_options) && body.stream_options.include_usage === true) chunks.push(ev({ ...base, object: 'chat.completion.chunk', choices: [], usage }));
    chunks.push(Buffer.from('data: [DONE]\n\n'));
    return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-airlock-echo': '1' }, chunks };
  }
  return json(200, { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage });
}
