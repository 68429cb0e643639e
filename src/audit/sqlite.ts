import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  EVENT_COLUMNS,
  erasureWhere, eventRow, exportPageQuery, listPage, listPageQuery, nullIfEmpty, whereClause,
} from './sql.js';
import type { AuditEvent, AuditStore, ErasureSubject, EventFilter, EventPage, Stats, UsageRow } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_events (
  id TEXT PRIMARY KEY, time INTEGER NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL,
  key_id TEXT NOT NULL, user_id TEXT NOT NULL, team TEXT NOT NULL, model TEXT NOT NULL,
  verdict TEXT NOT NULL, status INTEGER NOT NULL, prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time);
CREATE INDEX IF NOT EXISTS audit_events_key ON audit_events (key_id, time);
CREATE INDEX IF NOT EXISTS audit_events_user ON audit_events (user_id, time);
CREATE TABLE IF NOT EXISTS audit_findings (
  event_id TEXT NOT NULL, time INTEGER NOT NULL, detector TEXT NOT NULL, type TEXT NOT NULL, action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_findings_event ON audit_findings (event_id);
CREATE INDEX IF NOT EXISTS audit_findings_detector ON audit_findings (detector, time);
`;

/** The embedded store: one WAL-mode SQLite file, so the CLI can read and erase while serving. */
export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite' as const;
  private db: Database.Database | undefined;

  constructor(private readonly file: string) {}

  private get conn(): Database.Database {
    if (!this.db) throw new Error('audit store is closed');
    return this.db;
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.file !== ':memory:') {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      // Owner-only from the first byte; SQLite gives the -wal/-shm files the same mode.
      writeFileSync(this.file, '', { flag: 'a', mode: 0o600 });
    }
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Erased rows must not linger in free pages of the file.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.db = db;
  }

  async insert(events: readonly AuditEvent[]): Promise<void> {
    const db = this.conn;
    const ins = db.prepare(`INSERT OR IGNORE INTO audit_events (${EVENT_COLUMNS}) VALUES (${EVENT_COLUMNS.split(',').map(() => '?').join(',')})`);
    const insF = db.prepare('INSERT INTO audit_findings (event_id, time, detector, type, action) VALUES (?,?,?,?,?)');
    db.transaction(() => {
      for (const e of events) {
        // A replayed event already stored must not get its findings twice.
        if (ins.run(...eventRow(e)).changes === 0) continue;
        for (const f of e.findings) insF.run(e.id, e.time, f.detector, f.type, f.action);
      }
    })();
  }

  async query(filter: EventFilter, page: { limit: number; cursor?: string }): Promise<EventPage> {
    const { sql, params } = listPageQuery(filter, page);
    return listPage(this.conn.prepare(sql).all(...params) as { data: string }[], page.limit);
  }

  async get(id: string): Promise<AuditEvent | undefined> {
    const row = this.conn.prepare('SELECT data FROM audit_events WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as AuditEvent) : undefined;
  }

  async stats(filter: EventFilter): Promise<Stats> {
    const db = this.conn;
    const w = whereClause({ ...filter, kind: 'exchange' });
    const byVerdict = db
      .prepare(`SELECT verdict, COUNT(*) AS n, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c, SUM(cost_usd) AS cost FROM audit_events WHERE ${w.sql} GROUP BY verdict`)
      .all(...w.params) as { verdict: string; n: number; p: number; c: number; cost: number }[];
    const we = whereClause({ ...filter, kind: 'exchange' }, 'e');
    const blocks = db
      .prepare(
        `SELECT f.detector AS detector, COUNT(DISTINCT f.event_id) AS n FROM audit_findings f JOIN audit_events e ON e.id = f.event_id
         WHERE e.verdict = 'block' AND f.action = 'block' AND ${we.sql} GROUP BY f.detector`,
      )
      .all(...we.params) as { detector: string; n: number }[];
    const usage = db
      .prepare(
        `SELECT day, key_id, team, COUNT(*) AS requests, SUM(CASE WHEN verdict = 'block' THEN 1 ELSE 0 END) AS blocked,
         SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens, SUM(cost_usd) AS cost_usd
         FROM audit_events WHERE ${w.sql} GROUP BY day, key_id, team ORDER BY day, key_id, team`,
      )
      .all(...w.params) as UsageRow[];
    return assembleStats(byVerdict, blocks, usage);
  }

  async purge(before: number): Promise<number> {
    const db = this.conn;
    return db.transaction(() => {
      db.prepare('DELETE FROM audit_findings WHERE time < ?').run(before);
      return db.prepare('DELETE FROM audit_events WHERE time < ?').run(before).changes;
    })();
  }

  async erase(subject: ErasureSubject): Promise<number> {
    const db = this.conn;
    const w = erasureWhere(subject);
    const n = db.transaction(() => {
      db.prepare(`DELETE FROM audit_findings WHERE event_id IN (SELECT id FROM audit_events WHERE ${w.sql})`).run(...w.params);
      return db.prepare(`DELETE FROM audit_events WHERE ${w.sql}`).run(...w.params).changes;
    })();
    // Fold the WAL back so erased rows do not survive in the -wal file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  async *iterate(filter: EventFilter, batch: number): AsyncIterable<AuditEvent> {
    let after: { time: number; id: string } | undefined;
    for (;;) {
      const { sql, params } = exportPageQuery(filter, after, batch);
      const rows = this.conn.prepare(sql).all(...params) as { time: number; id: string; data: string }[];
      for (const r of rows) yield JSON.parse(r.data) as AuditEvent;
      const last = rows[rows.length - 1];
      if (!last || rows.length < batch) return;
      after = { time: last.time, id: last.id };
    }
  }

  async ping(): Promise<void> {
    this.conn.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
  }
}

export function assembleStats(
  byVerdict: { verdict: string; n: number | string; p: number | string | null; c: number | string | null; cost: number | string | null }[],
  blocks: { detector: string; n: number | string }[],
  usage: UsageRow[],
): Stats {
  const num = (v: number | string | null | undefined): number => Number(v ?? 0) || 0;
  const out: Record<string, number> = {};
  let requests = 0;
  let p = 0;
  let c = 0;
  let cost = 0;
  for (const r of byVerdict) {
    out[r.verdict] = num(r.n);
    requests += num(r.n);
    p += num(r.p);
    c += num(r.c);
    cost += num(r.cost);
  }
  const byDet: Record<string, number> = {};
  for (const b of blocks) byDet[b.detector] = num(b.n);
  return {
    requests,
    by_verdict: out,
    blocks_by_detector: byDet,
    prompt_tokens: p,
    completion_tokens: c,
    cost_usd: cost,
    usage: usage.map((u) => ({
      day: u.day,
      key_id: nullIfEmpty(u.key_id),
      team: nullIfEmpty(u.team),
      requests: num(u.requests),
      blocked: num(u.blocked),
      prompt_tokens: num(u.prompt_tokens),
      completion_tokens: num(u.completion_tokens),
      cost_usd: num(u.cost_usd),
    })),
  };
}
