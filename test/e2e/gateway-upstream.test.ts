import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/index.js';
import { makeConfig, startTestGateway } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

let ca: TestCa;
let a: MockProvider;
let b: MockProvider;
let gw: Gateway;
let base: string;

function config(primary: MockProvider, extra: Record<string, unknown> = {}) {
  return {
    server: { max_body_bytes: 64 * 1024 },
    upstreams: {
      openai: { url: primary.url, api_key: 'sk-openai-x', ca_file: ca.caFile, pool: { connections: 4 }, timeouts: { headers_ms: 500 } },
      claude: { url: a.url, provider: 'anthropic', api_key: 'sk-ant-x', ca_file: ca.caFile },
      azure: { url: a.url, provider: 'azure', api_key: 'az-key', api_version: '2024-10-21', ca_file: ca.caFile },
      passthrough: { url: a.url, ca_file: ca.caFile, passthrough_client_key: true },
      down: { url: 'https://127.0.0.1:1', ca_file: ca.caFile },
      echo: { url: 'echo://local' },
    },
    routes: [
      { path_prefix: '/v1', upstream: 'openai' },
      { path_prefix: '/anthropic', strip_prefix: '/anthropic', upstream: 'claude' },
      { path_prefix: '/azure', strip_prefix: '/azure', upstream: 'azure' },
      { path_prefix: '/pass', strip_prefix: '/pass', upstream: 'passthrough' },
      { path_prefix: '/down', strip_prefix: '/down', upstream: 'down' },
      { path_prefix: '/echo', strip_prefix: '/echo', upstream: 'echo' },
    ],
    policies: { default: { deny_patterns: ['(?i)top secret'] } },
    ...extra,
  };
}

beforeAll(async () => {
  ca = createTestCa();
  a = await startMockProvider(ca);
  b = await startMockProvider(ca);
  ({ gw, base } = await startTestGateway(config(a)));
});

afterAll(async () => {
  await gw?.close();
  await a?.close();
  await b?.close();
  ca?.cleanup();
});

beforeEach(() => {
  a.reset();
  b.reset();
});

const chat = (path = '/v1/chat/completions', content = 'hi', headers: Record<string, string> = {}) =>
  request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }) });

describe('upstream pool', () => {
  it('500 sequential requests reuse pooled TLS connections', async () => {
    const before = a.tlsConnections;
    for (let i = 0; i < 500; i++) {
      const r = await chat();
      expect(r.statusCode).toBe(200);
      await r.body.dump();
    }
    expect(a.tlsConnections - before).toBeGreaterThan(0);
    expect(a.tlsConnections - before).toBeLessThanOrEqual(4);
  });
});

describe('key styles per provider', () => {
  it('anthropic: x-api-key and anthropic-version, via the Anthropic SDK, system and blocks inspected', async () => {
    const client = new Anthropic({ baseURL: `${base}/anthropic`, apiKey: 'client-ant-key', maxRetries: 0 });
    const msg = await client.messages.create({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hello claude' }] });
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'mock reply to: hello claude' });
    expect(a.requests[0]?.headers['x-api-key']).toBe('sk-ant-x');
    expect(a.requests[0]?.headers['anthropic-version']).toBeDefined();
    expect(a.requests[0]?.url).toBe('/v1/messages');
    await expect(client.messages.create({ model: 'c', max_tokens: 5, system: 'this is TOP SECRET', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 403 });
    expect(a.requests).toHaveLength(1);
  });

  it('azure: api-key header and api-version query', async () => {
    const r = await chat('/azure/openai/deployments/d1/chat/completions', 'hi', { 'api-key': 'client-az' });
    expect(r.statusCode).toBe(200);
    await r.body.dump();
    expect(a.requests[0]?.headers['api-key']).toBe('az-key');
    expect(a.requests[0]?.headers.authorization).toBeUndefined();
    expect(a.requests[0]?.url).toBe('/openai/deployments/d1/chat/completions?api-version=2024-10-21');
  });

  it('azure: a client-chosen api-version is kept, not duplicated', async () => {
    const r = await chat('/azure/openai/deployments/d1/chat/completions?api-version=2025-01-01');
    await r.body.dump();
    expect(a.requests[0]?.url).toBe('/openai/deployments/d1/chat/completions?api-version=2025-01-01');
  });

  it('passthrough_client_key forwards the caller credential', async () => {
    const r = await chat('/pass/v1/chat/completions', 'hi', { authorization: 'Bearer client-own' });
    await r.body.dump();
    expect(a.requests[0]?.headers.authorization).toBe('Bearer client-own');
  });
});

describe('upstream faults', () => {
  it('connection refused → 502', async () => {
    const r = await chat('/down/v1/chat/completions');
    expect(r.statusCode).toBe(502);
    expect(await r.body.json()).toMatchObject({ error: { code: 'AIRLOCK_ERR_UPSTREAM_UNAVAILABLE' } });
  });

  it('reset by the provider → 502', async () => {
    a.behavior.reset = true;
    const r = await chat();
    expect(r.statusCode).toBe(502);
    await r.body.dump();
  });

  it('a provider dying mid-stream surfaces as an error to the client, never as a complete answer', async () => {
    a.behavior.cutStream = true;
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'go' }] });
    const got: string[] = [];
    const consume = async () => {
      for await (const c of stream) got.push(c.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toThrow();
    expect(got).not.toContain(' the mock');
  });

  it('no answer within headers_ms → 504', async () => {
    a.behavior.delayMs = 3000;
    const r = await chat();
    expect(r.statusCode).toBe(504);
    expect(await r.body.json()).toMatchObject({ error: { code: 'AIRLOCK_ERR_UPSTREAM_TIMEOUT' } });
  });
});

