import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AirlockError } from '../../src/errors.js';
import type { Gateway } from '../../src/gateway/index.js';
import type { ExchangeRecord, Identity, RequestInfo, Usage } from '../../src/gateway/hooks.js';
import { startTestGateway } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

let ca: TestCa;
let mock: MockProvider;
let gw: Gateway;
let base: string;
const records: ExchangeRecord[] = [];
const admitted: RequestInfo[] = [];
const settled: (Usage | undefined)[] = [];
const modes: string[] = [];

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  ({ gw, base } = await startTestGateway(
    {
      upstreams: { openai: { url: mock.url, api_key: 'sk-hooks', ca_file: ca.caFile } },
      routes: [
        { path_prefix: '/v1', upstream: 'openai', auth: 'virtual_key' },
        { path_prefix: '/open', strip_prefix: '/open', upstream: 'openai', policy: 'redacting' },
        { path_prefix: '/keep', strip_prefix: '/keep', upstream: 'openai', policy: 'keeping' },
      ],
      policies: {
        redacting: { rules: [{ name: 'ssn', pattern: '\\d{3}-\\d{2}-\\d{4}', action: 'redact' }] },
        keeping: { store_bodies: true, deny_patterns: ['(?i)forbidden'], rules: [{ name: 'ssn', pattern: '\\d{3}-\\d{2}-\\d{4}', action: 'flag' }] },
      },
    },
    {
      hooks: {
        async authenticate(headers, mode): Promise<Identity> {
          modes.push(mode);
          if (mode === 'trusted') return { role: 'anonymous' };
          if (headers.authorization === 'Bearer al-capped') return { keyId: 'k2', role: 'user', maxTokensCap: 64 };
          if (headers.authorization !== 'Bearer al-good') throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED');
          return { keyId: 'k1', role: 'user', models: ['gpt-ok'] };
        },
        async admit(info) {
          admitted.push(info);
          return { headers: { 'x-ratelimit-remaining-requests': '9' }, settle: (u) => void settled.push(u) };
        },
        record: (r) => records.push(r),
      },
    },
  ));
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  ca?.cleanup();
});

