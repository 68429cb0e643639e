import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRLOCK_BIN, startAirlock, type RunningAirlock } from '../helpers/cli.js';
import { startPostgres, startRedis, type PostgresService, type RedisService } from '../helpers/services.js';

/**
 * A fleet: three `airlock serve` processes sharing one Redis (limits) and one PostgreSQL (keys),
 * driven by the real OpenAI SDK. Keys are managed with the real CLI.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'airlock-cluster-'));
const env = { AIRLOCK_MASTER_KEY: randomBytes(32).toString('hex') };
let redis: RedisService;
let pg: PostgresService;
let cfgFile: string;
const replicas: RunningAirlock[] = [];

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [AIRLOCK_BIN, 'keys', ...args, '--config', cfgFile], { env: { ...process.env, ...env } });
  return stdout;
}

async function createKey(...flags: string[]): Promise<{ id: string; key: string }> {
  return JSON.parse(await cli('create', '--name', 'fleet-test', ...flags, '--json')) as { id: string; key: string };
}

/** Status of one chat call through a replica: 200, or the HTTP status of the SDK's error. */
async function status(r: RunningAirlock, key: string): Promise<number> {
  const client = new OpenAI({ baseURL: `http://127.0.0.1:${r.port}/v1`, apiKey: key, maxRetries: 0 });
  try {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
    return 200;
  } catch (e) {
    if (e instanceof OpenAI.APIError && e.status !== undefined) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
  cfgFile = join(dir, 'airlock.yaml');
  writeFileSync(
    cfgFile,
    [
      'server: { host: 127.0.0.1, log_level: warn }',
      "upstreams: { echo: { url: 'echo://local', provider: echo } }",
      'routes: [{ name: chat, upstream: echo, path_prefix: /, auth: virtual_key }]',
      'policies: { default: {} }',
      `identity: { store: postgres, postgres_url: '${pg.url}' }`,
      `limits: { store: redis, redis_url: '${redis.url}' }`,
      'audit: { enabled: false }',
      '',
    ].join('\n'),
  );
  // Start one replica first so the key tables exist before the others race to create them.
  for (let i = 0; i < 3; i++) {
    replicas.push(await startAirlock(['--config', cfgFile, '--admin-port', '0', '--data-dir', join(dir, `replica-${i}`)], env));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await Promise.all([redis?.stop(), pg?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a fleet of three replicas', () => {
  it('holds 60 requests/minute for one key across all three under concurrent load', async () => {
    const { key } = await createKey('--rpm', '60');
    const calls = Array.from({ length: 90 }, (_, i) => status(replicas[i % 3]!, key));
    const statuses = await Promise.all(calls);
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(59);
    expect(ok).toBeLessThanOrEqual(61);
    expect(statuses.filter((s) => s === 429).length).toBe(90 - ok);
    // The window is shared, not per process: every replica now refuses this key.
    expect(await Promise.all(replicas.map((r) => status(r, key)))).toEqual([429, 429, 429]);
  });

  it('a key revoked with the CLI is refused at its next request on every replica', async () => {
    const { id, key } = await createKey();
    expect(await Promise.all(replicas.map((r) => status(r, key)))).toEqual([200, 200, 200]);
    await cli('revoke', id);
    expect(await Promise.all(replicas.map((r) => status(r, key)))).toEqual([401, 401, 401]);
  });

  it('a budget is shared too: once spent on some replicas, every replica refuses with the budget code', async () => {
    // gpt-4o-mini costs $0.15/1M input tokens: $0.00001 covers a few dozen tokens, a handful of calls.
    const { id, key } = await createKey('--budget', '0.00001usd/day');
    const seen: number[] = [];
    for (let i = 0; i < 40 && !seen.includes(429); i++) seen.push(await status(replicas[i % 3]!, key));
    expect(seen.at(-1)).toBe(429);
    expect(seen.filter((s) => s === 200).length).toBeGreaterThan(0);
    for (const r of replicas) {
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${r.port}/v1`, apiKey: key, maxRetries: 0 });
      const err = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('AIRLOCK_ERR_BUDGET_EXCEEDED');
      expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/resets at \d{4}-\d{2}-\d{2}T00:00:00/);
    }
    const usage = JSON.parse(await cli('usage', id, '--json')) as { day: { spend_usd: number; requests: number } };
    expect(usage.day.requests).toBe(seen.filter((s) => s === 200).length);
    // The pre-check reserves an estimate; spend is the real cost reported after each answer.
    expect(usage.day.spend_usd).toBeGreaterThan(0);
  });
});
