import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../cli/audit.js';
import { SqliteAuditStore } from './sqlite.js';
import { allowedRecord, blockedCardRecord } from './testing.js';
import { AuditTrail } from './trail.js';
import type { AuditEvent, AuditStore } from './types.js';

const CARD = '4111 1111 1111 1111';
const DAY = 86_400_000;

function sink(): { out: string[]; stream: NodeJS.WritableStream } {
  const out: string[] = [];
  const stream = { write: (s: string) => (out.push(s), true), once: () => stream } as unknown as NodeJS.WritableStream;
  return { out, stream };
}

function io(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream) {
  return { stdin: process.stdin, stdout, stderr, env: {} };
}

let dir: string;
let trail: AuditTrail;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-audit-'));
  trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir, retentionMs: 30 * DAY });
  await trail.start();
});

afterEach(async () => {
  await trail.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit trail (SQLite)', () => {
  it('stores a blocked card request with the masked preview and no digit run of the card', async () => {
    trail.record(blockedCardRecord({ id: 'req-card', card: CARD }));
    await trail.drain();
    const ev = await trail.get('req-card');
    expect(ev).toMatchObject({ verdict: 'block', user: 'alice', key_id: 'key_alice', team: 'payments', status: 403, rule: 'pii:CREDIT_CARD' });
    expect(ev?.findings[0]).toMatchObject({ detector: 'pii', type: 'CREDIT_CARD', path: 'messages[1].content', action: 'block' });
    expect(ev?.findings[0]?.preview).toMatch(/^4\*+1$/);
    await trail.close();
    const digits = CARD.replace(/\D/g, '');
    for (const f of readdirSync(dir)) {
      const raw = readFileSync(join(dir, f)).toString('latin1').replace(/[^0-9]/g, ' ');
      expect(raw.includes(digits), f).toBe(false);
      expect(readFileSync(join(dir, f)).toString('latin1').includes(CARD), f).toBe(false);
      // No run of 8+ card digits either (a partial leak is still a leak).
      for (let i = 0; i + 8 <= digits.length; i++) expect(raw.includes(digits.slice(i, i + 8)), f).toBe(false);
    }
  });

  it('filters, pages and aggregates', async () => {
    const t0 = Date.UTC(2026, 10, 20, 10);
    for (let i = 0; i < 5; i++) trail.record(allowedRecord({ id: `ok-${i}`, time: t0 + i * 1000 }));
    trail.record(blockedCardRecord({ id: 'blk-1', card: CARD, time: t0 + DAY }));
    await trail.drain();
    const blocked = await trail.query({ verdict: 'block' }, { limit: 10 });
    expect(blocked.events.map((e) => e.id)).toEqual(['blk-1']);
    expect((await trail.query({ detector: 'pii' }, { limit: 10 })).events.map((e) => e.id)).toEqual(['blk-1']);
    const p1 = await trail.query({ user: 'bob' }, { limit: 3 });
    expect(p1.events.map((e) => e.id)).toEqual(['ok-4', 'ok-3', 'ok-2']);
    const p2 = await trail.query({ user: 'bob' }, { limit: 3, cursor: p1.next });
    expect(p2.events.map((e) => e.id)).toEqual(['ok-1', 'ok-0']);
    expect(p2.next).toBeUndefined();
    const stats = await trail.stats({});
    expect(stats).toMatchObject({ requests: 6, by_verdict: { allow: 5, block: 1 }, blocks_by_detector: { pii: 1 }, prompt_tokens: 600 });
    expect(stats.usage).toContainEqual(expect.objectContaining({ day: '2026-11-20', key_id: 'key_bob', team: 'platform', requests: 5, completion_tokens: 200 }));
  });

  it('purges events past retention and keeps the rest', async () => {
    const now = Date.now();
    trail.record(allowedRecord({ id: 'old', time: now - 31 * DAY }));
    trail.record(allowedRecord({ id: 'recent', time: now - 29 * DAY }));
    await trail.drain();
    expect(await trail.purge()).toBe(1);
    expect(await trail.get('old')).toBeUndefined();
    expect(await trail.get('recent')).toBeDefined();
  });

  it('erases a user everywhere and records the erasure without the user name', async () => {
    trail.record(blockedCardRecord({ id: 'a1', card: CARD }));
    trail.record(allowedRecord({ id: 'b1' }));
    trail.record(allowedRecord({ id: 'a2', identity: { keyId: 'key_alice', user: 'alice', role: 'user' } }));
    expect(await trail.erase({ user: 'alice' }, 'key_admin')).toBe(2);
    expect((await trail.query({ user: 'alice' }, { limit: 10 })).events).toEqual([]);
    expect(await trail.get('b1')).toBeDefined();
    const admin = (await trail.query({ kind: 'admin' }, { limit: 10 })).events;
    expect(admin).toHaveLength(1);
    expect(admin[0]?.admin).toMatchObject({ action: 'erase_user', actor: 'key_admin', count: 2 });
    expect(JSON.stringify(admin)).not.toContain('alice');
  });

  it('spills to disk while the store fails and replays every event when it returns', async () => {
    await trail.close();
    const real = new SqliteAuditStore(join(dir, 'audit.db'));
    let down = false;
    const flaky: AuditStore = {
      kind: 'sqlite',
      init: () => (down ? Promise.reject(new Error('db down')) : real.init()),
      insert: (ev: readonly AuditEvent[]) => (down ? Promise.reject(new Error('db down')) : real.insert(ev)),
      ping: () => (down ? Promise.reject(new Error('db down')) : real.ping()),
      query: (f, p) => real.query(f, p),
      get: (id) => real.get(id),
      stats: (f) => real.stats(f),
      purge: (b) => real.purge(b),
      erase: (s) => real.erase(s),
      iterate: (f, b) => real.iterate(f, b),
      close: () => real.close(),
    };
    // Down from the very start: the schema is created when the database first answers.
    down = true;
    trail = new AuditTrail({ store: flaky, dataDir: dir, queue: { flush_ms: 10, retry_ms: 20, batch_size: 7, max_events: 50 } });
    await trail.start();
    for (let i = 0; i < 200; i++) trail.record(allowedRecord({ id: `s-${i}` }));
    await trail.drain();
    expect((await trail.health()).ok).toBe(false);
    expect((await trail.health()).spill_bytes).toBeGreaterThan(0);
    down = false;
    await trail.drain();
    const ids = new Set<string>();
    for await (const e of real.iterate({}, 64)) ids.add(e.id);
    expect(ids.size).toBe(200);
    expect((await trail.health())).toMatchObject({ ok: true, spill_bytes: 0 });
  });

  it('exports JSONL and erases through the CLI', async () => {
    const now = Date.now();
    trail.record(allowedRecord({ id: 'x-old', time: now - 3 * DAY }));
    trail.record(allowedRecord({ id: 'x-new', time: now - 1000 }));
    await trail.close();
    const o = sink();
    const e = sink();
    expect(await auditCommand(['export', '--since', '2d', '--format', 'jsonl', '--data-dir', dir], io(o.stream, e.stream))).toBe(0);
    const lines = o.out.join('').trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    expect(lines.map((l) => l.id)).toEqual(['x-new']);
    expect(await auditCommand(['erase', '--user', 'bob', '--data-dir', dir], io(o.stream, e.stream))).toBe(0);
    expect(o.out.join('')).toContain('erased 2 event(s)');
    expect(await auditCommand(['erase', '--data-dir', dir], io(o.stream, e.stream))).toBe(2);
    expect(e.out.join('')).toContain('exactly one of --user');
    expect(await auditCommand(['export', '--format', 'csv', '--data-dir', dir], io(o.stream, e.stream))).toBe(2);
  });

  it('drains the queue on close, and a restart replays what a dead database left on disk', async () => {
    for (let i = 0; i < 1200; i++) trail.record(allowedRecord({ id: `d-${i}` }));
    await trail.close();
    const check = new SqliteAuditStore(join(dir, 'audit.db'));
    await check.init();
    expect((await check.stats({})).requests).toBe(1200);
    await check.close();

    // Close while the database refuses writes: events go to the spill file, not to nowhere.
    const dead: AuditStore = {
      kind: 'sqlite', init: async () => undefined, insert: () => Promise.reject(new Error('down')), ping: () => Promise.reject(new Error('down')),
      query: () => Promise.reject(new Error('down')), get: () => Promise.reject(new Error('down')), stats: () => Promise.reject(new Error('down')),
      purge: async () => 0, erase: () => Promise.reject(new Error('down')), iterate: () => { throw new Error('down'); }, close: async () => undefined,
    };
    const t2 = new AuditTrail({ store: dead, dataDir: dir });
    await t2.start();
    for (let i = 0; i < 300; i++) t2.record(allowedRecord({ id: `late-${i}` }));
    await t2.close();
    trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir });
    await trail.start();
    expect((await trail.stats({})).requests).toBe(1500);
    expect((await trail.health()).spill_bytes).toBe(0);
  });

  it('stores bodies only sealed, scrubbed of card numbers and addresses, and opens them with the key', async () => {
    await trail.close();
    const key = Buffer.alloc(32, 7);
    trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir, bodyKey: key });
    await trail.start();
    const bodies = { request: { messages: [{ role: 'user', content: `card ${CARD}, mail jane.doe@example.com, words stay` }] } };
    trail.record({ ...blockedCardRecord({ id: 'with-body', card: CARD }), bodies });
    await trail.drain();
    const ev = await trail.get('with-body');
    expect(ev?.body?.alg).toBe('A256GCM');
    expect(JSON.stringify(ev)).not.toContain('words stay');
    const opened = trail.openBody(ev!) as typeof bodies;
    expect(opened.request.messages[0]?.content).toBe('card [16 digits], mail [email], words stay');
    const wrong = new AuditTrail({ store: new SqliteAuditStore(':memory:'), dataDir: dir, bodyKey: Buffer.alloc(32, 8) });
    expect(() => wrong.openBody(ev!)).toThrow();
    // Moved onto another event id, the seal no longer opens.
    expect(() => trail.openBody({ ...ev!, id: 'other' })).toThrow();
  });
});
