import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdmin, type AdminServer } from '../../src/admin/index.js';
import { openAuditTrail, auditConfigSchema, type AuditEvent, type AuditTrail } from '../../src/audit/index.js';
import type { Gateway } from '../../src/gateway/index.js';
import { createLogger } from '../../src/telemetry/log.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { captureLogs, startTestGateway, type LogCapture } from '../helpers/gateway.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

const CARD = '4111 1111 1111 1111';
const DIGITS = CARD.replace(/\D/g, '');
const ADMIN = 'Bearer test-admin';

let ca: TestCa;
let mock: MockProvider;
let gw: Gateway;
let gwLogs: LogCapture;
let base: string;
let dir: string;
let trail: AuditTrail;
let admin: AdminServer;
const auditLogs = captureLogs();
const metrics = createMetrics();

/** Every digit run in `text`, separators removed, must not contain 8 consecutive digits of the card. */
function leaksCard(text: string): boolean {
  const runs = text.match(/\d(?:[\s\-.]?\d)*/g) ?? [];
  return runs.some((r) => {
    const d = r.replace(/\D/g, '');
    for (let i = 0; i + 8 <= DIGITS.length; i++) if (d.includes(DIGITS.slice(i, i + 8))) return true;
    return false;
  });
}

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  dir = mkdtempSync(join(tmpdir(), 'airlock-audit-e2e-'));
  trail = await openAuditTrail(auditConfigSchema.parse({ queue: { flush_ms: 20 } }), dir, {
    metrics,
    logger: createLogger({ level: 'debug', destination: auditLogs.stream }),
  });
  ({ gw, logs: gwLogs, base } = await startTestGateway(
    {
      upstreams: { openai: { url: mock.url, provider: 'openai', api_key: 'sk-upstream', ca_file: ca.caFile } },
      routes: [{ name: 'openai', path_prefix: '/v1', upstream: 'openai' }],
      policies: { default: { rules: [{ name: 'card-number', pattern: '\\b(?:\\d[ -]?){12,18}\\d\\b', action: 'block' }] } },
    },
    { hooks: { record: (r) => trail.record(r) } },
  ));
  admin = await startAdmin({
    port: 0,
    config: () => gw.config,
    audit: trail,
    metrics,
    authenticate: async (h) => (h === ADMIN ? { keyId: 'key_admin', role: 'admin' } : undefined),
  });
});

afterAll(async () => {
  await admin?.close();
  await gw?.close();
  await trail?.close();
  await mock?.close();
  ca?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a request blocked for a credit card, end to end', () => {
  it('is refused, audited with a masked preview, and the card appears in no file, log or metric', async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'client-key', maxRetries: 0 });
    const err = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: `charge my card ${CARD} please` }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    expect(mock.requests).toHaveLength(0);
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
    await trail.drain();

    const res = await fetch(`${admin.url}/api/events?verdict=block`, { headers: { authorization: ADMIN } });
    const { events } = (await res.json()) as { events: AuditEvent[] };
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(ev).toMatchObject({ verdict: 'block', status: 403, route: 'openai', model: 'gpt-4o-mini', error_code: 'AIRLOCK_ERR_BLOCKED' });
    expect(ev.findings[0]).toMatchObject({ detector: 'regex', type: 'card-number', path: 'messages[1].content', action: 'block' });
    expect(ev.findings[0]?.preview).toMatch(/^4\*+1$/);
    expect(ev.findings[0]?.hash).toMatch(/^[0-9a-f]{24}$/);

    await trail.close();
    for (const f of readdirSync(dir)) expect(leaksCard(readFileSync(join(dir, f)).toString('latin1')), `file ${f}`).toBe(false);
    expect(leaksCard(gwLogs.text()), 'gateway logs').toBe(false);
    expect(leaksCard(auditLogs.text()), 'audit logs').toBe(false);
    const text = await (await fetch(`${admin.url}/metrics`)).text();
    expect(text).toMatch(/airlock_blocks_total\{detector="regex",stage="input"\} 1/);
    expect(text).toMatch(/airlock_requests_total\{route="openai",verdict="allow",status="2xx"\} 1/);
    expect(leaksCard(text), 'metrics').toBe(false);
  });
});
