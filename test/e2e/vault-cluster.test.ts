import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAirlock, type RunningAirlock } from '../helpers/cli.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { RedisVaultStore } from '../../src/policy/index.js';
import { startTestGateway } from '../helpers/gateway.js';
import { freePort, startRedis, type RedisService } from '../helpers/services.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

/**
 * Pseudonyms restored in answers fetched later, through another replica: `airlock serve`
 * processes share one Redis (`vault.store: redis`) and AIRLOCK_MASTER_KEY. A Responses answer made
 * through replica A and fetched with `GET /v1/responses/{id}` through replica B comes back with the
 * original email, while Redis itself never holds it in the clear.
 */
const EMAIL = 'alice.liddell@example.com';
const dir = mkdtempSync(join(tmpdir(), 'airlock-vault-'));
const env = { AIRLOCK_MASTER_KEY: randomBytes(32).toString('hex') };
let ca: TestCa;
let mock: MockProvider;
let redis: RedisService;
let a: RunningAirlock;
let b: RunningAirlock;
let stranger: RunningAirlock;

function client(r: RunningAirlock, user = 'alice'): OpenAI {
  return new OpenAI({ baseURL: `http://127.0.0.1:${r.port}/v1`, apiKey: 'client-key', maxRetries: 0, defaultHeaders: { 'x-airlock-user': user } });
}

/** The answer text as the client received it (all output_text parts). */
function textOf(r: { output: readonly unknown[] }): string {
  let out = '';
  for (const item of r.output as { content?: { text?: string }[] }[]) for (const p of item.content ?? []) out += p.text ?? '';
  return out;
}

beforeAll(async () => {
  ca = createTestCa();
  [mock, redis] = await Promise.all([startMockProvider(ca), startRedis()]);
  const cfg = join(dir, 'airlock.yaml');
  writeFileSync(
    cfg,
    [
      'server: { host: 127.0.0.1, log_level: info }',
      `upstreams: { openai: { url: '${mock.url}', provider: openai, api_key: sk-upstream-vault-test, ca_file: '${ca.caFile}' } }`,
      'routes: [{ path_prefix: /v1, upstream: openai }]',
      'policies: { default: { input: { pii: { action: pseudonymize, entities: [EMAIL_ADDRESS] } } } }',
      'limits: { store: memory }',
      `vault: { store: redis, redis_url: '${redis.url}', ttl: 10m }`,
      'audit: { enabled: false }',
      '',
    ].join('\n'),
  );
  const serve = (name: string, e: Record<string, string>) => startAirlock(['--config', cfg, '--admin-port', '0', '--data-dir', join(dir, name)], e);
  // The stranger shares the Redis but not the master key: it can neither find nor open the mappings.
  [a, b, stranger] = await Promise.all([serve('a', env), serve('b', env), serve('c', { AIRLOCK_MASTER_KEY: randomBytes(32).toString('hex') })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), stranger?.stop()]);
  await Promise.all([mock?.close(), redis?.stop()]);
  ca?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  mock.reset();
  // The model repeats what it was sent: the placeholder the provider saw.
  mock.behavior.responseText = (req) => `Noted, I will write to ${String((req.json as { input?: unknown }).input).replace(/^.*write to /, '')}`;
});