beforeEach(() => {
  mock.reset();
  records.length = 0;
  admitted.length = 0;
  settled.length = 0;
  modes.length = 0;
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('hooks', () => {
  it('authenticate gets the route mode; a refused key is 401 before anything else', async () => {
    const r = await post('/v1/chat/completions', { model: 'gpt-ok', messages: [{ role: 'user', content: 'hi' }] }, { authorization: 'Bearer wrong' });
    expect(r.statusCode).toBe(401);
    expect(await r.body.json()).toMatchObject({ error: { code: 'AIRLOCK_ERR_UNAUTHORIZED' } });
    expect(modes).toEqual(['virtual_key']);
    expect(admitted).toHaveLength(0);
    expect(mock.requests).toHaveLength(0);
    expect(records[0]).toMatchObject({ verdict: 'error', status: 401, errorCode: 'AIRLOCK_ERR_UNAUTHORIZED' });
  });

  it('the virtual key is not forwarded, the provider key is; models outside the key are refused', async () => {
    const ok = await post('/v1/chat/completions', { model: 'gpt-ok', max_tokens: 100, messages: [{ role: 'user', content: 'hello world' }] }, { authorization: 'Bearer al-good' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-ratelimit-remaining-requests']).toBe('9');
    await ok.body.dump();
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer sk-hooks');
    const denied = await post('/v1/chat/completions', { model: 'gpt-other', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer al-good' });
    expect(denied.statusCode).toBe(403);
    expect(await denied.body.json()).toMatchObject({ error: { code: 'AIRLOCK_ERR_MODEL_NOT_ALLOWED' } });
  });

  it("a key's max_tokens cap bounds a request that set none, and a request above it is refused", async () => {
    const h = { authorization: 'Bearer al-capped' };
    const ok = await post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, h);
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
    expect((mock.requests[0]?.json as { max_tokens?: number }).max_tokens).toBe(64);
    const over = await post('/v1/chat/completions', { model: 'm', max_tokens: 65, messages: [{ role: 'user', content: 'hi' }] }, h);
    expect(over.statusCode).toBe(400);
    expect(await over.body.json()).toMatchObject({ error: { code: 'AIRLOCK_ERR_MAX_TOKENS', param: 'max_tokens' } });
    expect(mock.requests).toHaveLength(1);
  });

  it('admit sees the estimate (prompt + max_tokens); settle gets the real usage', async () => {
    const r = await post('/v1/chat/completions', { model: 'gpt-ok', max_tokens: 100, messages: [{ role: 'user', content: 'hello world' }] }, { authorization: 'Bearer al-good' });
    await r.body.dump();
    expect(admitted[0]).toMatchObject({ route: 'routes[0]', upstream: 'openai', path: '/v1/chat/completions', model: 'gpt-ok', stream: false, identity: { keyId: 'k1' } });
    expect(admitted[0]!.estimatedTokens).toBeGreaterThan(100);
    expect(admitted[0]!.estimatedTokens).toBeLessThan(110);
    expect(settled).toEqual([{ promptTokens: 11, completionTokens: 7 }]);
  });

  it('settle is called with no usage when the request fails', async () => {
    mock.behavior.reset = true;
    const r = await post('/v1/chat/completions', { model: 'gpt-ok', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer al-good' });
    expect(r.statusCode).toBe(502);
    await r.body.dump();
    expect(settled).toEqual([undefined]);
  });

  it('redaction forwards the edited body, and the record holds only a masked preview', async () => {
    const r = await post('/open/v1/chat/completions', { model: 'm', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'my ssn is 123-45-6789 ok' }] });
    expect(r.statusCode).toBe(200);
    await r.body.dump();
    const sent = mock.requests[0]!.json as { messages: { content: string }[] };
    expect(sent.messages[0]?.content).toBe('sys');
    expect(sent.messages[1]?.content).not.toContain('123-45-6789');
    expect(modes).toEqual(['trusted']);
    const rec = records[0]!;
    expect(rec).toMatchObject({ verdict: 'modify', status: 200, route: 'routes[1]' });
    expect(rec.findings[0]).toMatchObject({ path: 'messages[1].content', preview: expect.stringMatching(/^1\*+9$/), hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(JSON.stringify(rec)).not.toContain('123-45-6789');
  });
});

describe('bodies for the audit trail', () => {
  it('a storing policy hands the record the request with every finding redacted, flagged ones included', async () => {
    const r = await post('/keep/v1/chat/completions', { model: 'm', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'ssn 123-45-6789 please' }] });
    expect(r.statusCode).toBe(200);
    await r.body.dump();
    // `flag` forwards the text as it is…
    expect(mock.requests[0]!.body).toContain('123-45-6789');
    // …but what the audit trail may keep is redacted.
    const kept = records[0]!.bodies?.request as { messages: { content: string }[] };
    expect(kept.messages[0]?.content).toBe('sys');
    expect(kept.messages[1]?.content).toBe('ssn [REDACTED:ssn] please');
    expect(JSON.stringify(records[0])).not.toContain('123-45-6789');
  });

  it('a blocked request is kept with the denied text redacted; other policies keep no body', async () => {
    const r = await post('/keep/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'the FORBIDDEN plan' }] });
    expect(r.statusCode).toBe(403);
    await r.body.dump();
    expect(JSON.stringify(records[0]!.bodies)).not.toContain('FORBIDDEN plan');
    const plain = await post('/open/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hello' }] });
    await plain.body.dump();
    expect(records[1]!.bodies).toBeUndefined();
  });
});

describe('other API shapes through the gateway', () => {
  it('embeddings, completions and Responses are inspected and relayed', async () => {
    const h = { authorization: 'Bearer al-good' };
    for (const [path, body] of [
      ['/open/v1/embeddings', { model: 'e', input: ['a 123-45-6789'] }],
      ['/open/v1/completions', { model: 'c', prompt: 'b 123-45-6789' }],
      ['/open/v1/responses', { model: 'r', instructions: 'i', input: [{ role: 'user', content: [{ type: 'input_text', text: 'c 123-45-6789' }] }] }],
    ] as const) {
      const r = await post(path, body, h);
      expect(r.statusCode).toBe(200);
      await r.body.dump();
    }
    expect(mock.requests.map((q) => q.url)).toEqual(['/v1/embeddings', '/v1/completions', '/v1/responses']);
    for (const q of mock.requests) expect(q.body).not.toContain('123-45-6789');
    const tokens = await post('/open/v1/completions', { model: 'c', prompt: [1, 2, 3] });
    expect(tokens.statusCode).toBe(415);
    await tokens.body.dump();
  });
});
