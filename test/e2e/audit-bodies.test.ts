/**
 * `store_bodies: true`: the request is kept in the audit trail with every finding redacted and
 * sealed (AES-256-GCM); an admin can open it, and no caught value is in the database file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdmin, type AdminServer } from '../../src/admin/index.js';
import { auditConfigSchema, openAuditTrail, type AuditTrail } from '../../src/audit/index.js';
import type { Gateway } from '../../src/gateway/index.js';
import { startTestGateway } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

const SECRET = 'ghp_' + 'Zq8XwP2mNc4VbR7tYk1LsD9fGh3JeA6uTo5i';
let ca: TestCa;
let mock: MockProvider;
let gw: Gateway;
let base: string;
let dir: string;
let trail: AuditTrail;
let admin: AdminServer;

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  dir = mkdtempSync(join(tmpdir(), 'airlock-bodies-'));
  const key = randomBytes(32).toString('base64');
  trail = await openAuditTrail(auditConfigSchema.parse({ queue: { flush_ms: 20 }, bodies: { enabled: true, key } }), dir);
  ({ gw, base } = await startTestGateway(
    {
      upstreams: { openai: { url: mock.url, provider: 'openai', api_key: 'sk-upstream', ca_file: ca.caFile } },
      routes: [{ path_prefix: '/v1', upstream: 'openai' }],
      policies: { default: { store_bodies: true, input: { secrets: { action: 'block' } } } },
    },
    { hooks: { record: (r) => trail.record(r) } },
  ));
  admin = await startAdmin({ port: 0, config: () => gw.config, audit: trail, authenticate: async (h) => (h === 'Bearer adm' ? { keyId: 'k', role: 'admin' } : undefined) });
});

afterAll(async () => {
  await admin?.close();
  await gw?.close();
  await trail?.close();
  await mock?.close();
  ca?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('stored bodies', () => {
  it('keeps a blocked request redacted and sealed; an admin can open it', async () => {
    const r = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `deploy with token ${SECRET} now` }] }),
    });
    expect(r.statusCode).toBe(403);
    const id = r.headers['x-airlock-request-id'] as string;
    await r.body.dump();
    await trail.drain();
    const opened = await request(`http://127.0.0.1:${admin.port}/api/events/${id}/body`, { headers: { authorization: 'Bearer adm' } });
    expect(opened.statusCode).toBe(200);
    const text = await opened.body.text();
    expect(text).toContain('deploy with token [REDACTED:');
    expect(text).not.toContain(SECRET);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(SECRET.slice(4))).toBe(false);
  });
});
