import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/index.js';
import type { ExchangeRecord } from '../../src/gateway/hooks.js';
import { startTestGateway, type LogCapture } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

// A canary key: it must reach the provider and nowhere else (client answers, logs, records).
const CANARY = 'sk-canary-7f3a9c1e5b2d4f60a8e9';

let ca: TestCa;
let mock: MockProvider;
let gw: Gateway;
let logs: LogCapture;
let base: string;
const records: ExchangeRecord[] = [];
const seen: string[] = [];

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  ({ gw, logs, base } = await startTestGateway(
    {
      upstreams: { openai: { url: mock.url, provider: 'openai', api_key: CANARY, ca_file: ca.caFile } },
      routes: [{ path_prefix: '/v1', upstream: 'openai' }],
      policies: { default: { deny_patterns: ['.*账号.*', '(?i)forbidden-word'] } },
    },
    { hooks: { record: (r) => records.push(r) } },
  ));
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  ca?.cleanup();
  // The canary never leaves the provider hop.
  expect(logs.text()).not.toContain(CANARY);
  expect(JSON.stringify(records)).not.toContain(CANARY);
  for (const body of seen) expect(body).not.toContain(CANARY);
});

beforeEach(() => mock.reset());

const client = () => new OpenAI({ baseURL: `${base}/v1`, apiKey: 'client-own-key', maxRetries: 0 });

describe('openai SDK through Airlock', () => {
  it('plain chat: key injected, client key stripped, answer relayed', async () => {
    const res = await client().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }] });
    expect(res.choices[0]?.message.content).toBe('mock reply to: Hello there');
    expect(mock.requests).toHaveLength(1);
    const got = mock.requests[0]!;
    expect(got.url).toBe('/v1/chat/completions');
    expect(got.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(JSON.stringify(got.headers)).not.toContain('client-own-key');
    expect(got.json).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }] });
    expect(records.at(-1)).toMatchObject({ verdict: 'allow', status: 200, usage: { promptTokens: 11, completionTokens: 7 }, model: 'gpt-4o-mini' });
  });

  it('streams chunk by chunk: the first chunk arrives while the provider still holds the rest', async () => {
    let release!: () => void;
    mock.behavior.streamGate = new Promise<void>((r) => (release = r));
    mock.behavior.chunks = ['one', ' two', ' three'];
    const stream = await client().chat.completions.create({ model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'count' }] });
    const it = stream[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.choices[0]?.delta.content).toBe('one');
    release();
    let text = 'one';
    for (let n = await it.next(); !n.done; n = await it.next()) text += n.value.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three');
    expect(records.at(-1)).toMatchObject({ stream: true, usage: { promptTokens: 11, completionTokens: 7 } });
  });

  it('tool calls round-trip, and tool arguments and results are inspected', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await client().chat.completions.create({ model: 'm', tools, messages: [{ role: 'user', content: 'weather?' }] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.arguments : undefined).toBe('{"city":"Paris"}');
    const blocked = client().chat.completions.create({
      model: 'm',
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"my 账号 is 1"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    await expect(blocked).rejects.toMatchObject({ status: 403 });
    const viaResult = client().chat.completions.create({
      model: 'm',
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'tool', tool_call_id: 'call_1', content: 'FORBIDDEN-WORD inside a tool result' },
      ],
    });
    await expect(viaResult).rejects.toMatchObject({ status: 403 });
    expect(mock.requests).toHaveLength(1);
  });

  it('a denied prompt is refused with a readable 403 and never reaches the provider', async () => {
    const err = await client()
      .chat.completions.create({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'I like red bean zongzi, and my QQ 账号 is 1111111' }] }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const e = err as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(e.message).toMatch(/blocked by policy/);
    expect(e.code).toBe('AIRLOCK_ERR_BLOCKED');
    expect(e.error).toMatchObject({ rule: 'deny_patterns[0]', request_id: expect.any(String) });
    expect(e.headers?.get('x-airlock-request-id')).toBe((e.error as { request_id: string }).request_id);
    expect(mock.requests).toHaveLength(0);
    const rec = records.at(-1)!;
    expect(rec).toMatchObject({ verdict: 'block', status: 403, rule: 'deny_patterns[0]' });
    expect(JSON.stringify(rec)).not.toContain('1111111');
  });

  it('refuses what it cannot read, never forwarding it unchecked', async () => {
    const post = async (body: string | Buffer, headers: Record<string, string> = {}) => {
      const r = await request(`${base}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      const text = await r.body.text();
      seen.push(text);
      return { status: r.statusCode, code: (JSON.parse(text) as { error: { code: string } }).error.code, id: r.headers['x-airlock-request-id'] };
    };
    expect(await post('{"messages": [')).toMatchObject({ status: 400, code: 'AIRLOCK_ERR_BAD_JSON', id: expect.any(String) });
    expect(await post(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject({ status: 400, code: 'AIRLOCK_ERR_BAD_ENCODING' });
    expect(await post('{"a":1}', { 'content-encoding': 'compress' })).toMatchObject({ status: 415, code: 'AIRLOCK_ERR_UNSUPPORTED_MEDIA' });
    expect(await post(`${'['.repeat(200)}${']'.repeat(200)}`)).toMatchObject({ status: 400, code: 'AIRLOCK_ERR_TOO_DEEP' });
    expect(mock.requests).toHaveLength(0);
  });

  it('unknown JSON endpoints are inspected generically (no bypass by path)', async () => {
    const r = await request(`${base}/v1/some/new/endpoint`, { method: 'POST', body: JSON.stringify({ deeply: { hidden: ['my 账号 is 2'] } }), headers: { 'content-type': 'application/json' } });
    seen.push(await r.body.text());
    expect(r.statusCode).toBe(403);
    expect(mock.requests).toHaveLength(0);
  });

  it('forwards the original bytes when nothing changed', async () => {
    const raw = '{ "model" : "m",   "messages":[{"role":"user","content":"spacing kept"}] }';
    const r = await request(`${base}/v1/chat/completions`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
    seen.push(await r.body.text());
    expect(r.statusCode).toBe(200);
    expect(mock.requests[0]?.body).toBe(raw);
  });
});
