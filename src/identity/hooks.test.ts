import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import type { RequestInfo } from '../gateway/hooks.js';
import { createAccessHooks, openKeyService } from './hooks.js';

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'airlock-hooks-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const env = {};
const info = (identity: RequestInfo['identity'], over: Partial<RequestInfo> = {}): RequestInfo => ({
  requestId: 'r1', route: 'openai', upstream: 'openai', path: '/v1/chat/completions', model: 'gpt-4o-mini', stream: false, identity, estimatedTokens: 20, ...over,
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AirlockError ? e.code : String(e);
  }
}

describe('createAccessHooks', () => {
  it('requires a valid key on virtual_key routes, from any SDK header', async () => {
    const dir = dataDir();
    const hooks = await createAccessHooks({ config: {}, dataDir: dir, env });
    const { key, record } = await hooks.keys.create({ name: 'app', user: 'alice', team: 'ml' });
    expect(await code(hooks.authenticate({}, 'virtual_key'))).toBe('AIRLOCK_ERR_UNAUTHORIZED');
    expect(await code(hooks.authenticate({ authorization: 'Bearer alk_nope' }, 'virtual_key'))).toBe('AIRLOCK_ERR_UNAUTHORIZED');
    expect(await code(hooks.authenticate({ authorization: 'Bearer sk-provider' }, 'virtual_key'))).toBe('AIRLOCK_ERR_UNAUTHORIZED');
    for (const h of [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }, { 'api-key': key }]) {
      expect(await hooks.authenticate(h, 'virtual_key')).toMatchObject({ keyId: record.id, user: 'alice', team: 'ml', role: 'user' });
    }
    expect(await hooks.authenticate({ 'x-airlock-user': 'svc-a' }, 'trusted')).toEqual({ role: 'anonymous', user: 'svc-a' });
    await hooks.close();
  });

  it('a key revoked by another process (the CLI) is refused at the next request', async () => {
    const dir = dataDir();
    const hooks = await createAccessHooks({ config: {}, dataDir: dir, env });
    const { key, record } = await hooks.keys.create({ name: 'app' });
    expect(await code(hooks.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key'))).toBe('ok');
    const cli = await openKeyService({ config: {}, dataDir: dir, env });
    await cli.revoke(record.id);
    await cli.close();
    expect(await code(hooks.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key'))).toBe('AIRLOCK_ERR_UNAUTHORIZED');
    await hooks.close();
  });

  it('enforces the models allow-list and the key’s own limits', async () => {
    const hooks = await createAccessHooks({ config: {}, dataDir: dataDir(), env });
    const { key } = await hooks.keys.create({ name: 'app', models: ['gpt-4o-mini', 'claude-*'], rpm: 2 });
    const id = await hooks.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key');
    expect(await code(hooks.admit(info(id, { model: 'gpt-4o' })))).toBe('AIRLOCK_ERR_MODEL_NOT_ALLOWED');
    const a = await hooks.admit(info(id));
    expect(a.headers ?? {}).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1' });
    expect(await code(hooks.admit(info(id, { model: 'claude-3-5-haiku-20241022' })))).toBe('ok');
    expect(await code(hooks.admit(info(id)))).toBe('AIRLOCK_ERR_RATE_LIMITED');
    await hooks.close();
  });

  it('a restart keeps keys and counters (SQLite)', async () => {
    const dir = dataDir();
    const first = await createAccessHooks({ config: {}, dataDir: dir, env });
    const { key } = await first.keys.create({ name: 'app', rpm: 3 });
    const id1 = await first.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key');
    await (await first.admit(info(id1))).settle({ promptTokens: 10, completionTokens: 5 });
    await first.admit(info(id1));
    await first.close();
    const second = await createAccessHooks({ config: {}, dataDir: dir, env });
    const id2 = await second.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key');
    expect((await second.admit(info(id2))).headers?.['x-ratelimit-remaining-requests']).toBe('0');
    expect(await code(second.admit(info(id2)))).toBe('AIRLOCK_ERR_RATE_LIMITED');
    const u = await second.limiter.usage('key', id2.keyId!);
    expect(u.day.requests).toBe(3);
    await second.close();
  });

  it('authenticateAdmin resolves bearer keys only', async () => {
    const hooks = await createAccessHooks({ config: {}, dataDir: dataDir(), env });
    const { key } = await hooks.keys.create({ name: 'ops', role: 'admin' });
    expect(await hooks.authenticateAdmin(`Bearer ${key}`)).toMatchObject({ role: 'admin' });
    expect(await hooks.authenticateAdmin(key)).toBeUndefined();
    expect(await hooks.authenticateAdmin(undefined)).toBeUndefined();
    await hooks.close();
  });
});

describe('fleet configuration', () => {
  it('a shared PostgreSQL key store without a shared master key is refused at start', async () => {
    await expect(
      createAccessHooks({ config: { identity: { store: 'postgres', postgres_url: 'postgres://127.0.0.1:1/x' } }, dataDir: dataDir(), env: {} }),
    ).rejects.toThrow(/AIRLOCK_MASTER_KEY/);
  });
});

describe('reconfigure', () => {
  it('a reloaded limits section applies to the next request; a store change asks for a restart', async () => {
    const hooks = await createAccessHooks({ config: { limits: { users: { '*': { rpm: 100 } } } }, dataDir: dataDir(), env });
    const { key } = await hooks.keys.create({ name: 'app', user: 'alice' });
    const id = await hooks.authenticate({ authorization: `Bearer ${key}` }, 'virtual_key');
    expect((await hooks.admit(info(id))).headers?.['x-ratelimit-limit-requests']).toBe('100');
    expect(hooks.reconfigure({ limits: { users: { '*': { rpm: 2 } } } })).toEqual({ applied: true, restartNeeded: [] });
    expect((await hooks.admit(info(id))).headers?.['x-ratelimit-remaining-requests']).toBe('0');
    expect(await code(hooks.admit(info(id)))).toBe('AIRLOCK_ERR_RATE_LIMITED');
    expect(hooks.reconfigure({ limits: { store: 'memory' } }).restartNeeded).toEqual(['limits.store']);
    await hooks.close();
  });
});
