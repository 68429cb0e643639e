import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRLOCK_BIN, startAirlock, type RunningAirlock } from '../helpers/cli.js';

/** One `airlock serve --require-key` on the embedded SQLite store, driven by the OpenAI SDK. */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'airlock-limits-e2e-'));
let gw: RunningAirlock;

const serve = () => startAirlock(['--require-key', '--data-dir', dir, '--admin-port', '0'], { AIRLOCK_MASTER_KEY: '' });
const client = (key: string) => new OpenAI({ baseURL: `http://127.0.0.1:${gw.port}/v1`, apiKey: key, maxRetries: 0 });
const chat = (key: string, model = 'gpt-4o-mini') => client(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hello' }] });

async function createKey(...flags: string[]): Promise<{ id: string; key: string }> {
  const { stdout } = await run(process.execPath, [AIRLOCK_BIN, 'keys', 'create', '--name', 'e2e', ...flags, '--json', '--data-dir', dir], { env: { ...process.env, AIRLOCK_MASTER_KEY: '' } });
  return JSON.parse(stdout) as { id: string; key: string };
}

beforeAll(async () => {
  gw = await serve();
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve --require-key with limits', () => {
  it('refuses callers without a valid key (401)', async () => {
    await expect(chat('sk-not-an-airlock-key')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(chat('alk_' + 'x'.repeat(43))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('answers 429 at the request past the key’s rpm, with OpenAI-style headers; a restart keeps the count', async () => {
    const { key } = await createKey('--rpm', '3', '--tpm', '100000');
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await client(key).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      remaining.push(response.headers.get('x-ratelimit-remaining-requests'));
      expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('100000');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const err = (await chat(key).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe('AIRLOCK_ERR_RATE_LIMITED');
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(err.headers?.get('x-ratelimit-remaining-requests')).toBe('0');

    await gw.stop();
    gw = await serve();
    await expect(chat(key)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('a key limited to some models gets 403 for others', async () => {
    const { key } = await createKey('--models', 'gpt-4o');
    const err = (await chat(key, 'gpt-4o-mini').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.code).toBe('AIRLOCK_ERR_MODEL_NOT_ALLOWED');
    await expect(chat(key, 'gpt-4o')).resolves.toBeDefined();
  });

  it('a model allow-list entry ending in * admits that family only', async () => {
    const { key } = await createKey('--models', 'gpt-4o*');
    await expect(chat(key, 'gpt-4o-mini')).resolves.toBeDefined();
    await expect(chat(key, 'o3-mini')).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("refuses a max_tokens above the key's cap and accepts one within it", async () => {
    const { key } = await createKey('--max-tokens', '256');
    const ask = (n: number) => client(key).chat.completions.create({ model: 'gpt-4o-mini', max_tokens: n, messages: [{ role: 'user', content: 'hi' }] });
    const err = (await ask(1000).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.code).toBe('AIRLOCK_ERR_MAX_TOKENS');
    expect(err.message).toContain('at most 256');
    await expect(ask(200)).resolves.toBeDefined();
  });
});
