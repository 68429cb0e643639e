import pg from 'pg';
import { assembleStats } from './sqlite.js';
import {
  EVENT_COLUMNS,
  erasureWhere, eventRow, exportPageQuery, listPage, listPageQuery, whereClause, type Param,
} from './sql.js';
import type { AuditEvent, AuditStore, ErasureSubject, EventFilter, EventPage, Stats, UsageRow } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_events (
  id TEXT PRIMARY KEY, time BIGINT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL,
  key_id TEXT NOT NULL, user_id TEXT NOT NULL, team TEXT NOT NULL, model TEXT NOT NULL,
  verdict TEXT NOT NULL, status INTEGER NOT NULL, prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL, cost_usd DOUBLE PRECISION NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time);
CREATE INDEX IF NOT EXISTS audit_events_key ON audit_events (key_id, time);
CREATE INDEX IF NOT EXISTS audit_events_user ON audit_events (user_id, time);
CREATE TABLE IF NOT EXISTS audit_findings (
  event_id TEXT NOT NULL, time BIGINT NOT NULL, detector TEXT NOT NULL, type TEXT NOT NULL, action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_findings_event ON audit_findings (event_id);
CREATE INDEX IF NOT EXISTS audit_findings_detector ON audit_findings (detector, time);
`;

/** `?` → `$1, $2…` (our SQL never contains a literal question mark). */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const COLS = EVENT_COLUMNS.split(',').length;

export class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 3000,
      query_timeout: 15_000,
      idleTimeoutMillis: 10_000,
    });
    // An idle client losing its server must not crash the process; the next query fails and spills.
    this.pool.on('error', () => undefined);
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: Param[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(numbered(sql), params);
  }

  async init(): Promise<void> {
    await this.q(SCHEMA);
  }

  async insert(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.tx(async (q) => {
      // An acknowledged audit batch must survive a server crash, whatever the server's default.
      await q('SET LOCAL synchronous_commit = on', []);
      const params: Param[] = [];
      const rows: string[] = [];
      for (const e of events) {
        rows.push(`(${new Array(COLS).fill('?').join(',')})`);
        params.push(...eventRow(e));
      }
      const res = await q(`INSERT INTO audit_events (${EVENT_COLUMNS}) VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING RETURNING id`, params);
      // A replayed event already stored must not get its findings twice.
      const fresh = new Set(res.rows.map((r: { id: string }) => r.id));
      const fParams: Param[] = [];
      const fRows: string[] = [];
      for (const e of events) {
        if (!fresh.has(e.id)) continue;
        for (const f of e.findings) {
          fRows.push('(?,?,?,?,?)');
          fParams.push(e.id, e.time, f.detector, f.type, f.action);
        }
      }
      if (fRows.length) await q(`INSERT INTO audit_findings (event_id, time, detector, type, action) VALUES ${fRows.join(',')}`, fParams);
    });
  }

  async query(filter: EventFilter, page: { limit: number; cursor?: string }): Promise<EventPage> {
    const { sql, params } = listPageQuery(filter, page);
    return listPage((await this.q<{ data: string }>(sql, params)).rows, page.limit);
  }

  async get(id: string): Promise<AuditEvent | undefined> {
    const res = await this.q<{ data: string }>('SELECT data FROM audit_events WHERE id = ?', [id]);
    const row = res.rows[0];
    return row ? (JSON.parse(row.data) as AuditEvent) : undefined;
  }

  async stats(filter: EventFilter): Promise<Stats> {
    const w = whereClause({ ...filter, kind: 'exchange' });
    const byVerdict = await this.q<{ verdict: string; n: string; p: string; c: string; cost: number }>(
      `SELECT verdict, COUNT(*) AS n, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c, SUM(cost_usd) AS cost FROM audit_events WHERE ${w.sql} GROUP BY verdict`,
      w.params,
    );
    const we = whereClause({ ...filter, kind: 'exchange' }, 'e');
    const blocks = await this.q<{ detector: string; n: string }>(
      `SELECT f.detector AS detector, COUNT(DISTINCT f.event_id) AS n FROM audit_findings f JOIN audit_events e ON e.id = f.event_id
       WHERE e.verdict = 'block' AND f.action = 'block' AND ${we.sql} GROUP BY f.detector`,
      we.params,
    );
    const usage = await this.q<UsageRow>(
      `SELECT day, key_id, team, COUNT(*) AS requests, SUM(CASE WHEN verdict = 'block' THEN 1 ELSE 0 END) AS blocked,
       SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens, SUM(cost_usd) AS cost_usd
       FROM audit_events WHERE ${w.sql} GROUP BY day, key_id, team ORDER BY day, key_id, team`,
      w.params,
    );
    return assembleStats(byVerdict.rows, blocks.rows, usage.rows);
  }

  /** Run `fn` in one transaction on one client (findings and events go together or not at all). */
  private async tx<T>(fn: (q: (sql: string, params: Param[]) => Promise<pg.QueryResult>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A server dying mid-transaction emits 'error' on the checked-out client; the failed query
    // already reports it, so the event itself must not become an unhandled crash.
    const swallow = (): void => undefined;
    client.on('error', swallow);
    try {
      await client.query('BEGIN');
      const out = await fn((sql, params) => client.query(numbered(sql), params));
      await client.query('COMMIT');
      client.off('error', swallow);
      client.release();
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.off('error', swallow);
      client.release(e instanceof Error ? e : true);
      throw e;
    }
  }

  async purge(before: number): Promise<number> {
    return this.tx(async (q) => {
      await q('DELETE FROM audit_findings WHERE time < ?', [before]);
      return (await q('DELETE FROM audit_events WHERE time < ?', [before])).rowCount ?? 0;
    });
  }

  async erase(subject: ErasureSubject): Promise<number> {
    const w = erasureWhere(subject);
    return this.tx(async (q) => {
      await q(`DELETE FROM audit_findings WHERE event_id IN (SELECT id FROM audit_events WHERE ${w.sql})`, w.params);
      return (await q(`DELETE FROM audit_events WHERE ${w.sql}`, w.params)).rowCount ?? 0;
    });
  }

  async *iterate(filter: EventFilter, batch: number): AsyncIterable<AuditEvent> {
    let after: { time: number; id: string } | undefined;
    for (;;) {
      const { sql, params } = exportPageQuery(filter, after, batch);
      const res = await this.q<{ time: string; id: string; data: string }>(sql, params);
      for (const r of res.rows) yield JSON.parse(r.data) as AuditEvent;
      const last = res.rows[res.rows.length - 1];
      if (!last || res.rows.length < batch) return;
      after = { time: Number(last.time), id: last.id };
    }
  }

  async ping(): Promise<void> {
    await this.q('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
