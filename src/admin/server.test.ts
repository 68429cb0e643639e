import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAuditStore } from '../audit/sqlite.js';
import { allowedRecord, blockedCardRecord } from '../audit/testing.js';
import { AuditTrail } from '../audit/trail.js';
import type { Identity } from '../gateway/hooks.js';
import { createMetrics } from '../telemetry/metrics.js';
import { createAdminApp, startAdmin, type AdminOptions, type AdminServer } from './server.js';

const CARD = '5500 0000 0000 0004';
const IDS: Record<string, Identity> = {
  'Bearer adm-key': { keyId: 'key_admin', user: 'root', role: 'admin' },
  'Bearer dev-key': { keyId: 'key_bob', user: 'bob', team: 'platform', role: 'developer' },
  'Bearer usr-key': { keyId: 'key_carol', user: 'carol', role: 'user' },
};
const authenticate = async (h: string | undefined): Promise<Identity | undefined> => (h ? IDS[h] : undefined);
const config = {
  server: { port: 8080 },
  upstreams: { openai: { url: 'https://api.openai.com', api_key: 'sk-live-SECRET' } },
  audit: { store: 'postgres', postgres_url: 'postgres://airlock:hunter2@db:5432/airlock' },
  guards: { judge: { url: 'http://127.0.0.1:1/v1?api_key=abc', model: 'm', api_key: 'judge-secret' } },
};

let dir: string;
let trail: AuditTrail;
let admin: AdminServer;
let opts: AdminOptions;
const metrics = createMetrics({ defaults: false });

async function get(path: string, key?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return fetch(`${admin.url}${path}`, { ...init, headers });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-admin-'));
  trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir, metrics, bodyKey: Buffer.alloc(32, 1) });
  await trail.start();
  trail.record(blockedCardRecord({ id: 'alice-block', card: CARD }));
  trail.record({ ...allowedRecord({ id: 'bob-ok-1' }), bodies: { request: { messages: [{ role: 'user', content: 'hello' }] } } });
  trail.record(allowedRecord({ id: 'bob-ok-2' }));
  await trail.drain();
  opts = { port: 0, config: () => config, audit: trail, metrics, authenticate };
  admin = await startAdmin(opts);
});

afterAll(async () => {
  await admin.close();
  await trail.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin API roles', () => {
  const routes = ['/api/events', '/api/events/bob-ok-1', '/api/stats', '/api/config', '/api/health', '/api/whoami'];

  it.each(routes)('%s: 401 without a key or with an unknown one, 403 for a user-role key', async (path) => {
    const none = await get(path);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('AIRLOCK_ERR_UNAUTHORIZED');
    expect((await get(path, 'nope')).status).toBe(401);
    const user = await get(path, 'usr-key');
    expect(user.status).toBe(403);
    expect(((await user.json()) as { error: { code: string } }).error.code).toBe('AIRLOCK_ERR_FORBIDDEN');
  });

  it.each(routes)('%s: 200 for admin and developer keys', async (path) => {
    expect((await get(path, 'adm-key')).status).toBe(200);
    expect((await get(path, 'dev-key')).status).toBe(200);
  });

  it('admins see every event; developers only their own', async () => {
    const all = (await (await get('/api/events', 'adm-key')).json()) as { events: { id: string }[] };
    expect(all.events.map((e) => e.id).sort()).toEqual(['alice-block', 'bob-ok-1', 'bob-ok-2']);
    const mine = (await (await get('/api/events', 'dev-key')).json()) as { events: { id: string }[] };
    expect(mine.events.map((e) => e.id).sort()).toEqual(['bob-ok-1', 'bob-ok-2']);
    expect((await get('/api/events?user=alice', 'dev-key')).status).toBe(403);
    expect((await get('/api/events/alice-block', 'dev-key')).status).toBe(404);
    const stats = (await (await get('/api/stats', 'dev-key')).json()) as { requests: number };
    expect(stats.requests).toBe(2);
  });

  it('keeps sealed bodies out of listings; only admins open them', async () => {
    const list = (await (await get('/api/events?user=bob', 'adm-key')).json()) as { events: Record<string, unknown>[] };
    const ev = list.events.find((e) => e.id === 'bob-ok-1');
    expect(ev).toMatchObject({ has_body: true });
    expect(ev).not.toHaveProperty('body');
    expect((await get('/api/events/bob-ok-1/body', 'dev-key')).status).toBe(403);
    expect(await (await get('/api/events/bob-ok-1/body', 'adm-key')).json()).toEqual({ request: { messages: [{ role: 'user', content: 'hello' }] } });
    expect((await get('/api/events/bob-ok-2/body', 'adm-key')).status).toBe(404);
  });

  it('filters by verdict and detector and reports bad parameters', async () => {
    const blocked = (await (await get('/api/events?verdict=block&detector=pii', 'adm-key')).json()) as { events: { id: string; findings: { preview: string }[] }[] };
    expect(blocked.events.map((e) => e.id)).toEqual(['alice-block']);
    expect(blocked.events[0]?.findings[0]?.preview).toMatch(/^5\*+4$/);
    const bad = await get('/api/events?verdict=maybe', 'adm-key');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code: 'AIRLOCK_ERR_BAD_QUERY', param: 'verdict' });
    expect((await get('/api/events?limit=100000', 'adm-key')).status).toBe(400);
    expect((await get('/api/events?cursor=zzz', 'adm-key')).status).toBe(400);
  });

  it('shows the effective config with every secret masked', async () => {
    const text = await (await get('/api/config', 'dev-key')).text();
    for (const secret of ['sk-live-SECRET', 'hunter2', 'judge-secret', 'api_key=abc']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ upstreams: { openai: { url: 'https://api.openai.com', api_key: '***' } } });
    expect(text).toContain('postgres://airlock:***@db:5432/airlock');
  });

  it('erasure needs an admin key and is itself audited', async () => {
    const body = JSON.stringify({ user: 'bob' });
    const headers = { 'content-type': 'application/json' };
    expect((await get('/api/audit/erase', 'dev-key', { method: 'POST', body, headers })).status).toBe(403);
    expect((await get('/api/audit/erase', 'adm-key', { method: 'POST', body: '{"user":1}', headers })).status).toBe(400);
    const ok = await get('/api/audit/erase', 'adm-key', { method: 'POST', body, headers });
    expect(await ok.json()).toEqual({ erased: 2 });
    const left = (await (await get('/api/events', 'adm-key')).json()) as { events: { id: string; kind: string }[] };
    expect(left.events.filter((e) => e.kind === 'exchange').map((e) => e.id)).toEqual(['alice-block']);
    expect(left.events.filter((e) => e.kind === 'admin')).toHaveLength(1);
  });

  it('serves /metrics without a key on loopback, never the card digits', async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/airlock_blocks_total\{detector="pii",stage="input"\} 1/);
    expect(text).toContain('airlock_audit_queue_depth');
    const runs = (text.match(/\d(?:[\s.-]?\d)*/g) ?? []).map((r) => r.replace(/\D/g, ''));
    expect(runs.filter((r) => r.includes('55000000'))).toEqual([]);
  });

  it('off loopback, /metrics needs a key', async () => {
    const app = createAdminApp(opts);
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer adm-key' } })).status).toBe(200);
  });
});
