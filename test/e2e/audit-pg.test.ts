import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresAuditStore } from '../../src/audit/postgres.js';
import { allowedRecord, blockedCardRecord } from '../../src/audit/testing.js';
import { AuditTrail } from '../../src/audit/trail.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { startPostgres, type PostgresService } from '../helpers/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let svc: PostgresService;
let dataDir: string;
let sockDir: string;
let restarted: ChildProcess | undefined;
let dir: string;

async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: svc.url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

function postmasterPid(): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kill PostgreSQL the hard way (SIGQUIT: immediate shutdown, crash recovery on restart). */
async function killPostgres(): Promise<void> {
  const pid = postmasterPid();
  process.kill(pid, 'SIGQUIT');
  while (alive(pid)) await sleep(50);
}

/** Start the same cluster again on the same port, as the postgres user. */
async function restartPostgres(): Promise<void> {
  const bin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim();
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  const asRoot = process.getuid?.() === 0;
  restarted = spawn(
    join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(svc.port), '-k', sockDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    { stdio: 'ignore', env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, ...(asRoot ? { uid, gid } : {}) },
  );
  for (let i = 0; i < 300; i++) {
    try {
      await sql('SELECT 1');
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('PostgreSQL did not come back');
}

beforeAll(async () => {
  svc = await startPostgres();
  const rows = await sql<{ setting: string; name: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('data_directory', 'unix_socket_directories')",
  );
  dataDir = rows.find((r) => r.name === 'data_directory')?.setting ?? '';
  sockDir = rows.find((r) => r.name === 'unix_socket_directories')?.setting ?? '';
  dir = mkdtempSync(join(tmpdir(), 'airlock-audit-pg-'));
});

afterAll(async () => {
  if (restarted && restarted.exitCode === null) {
    const done = new Promise((r) => restarted?.once('exit', r));
    restarted.kill('SIGINT');
    await done;
  }
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit trail on PostgreSQL', () => {
  it('loses no event when the database is killed for 5 s under load', async () => {
    const metrics = createMetrics({ defaults: false });
    const trail = new AuditTrail({
      store: new PostgresAuditStore(svc.url),
      dataDir: dir,
      metrics,
      queue: { flush_ms: 50, retry_ms: 250, batch_size: 200, max_events: 2000 },
    });
    await trail.start();
    const sent: string[] = [];
    let stop = false;
    // Steady load: 20 events every 10 ms (~2,000/s) until told to stop.
    const load = (async () => {
      let i = 0;
      while (!stop) {
        for (let k = 0; k < 20; k++, i++) {
          const id = `load-${i}`;
          trail.record(i % 50 === 0 ? blockedCardRecord({ id, card: '4111 1111 1111 1111' }) : allowedRecord({ id }));
          sent.push(id);
        }
        await sleep(10);
      }
    })();
    await sleep(1500);
    await killPostgres();
    const atKill = sent.length;
    await sleep(5000);
    const duringOutage = sent.length - atKill;
    await restartPostgres();
    await sleep(1500);
    stop = true;
    await load;
    await trail.drain();
    // The retry loop replays the spill file on its own; wait for it to land.
    let stored = 0;
    for (let i = 0; i < 200 && stored < sent.length; i++) {
      stored = Number((await sql<{ n: string }>('SELECT COUNT(*) AS n FROM audit_events'))[0]?.n);
      if (stored < sent.length) await sleep(100);
    }
    expect(duringOutage).toBeGreaterThan(1000);
    expect(stored).toBe(sent.length);
    const missing = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM audit_events WHERE id = ANY(ARRAY[${sent.slice(-5).map((s) => `'${s}'`).join(',')}])`);
    expect(Number(missing[0]?.n)).toBe(5);
    const findings = await sql<{ n: string }>("SELECT COUNT(*) AS n FROM audit_findings WHERE detector = 'pii'");
    expect(Number(findings[0]?.n)).toBe(sent.filter((_, i) => i % 50 === 0).length);
    expect(await metrics.render()).toMatch(/airlock_audit_store_errors_total\{op="insert"\} [1-9]/);
    expect((await trail.health()).ok).toBe(true);
    await trail.close();
  }, 60_000);

  it('queries, aggregates, purges and erases on PostgreSQL like on SQLite', async () => {
    await sql('TRUNCATE audit_events, audit_findings');
    const trail = new AuditTrail({ store: new PostgresAuditStore(svc.url), dataDir: dir, queue: { flush_ms: 20 } });
    await trail.start();
    const t0 = Date.UTC(2026, 10, 20, 9);
    for (let i = 0; i < 4; i++) trail.record(allowedRecord({ id: `p-ok-${i}`, time: Date.now() - i * 1000, tokens: [100, 10] }));
    trail.record(blockedCardRecord({ id: 'p-block', card: '4111 1111 1111 1111' }));
    trail.record(allowedRecord({ id: 'p-ancient', time: t0 - 400 * 86_400_000 }));
    await trail.drain();
    expect((await trail.query({ detector: 'pii', verdict: 'block' }, { limit: 10 })).events.map((e) => e.id)).toEqual(['p-block']);
    const page1 = await trail.query({ user: 'bob' }, { limit: 2 });
    const page2 = await trail.query({ user: 'bob' }, { limit: 10, cursor: page1.next });
    expect([...page1.events, ...page2.events].map((e) => e.id)).toEqual(['p-ok-0', 'p-ok-1', 'p-ok-2', 'p-ok-3', 'p-ancient']);
    const stats = await trail.stats({ from: Date.now() - 86_400_000 });
    expect(stats).toMatchObject({ requests: 5, by_verdict: { allow: 4, block: 1 }, blocks_by_detector: { pii: 1 }, prompt_tokens: 400 });
    expect(stats.usage.find((u) => u.key_id === 'key_bob')).toMatchObject({ requests: 4, completion_tokens: 40, team: 'platform' });
    expect(await trail.purge()).toBe(1);
    expect(await trail.erase({ keyId: 'key_alice' }, 'test')).toBe(1);
    expect(await trail.get('p-block')).toBeUndefined();
    const exported: string[] = [];
    for await (const e of trail.store.iterate({ kind: 'exchange' }, 2)) exported.push(e.id);
    expect(exported.sort()).toEqual(['p-ok-0', 'p-ok-1', 'p-ok-2', 'p-ok-3']);
    await trail.close();
  });
});
