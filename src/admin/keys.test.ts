import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessHooks, type AccessHooks } from '../identity/index.js';
import { createKeysApp } from './keys.js';

const dir = mkdtempSync(join(tmpdir(), 'airlock-admin-keys-'));
let hooks: AccessHooks;
let app: ReturnType<typeof createKeysApp>;
const k: Record<'admin' | 'dev' | 'dev2' | 'user', { key: string; id: string }> = {} as never;
let adminOwned: string;

beforeAll(async () => {
  hooks = await createAccessHooks({ config: {}, dataDir: dir, env: {} });
  app = createKeysApp({ keys: hooks.keys, usage: hooks.limiter, authenticate: hooks.authenticateAdmin });
  const mk = async (name: string, user: string, role: 'admin' | 'developer' | 'user') => {
    const r = await hooks.keys.create({ name, user, team: 't1', role });
    return { key: r.key, id: r.record.id };
  };
  k.admin = await mk('ops', 'root', 'admin');
  k.dev = await mk('dev', 'dev1', 'developer');
  k.dev2 = await mk('dev2', 'dev2', 'developer');
  k.user = await mk('app', 'dev1', 'user');
  // An admin key that carries dev1's user name: dev1 must still not be able to touch it.
  adminOwned = (await hooks.keys.create({ name: 'adm-dev1', user: 'dev1', role: 'admin' })).record.id;
});
afterAll(async () => {
  await hooks.close();
  rmSync(dir, { recursive: true, force: true });
});

type Who = keyof typeof k | 'none';
async function call(who: Who, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'none') headers.authorization = `Bearer ${k[who].key}`;
  const res = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

describe('admin key routes: roles × routes', () => {
  const cases: [string, string, () => string, unknown, Record<Who, number>][] = [
    ['POST', 'create', () => '/api/keys', { name: 'n' }, { none: 401, user: 403, dev: 201, dev2: 201, admin: 201 }],
    ['GET', 'list', () => '/api/keys', undefined, { none: 401, user: 403, dev: 200, dev2: 200, admin: 200 }],
    ['GET', 'read dev1’s user key', () => `/api/keys/${k.user.id}`, undefined, { none: 401, user: 403, dev: 200, dev2: 404, admin: 200 }],
    ['GET', 'usage of dev1’s user key', () => `/api/keys/${k.user.id}/usage`, undefined, { none: 401, user: 403, dev: 200, dev2: 404, admin: 200 }],
    ['POST', 'rotate an admin key named for dev1', () => `/api/keys/${adminOwned}/rotate`, undefined, { none: 401, user: 403, dev: 404, dev2: 404, admin: 200 }],
    ['GET', 'list credentials', () => '/api/credentials', undefined, { none: 401, user: 403, dev: 403, dev2: 403, admin: 200 }],
    ['POST', 'add a credential', () => '/api/credentials', { name: 'c1', provider: 'openai', api_key: 'sk-test-0123456789abcdef' }, { none: 401, user: 403, dev: 403, dev2: 403, admin: 201 }],
    ['DELETE', 'delete a credential (alias path)', () => '/api/keys/credentials/c1', undefined, { none: 401, user: 403, dev: 403, dev2: 403, admin: 200 }],
  ];
  for (const [method, what, path, body, expected] of cases) {
    it(`${what}: ${JSON.stringify(expected)}`, async () => {
      const got: Record<string, number> = {};
      for (const who of ['none', 'user', 'dev', 'dev2', 'admin'] as const) got[who] = (await call(who, method, path(), body)).status;
      expect(got).toEqual(expected);
    });
  }

  it('revoke: a developer revokes their own key but not another’s', async () => {
    const mine = (await call('dev', 'POST', '/api/keys', { name: 'tmp' })).json;
    expect((await call('dev2', 'POST', `/api/keys/${String(mine.id)}/revoke`)).status).toBe(404);
    expect((await call('user', 'POST', `/api/keys/${String(mine.id)}/revoke`)).status).toBe(403);
    expect((await call('dev', 'POST', `/api/keys/${String(mine.id)}/revoke`)).json).toEqual({ id: mine.id, revoked: true });
    expect(await hooks.authenticateAdmin(`Bearer ${String(mine.key)}`)).toBeUndefined();
  });
});

describe('admin key routes: behaviour', () => {
  it('a developer’s key is pinned to their user and team; they cannot mint admins or keys for others', async () => {
    const r = await call('dev', 'POST', '/api/keys', { name: 'mine', rpm: 10, budget: '5usd/day' });
    expect(r.json).toMatchObject({ user: 'dev1', team: 't1', role: 'user', rpm: 10, budgets: ['5usd/day'], createdBy: k.dev.id });
    expect(String(r.json.key)).toMatch(/^alk_/);
    expect((await call('dev', 'POST', '/api/keys', { name: 'x', role: 'admin' })).status).toBe(403);
    expect((await call('dev', 'POST', '/api/keys', { name: 'x', user: 'root' })).status).toBe(403);
  });

  it('lists only what the caller may see, never hashes or secrets', async () => {
    const dev = (await call('dev', 'GET', '/api/keys')).json.data as { id: string; user?: string; role: string }[];
    expect(dev.every((x) => x.role !== 'admin' && x.user === 'dev1')).toBe(true);
    expect(dev.map((x) => x.id)).toContain(k.user.id);
    const all = await call('admin', 'GET', '/api/keys');
    expect((all.json.data as unknown[]).length).toBeGreaterThan(dev.length);
    expect(all.text).not.toMatch(/"hash"|alk_[0-9A-Za-z]{43}/);
  });

  it('rejects bad bodies with 400 and a message naming the field', async () => {
    const r = await call('admin', 'POST', '/api/keys', { name: 'x', budget: 'lots' });
    expect(r.status).toBe(400);
    expect(String((r.json.error as { message: string }).message)).toMatch(/budget/);
    expect((await call('admin', 'POST', '/api/keys', { name: 'x', extra: 1 })).status).toBe(400);
  });

  it('credentials are returned masked only', async () => {
    const secret = 'sk-live-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const put = await call('admin', 'POST', '/api/credentials', { name: 'main', provider: 'openai', api_key: secret });
    expect(put.json).toMatchObject({ name: 'main', provider: 'openai', hint: 'sk-l…WXYZ' });
    const list = await call('admin', 'GET', '/api/credentials');
    expect(list.text).not.toContain('ABCDEFGH');
    expect(await hooks.keys.revealCredential('main')).toBe(secret);
  });

  it('usage shows spend for the key', async () => {
    const id = await hooks.authenticate({ authorization: `Bearer ${k.user.key}` }, 'virtual_key');
    const adm = await hooks.admit({ requestId: 'r', route: 'r', upstream: 'u', path: '/v1/chat/completions', model: 'gpt-4o-mini', stream: false, identity: id, estimatedTokens: 10 });
    await adm.settle({ promptTokens: 1_000_000, completionTokens: 0 });
    const u = await call('dev', 'GET', `/api/keys/${k.user.id}/usage`);
    expect(u.json).toMatchObject({ id: k.user.id, day: { requests: 1, tokens: 1_000_000, spend_usd: 0.15 } });
  });
});