describe('pseudonyms kept in Redis for answers fetched later', () => {
  it('restores a Responses answer fetched through another replica', async () => {
    const made = await client(a).responses.create({ model: 'gpt-4o-mini', input: `Please write to ${EMAIL}` });
    expect(textOf(made)).toBe(`Noted, I will write to ${EMAIL}`);
    // The provider only ever saw, and stored, the placeholder.
    expect(mock.requests[0]?.body).not.toContain(EMAIL);
    expect(JSON.stringify(mock.responses.get(made.id))).toContain('<EMAIL_ADDRESS_1>');

    const fetched = await client(b).responses.retrieve(made.id);
    expect(fetched.id).toBe(made.id);
    expect(textOf(fetched)).toBe(`Noted, I will write to ${EMAIL}`);
    expect(mock.requests[1]).toMatchObject({ method: 'GET', url: `/v1/responses/${made.id}` });
  });

  it('restores a background response, made empty and completed later', async () => {
    const queued = await client(a).responses.create({ model: 'gpt-4o-mini', input: `Please write to ${EMAIL}`, background: true });
    expect(queued.status).toBe('queued');
    const done = await client(b).responses.retrieve(queued.id);
    expect(done.status).toBe('completed');
    expect(textOf(done)).toBe(`Noted, I will write to ${EMAIL}`);
  });

  it('leaves the placeholders for another caller, for a replica without the master key, and for unknown ids', async () => {
    const made = await client(a, 'alice').responses.create({ model: 'gpt-4o-mini', input: `Please write to ${EMAIL}` });
    expect(textOf(await client(b, 'mallory').responses.retrieve(made.id))).toBe('Noted, I will write to <EMAIL_ADDRESS_1>');
    expect(textOf(await client(stranger, 'alice').responses.retrieve(made.id))).toBe('Noted, I will write to <EMAIL_ADDRESS_1>');
    // Known to the provider, never pseudonymized through Airlock: passes as is.
    mock.responses.set('resp_elsewhere', { id: 'resp_elsewhere', object: 'response', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi <EMAIL_ADDRESS_1>' }] }] });
    expect(textOf(await client(b).responses.retrieve('resp_elsewhere'))).toBe('Hi <EMAIL_ADDRESS_1>');
  });

  it('keeps nothing readable in Redis, and logs no values', async () => {
    const made = await client(a).responses.create({ model: 'gpt-4o-mini', input: `Please write to ${EMAIL}` });
    const r = new Redis(redis.url);
    try {
      const keys = await r.keys('*');
      expect(keys.length).toBeGreaterThanOrEqual(2);
      for (const k of keys) {
        expect(k).toMatch(/^airlock:vault:[A-Za-z0-9_-]+$/);
        expect(k).not.toContain(made.id);
        const v = (await r.get(k)) ?? '';
        expect(v).not.toContain(EMAIL);
        expect(v).not.toContain('alice');
        expect(await r.pttl(k)).toBeGreaterThan(9 * 60_000);
      }
      // The whole dataset as Redis writes it to disk.
      await r.save();
      const [, rdbDir] = (await r.config('GET', 'dir')) as [string, string];
      const dump = readFileSync(join(rdbDir, 'dump.rdb'));
      expect(dump.length).toBeGreaterThan(0);
      expect(dump.includes(EMAIL)).toBe(false);
      expect(dump.includes('alice.liddell')).toBe(false);
    } finally {
      r.disconnect();
    }
    for (const p of [a, b, stranger]) expect(p.output()).not.toContain(EMAIL);
  });

  it('refuses to start a redis vault without a shared master key', async () => {
    const err = await startAirlock(['--config', join(dir, 'airlock.yaml'), '--admin-port', '0', '--data-dir', join(dir, 'lonely')], { AIRLOCK_MASTER_KEY: '' }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/vault\.store: redis .*AIRLOCK_MASTER_KEY/);
  });

  it('answers, un-restored, while Redis is down: logged without values, never blocked', async () => {
    const warned: string[] = [];
    const logger = { warn: (o: object, msg?: string) => void warned.push(`${msg ?? ''} ${JSON.stringify(o)}`) };
    const down = await RedisVaultStore.connect({ url: `redis://127.0.0.1:${await freePort()}`, master: Buffer.alloc(32, 1), ttlMs: 60_000, commandTimeoutMs: 200, logger });
    const { gw, base, logs } = await startTestGateway(
      {
        upstreams: { openai: { url: mock.url, provider: 'openai', api_key: 'sk-upstream-vault-test', ca_file: ca.caFile } },
        routes: [{ path_prefix: '/v1', upstream: 'openai' }],
        policies: { default: { input: { pii: { action: 'pseudonymize', entities: ['EMAIL_ADDRESS'] } } } },
      },
      { vaultStore: down },
    );
    try {
      const c = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'client-key', maxRetries: 0 });
      // The request's own answer is restored from its in-memory vault; keeping it failed quietly.
      const made = await c.responses.create({ model: 'gpt-4o-mini', input: `Please write to ${EMAIL}` });
      expect(textOf(made)).toBe(`Noted, I will write to ${EMAIL}`);
      expect(textOf(await c.responses.retrieve(made.id))).toBe('Noted, I will write to <EMAIL_ADDRESS_1>');
      expect(warned.filter((w) => w.includes('pseudonym vault store failed')).map((w) => /"op":"(\w+)"/.exec(w)?.[1])).toEqual(['save', 'load']);
      expect(warned.join('\n') + logs.text()).not.toContain(EMAIL);
    } finally {
      await gw.close();
      await down.close();
    }
  });
});
