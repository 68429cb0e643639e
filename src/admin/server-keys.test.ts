import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAuditStore } from '../audit/sqlite.js';
import { allowedRecord } from '../audit/testing.js';
import { AuditTrail } from '../audit/trail.js';
import { createAccessHooks, type AccessHooks } from '../identity/index.js';
import { createKeysApp } from './keys.js';
import { startAdmin, type AdminServer } from './server.js';

/** The admin listener with real virtual keys (identity module) instead of a fake authenticator. */
let dir: string;
let access: AccessHooks;
let trail: AuditTrail;
let admin: AdminServer;
const key: Record<'admin' | 'developer' | 'user', string> = { admin: '', developer: '', user: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-admin-real-'));
  access = await createAccessHooks({ config: {}, dataDir: dir, env: {} });
  for (const role of ['admin', 'developer', 'user'] as const) key[role] = (await access.keys.create({ name: role, user: `${role}-person`, role })).key;
  trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir });
  await trail.start();
  trail.record(allowedRecord({ id: 'dev-own', identity: { keyId: 'key_x', user: 'developer-person', role: 'developer' } }));
  trail.record(allowedRecord({ id: 'other' }));
  await trail.drain();
  const authenticate = (h: string | undefined) => access.authenticateAdmin(h);
  admin = await startAdmin({ port: 0, config: () => ({}), audit: trail, authenticate, keys: createKeysApp({ keys: access.keys, authenticate }) });
});

afterAll(async () => {
  await admin.close();
  await trail.close();
  await access.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (path: string, who?: keyof typeof key, init: RequestInit = {}) =>
  fetch(`${admin.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${key[who]}` } : {}) } });

describe('admin API with real keys', () => {
  it('lets admin and developer keys in, refuses user keys and unknown keys', async () => {
    const status = async (path: string) => ({
      none: (await call(path)).status,
      user: (await call(path, 'user')).status,
      developer: (await call(path, 'developer')).status,
      admin: (await call(path, 'admin')).status,
    });
    for (const path of ['/api/events', '/api/stats', '/api/config', '/api/health', '/api/keys']) {
      expect(await status(path), path).toEqual({ none: 401, user: 403, developer: 200, admin: 200 });
    }
    expect((await fetch(`${admin.url}/api/events`, { headers: { authorization: 'Bearer alk_not_a_real_key' } })).status).toBe(401);
  });

  it('scopes a developer to their own events', async () => {
    const dev = (await (await call('/api/events', 'developer')).json()) as { events: { id: string }[] };
    expect(dev.events.map((e) => e.id)).toEqual(['dev-own']);
    const all = (await (await call('/api/events', 'admin')).json()) as { events: { id: string }[] };
    expect(all.events.map((e) => e.id).sort()).toEqual(['dev-own', 'other']);
  });

  it('creates and revokes keys through the mounted key routes', async () => {
    const created = await call('/api/keys', 'admin', { method: 'POST', body: JSON.stringify({ name: 'ci', user: 'bob' }) });
    expect(created.status).toBe(201);
    const { id, key: plain } = (await created.json()) as { id: string; key: string };
    expect(await access.authenticateAdmin(`Bearer ${plain}`)).toMatchObject({ role: 'user', user: 'bob' });
    expect((await call(`/api/keys/${id}/revoke`, 'admin', { method: 'POST' })).status).toBe(200);
    expect(await access.authenticateAdmin(`Bearer ${plain}`)).toBeUndefined();
  });
});
