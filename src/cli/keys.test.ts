import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccessHooks } from '../identity/index.js';
import type { CliIO } from './io.js';
import { keysCommand } from './keys.js';

const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr, env: {} };
  const code = await keysCommand([...argv, '--data-dir', dir], io);
  return { code, out, err };
}

describe('airlock keys', () => {
  it('create --json prints the key once with its id; list shows it without the key', async () => {
    const c = await run('create', '--name', 'ci-bot', '--user', 'alice', '--team', 'ml', '--rpm', '60', '--budget', '25usd/month', '--models', 'gpt-4o-mini,gpt-4o', '--max-tokens', '512', '--expires', '30d', '--json');
    expect(c.code).toBe(0);
    const created = JSON.parse(c.out) as { id: string; key: string; models: string[]; budgets: string[]; expiresAt: number };
    expect(created.key).toMatch(/^alk_[0-9A-Za-z]{43}$/);
    expect(created).toMatchObject({ models: ['gpt-4o-mini', 'gpt-4o'], budgets: ['25usd/month'] });
    expect(created.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const l = await run('list');
    expect(l.out).toContain(created.id);
    expect(l.out).toContain('60 rpm, 25usd/month');
    expect(l.out).not.toContain(created.key);
    const human = await run('create', '--name', 'x');
    expect(human.out).toMatch(/alk_[0-9A-Za-z]{43}/);
    expect(human.out).toMatch(/only time/);
  });

  it('revoke from the CLI stops the key on a running gateway at its next request', async () => {
    const hooks = await createAccessHooks({ config: {}, dataDir: dir, env: {} });
    const created = JSON.parse((await run('create', '--name', 'svc', '--json')).out) as { id: string; key: string };
    const headers = { authorization: `Bearer ${created.key}` };
    await expect(hooks.authenticate(headers, 'virtual_key')).resolves.toMatchObject({ keyId: created.id });
    expect((await run('revoke', created.id)).code).toBe(0);
    await expect(hooks.authenticate(headers, 'virtual_key')).rejects.toMatchObject({ code: 'AIRLOCK_ERR_UNAUTHORIZED' });
    expect((await run('list')).out).toMatch(new RegExp(`${created.id}.*revoked`));
    await hooks.close();
  });

  it('rotate prints a new key; usage reads spend from the data dir', async () => {
    const created = JSON.parse((await run('create', '--name', 'r', '--budget', '1usd/day', '--json')).out) as { id: string; key: string };
    const rotated = JSON.parse((await run('rotate', created.id, '--json')).out) as { id: string; key: string };
    expect(rotated.id).toBe(created.id);
    expect(rotated.key).not.toBe(created.key);
    const hooks = await createAccessHooks({ config: {}, dataDir: dir, env: {} });
    const id = await hooks.authenticate({ authorization: `Bearer ${rotated.key}` }, 'virtual_key');
    const adm = await hooks.admit({ requestId: 'r', route: 'r', upstream: 'u', path: '/', model: 'gpt-4o-mini', stream: false, identity: id, estimatedTokens: 1 });
    await adm.settle({ promptTokens: 2_000_000, completionTokens: 0 });
    await hooks.close();
    const u = JSON.parse((await run('usage', created.id, '--json')).out) as { day: { spend_usd: number; requests: number }; budgets: { remaining_usd: number }[] };
    expect(u.day).toMatchObject({ spend_usd: 0.3, requests: 1 });
    expect(u.budgets[0]?.remaining_usd).toBe(0.7);
    expect((await run('usage', created.id)).out).toMatch(/budget 1usd\/day: \$0.3 spent, \$0.7 left/);
  });

  it('bad input exits non-zero with a clear message', async () => {
    expect(await run('create')).toMatchObject({ code: 2, err: expect.stringMatching(/--name/) });
    expect(await run('create', '--name', 'x', '--budget', 'lots')).toMatchObject({ code: 2, err: expect.stringMatching(/invalid budget/) });
    expect(await run('create', '--name', 'x', '--role', 'root')).toMatchObject({ code: 2, err: expect.stringMatching(/--role/) });
    expect(await run('revoke', 'key_nope')).toMatchObject({ code: 1, err: expect.stringMatching(/no key/) });
    expect(await run('revoke')).toMatchObject({ code: 2 });
    expect(await run('frobnicate')).toMatchObject({ code: 2 });
    expect(await run('list', '--bogus')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option/) });
  });
});
