import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/index.js';
import { startTestGateway } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

const KEY = 'sk-dash-canary-0b1c2d3e';
let ca: TestCa;
let mock: MockProvider;
let gw: Gateway;

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  // The upstream is the real provider name; --resolve (global) points it at the mock, and the
  // test CA comes from the gateway-wide --ca-file: SNI and certificate checks stay on the name.
  ({ gw } = await startTestGateway(
    {
      upstreams: { dashscope: { url: 'https://dashscope.aliyuncs.com', api_key: KEY } },
      routes: [{ path_prefix: '/compatible-mode', upstream: 'dashscope' }],
      policies: { default: { deny_patterns: ['.*账号.*'] } },
    },
    { resolve: [`dashscope.aliyuncs.com:443:127.0.0.1:${mock.port}`], caFile: ca.caFile },
  ));
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  ca?.cleanup();
});

beforeEach(() => mock.reset());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP/1.1 request to the gateway, with full control of the request target and Host. */
function raw(path: string, opts: { host?: string; method?: string; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: gw.port, method: opts.method ?? 'POST', path, headers: { 'content-type': 'application/json', ...(opts.host ? { host: opts.host } : {}), authorization: 'Bearer client-key' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body ?? JSON.stringify({ model: 'qwen-turbo', messages: [{ role: 'user', content: 'hello' }] }));
  });
}

describe('three ways in', () => {
  it('base-URL mode', async () => {
    const a = await raw('/compatible-mode/v1/chat/completions');
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ choices: [{ message: { content: 'mock reply to: hello' } }] });
    expect(mock.requests[0]).toMatchObject({ url: '/compatible-mode/v1/chat/completions', headers: { host: 'dashscope.aliyuncs.com', authorization: `Bearer ${KEY}` } });
  });

  it('Host mode (sidecar): plain HTTP in, HTTPS out', async () => {
    const a = await raw('/compatible-mode/v1/chat/completions', { host: 'dashscope.aliyuncs.com' });
    expect(a.status).toBe(200);
    expect(a.headers['x-airlock-request-id']).toEqual(expect.any(String));
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('forward-proxy mode (HTTP_PROXY): absolute-form URI', async () => {
    const a = await raw('http://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions?x=1', { host: 'dashscope.aliyuncs.com' });
    expect(a.status).toBe(200);
    expect(mock.requests[0]?.url).toBe('/compatible-mode/v1/chat/completions?x=1');
  });

  it('rules apply in every mode', async () => {
    const body = JSON.stringify({ model: 'q', messages: [{ role: 'user', content: 'my QQ 账号 is 1111111' }] });
    expect((await raw('/compatible-mode/v1/chat/completions', { body })).status).toBe(403);
    expect((await raw('/compatible-mode/v1/chat/completions', { body, host: 'dashscope.aliyuncs.com' })).status).toBe(403);
    expect((await raw('http://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions', { body })).status).toBe(403);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('never an open proxy', () => {
  it('refuses unconfigured hosts before connecting anywhere', async () => {
    const before = mock.tlsConnections;
    const a = await raw('http://evil.example.com/v1/chat/completions', { host: 'evil.example.com' });
    expect(a.status).toBe(403);
    expect(JSON.parse(a.body)).toMatchObject({ error: { code: 'AIRLOCK_ERR_HOST_NOT_ALLOWED' } });
    const b = await raw('/v1/chat/completions', { host: 'evil.example.com' });
    expect(b.status).toBe(404);
    expect(JSON.parse(b.body)).toMatchObject({ error: { code: 'AIRLOCK_ERR_NO_ROUTE' } });
    expect(mock.tlsConnections).toBe(before);
    expect(mock.requests).toHaveLength(0);
  });

  it('answers CONNECT with an explanation instead of tunnelling', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const s = connect(gw.port, '127.0.0.1', () => s.write('CONNECT dashscope.aliyuncs.com:443 HTTP/1.1\r\nHost: dashscope.aliyuncs.com:443\r\n\r\n'));
      let out = '';
      s.setEncoding('utf8');
      s.on('data', (c: string) => (out += c));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 405/);
    expect(text).toContain('AIRLOCK_ERR_CONNECT_UNSUPPORTED');
    expect(text).toContain('http://');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    for (const p of ['/healthz', '/readyz']) {
      const a = await raw(p, { method: 'GET', body: '' });
      expect(a.status).toBe(200);
      expect(JSON.parse(a.body)).toEqual({ status: 'ok' });
    }
  });
});