describe('bodies', () => {
  it('413 over the cap, and the gateway closes the connection instead of reading on', async () => {
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] });
    const r = await request(`${base}/v1/chat/completions`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(413);
    expect(r.headers.connection).toBe('close');
    await r.body.dump();
    expect(a.requests).toHaveLength(0);
  });

  it('gzip bodies are inspected decoded and forwarded decoded', async () => {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'top secret plan' }] });
    const r = await request(`${base}/v1/chat/completions`, { method: 'POST', body: gzipSync(body), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(r.statusCode).toBe(403);
    await r.body.dump();
    const ok = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'fine' }] });
    const r2 = await request(`${base}/v1/chat/completions`, { method: 'POST', body: gzipSync(ok), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(r2.statusCode).toBe(200);
    await r2.body.dump();
    expect(a.requests[0]?.body).toBe(ok);
    expect(a.requests[0]?.headers['content-encoding']).toBeUndefined();
  });
});

describe('echo provider', () => {
  it('answers with what it received, plain and streamed, labelled as the echo model', async () => {
    const client = new OpenAI({ baseURL: `${base}/echo/v1`, apiKey: 'none', maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'anything', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'say it back' }] });
    expect(res.model).toBe('airlock-echo');
    expect(res.choices[0]?.message.content).toBe('say it back');
    const stream = await client.chat.completions.create({ model: 'x', stream: true, messages: [{ role: 'user', content: 'one two three' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three');
    await expect(client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'TOP SECRET' }] })).rejects.toMatchObject({ status: 403 });
  });
});

describe('client disconnect', () => {
  it('aborts the upstream request', async () => {
    let release!: () => void;
    a.behavior.streamGate = new Promise<void>((r) => (release = r));
    const ac = new AbortController();
    const r = await request(`${base}/v1/chat/completions`, { method: 'POST', signal: ac.signal, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'go' }] }) });
    const it = r.body[Symbol.asyncIterator]();
    await it.next();
    const before = a.aborted;
    ac.abort();
    await expect.poll(() => a.aborted, { timeout: 5000 }).toBeGreaterThan(before);
    release();
  });
});

describe('swap', () => {
  it('in-flight requests finish on the old upstream, new ones use the new config', async () => {
    let release!: () => void;
    a.behavior.streamGate = new Promise<void>((r) => (release = r));
    a.behavior.chunks = ['old', ' upstream'];
    const r = await request(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'go' }] }) });
    const it = r.body[Symbol.asyncIterator]();
    let streamed = String((await it.next()).value);
    gw.swap(makeConfig(config(b)));
    const fresh = await chat();
    expect(await fresh.body.json()).toMatchObject({ choices: [{ message: { content: 'mock reply to: hi' } }] });
    expect(b.requests).toHaveLength(1);
    release();
    for (let n = await it.next(); !n.done; n = await it.next()) streamed += String(n.value);
    expect(streamed).toContain('"old"');
    expect(streamed).toContain('" upstream"');
    expect(streamed).toContain('[DONE]');
    expect(a.requests).toHaveLength(1);
    gw.swap(makeConfig(config(a)));
  });

  it('a config that cannot be built is rejected and the old one keeps serving', async () => {
    const bad = makeConfig({ ...config(a), routes: [{ path_prefix: '/v1', upstream: 'missing' }] });
    expect(() => gw.swap(bad)).toThrow(/missing/);
    const r = await chat();
    expect(r.statusCode).toBe(200);
    await r.body.dump();
  });
});
