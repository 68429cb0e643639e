import type { AuditEvent, EventFilter, EventPage, ErasureSubject } from './types.js';

/**
 * SQL shared by the SQLite and PostgreSQL stores. Written with `?` placeholders; the PostgreSQL
 * store numbers them. Only values are ever bound: no filter text is spliced into SQL.
 */
export type Param = string | number;

export interface Where {
  readonly sql: string;
  readonly params: Param[];
}

export function whereClause(f: EventFilter, alias = ''): Where {
  const a = alias ? `${alias}.` : '';
  const parts: string[] = [];
  const params: Param[] = [];
  const eq = (col: string, v: string | undefined): void => {
    if (v === undefined) return;
    parts.push(`${a}${col} = ?`);
    params.push(v);
  };
  if (f.from !== undefined) {
    parts.push(`${a}time >= ?`);
    params.push(f.from);
  }
  if (f.to !== undefined) {
    parts.push(`${a}time < ?`);
    params.push(f.to);
  }
  eq('verdict', f.verdict);
  eq('key_id', f.keyId);
  eq('user_id', f.user);
  eq('team', f.team);
  eq('model', f.model);
  eq('kind', f.kind);
  if (f.detector !== undefined) {
    parts.push(`${a}id IN (SELECT event_id FROM audit_findings WHERE detector = ?)`);
    params.push(f.detector);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1=1', params };
}

/** One page of the newest-first event listing (one extra row tells whether a next page exists). */
export function listPageQuery(filter: EventFilter, page: { limit: number; cursor?: string }): { sql: string; params: Param[] } {
  const w = whereClause(filter);
  let sql = `SELECT data FROM audit_events WHERE ${w.sql}`;
  const params: Param[] = [...w.params];
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    sql += ' AND (time < ? OR (time = ? AND id < ?))';
    params.push(c.time, c.time, c.id);
  }
  sql += ' ORDER BY time DESC, id DESC LIMIT ?';
  params.push(page.limit + 1);
  return { sql, params };
}

/** Events of a listing page from its rows, with the cursor of the next page when there is one. */
export function listPage(rows: readonly { data: string }[], limit: number): EventPage {
  const events = rows.slice(0, limit).map((r) => JSON.parse(r.data) as AuditEvent);
  const last = events[events.length - 1];
  return rows.length > limit && last ? { events, next: encodeCursor(last) } : { events };
}

/** One page of a full export, in (time, id) order after the keyset `after` (both stores). */
export function exportPageQuery(filter: EventFilter, after: { time: number; id: string } | undefined, batch: number): { sql: string; params: Param[] } {
  const w = whereClause(filter);
  const params: Param[] = [...w.params];
  let sql = `SELECT time, id, data FROM audit_events WHERE ${w.sql}`;
  if (after) {
    sql += ' AND (time > ? OR (time = ? AND id > ?))';
    params.push(after.time, after.time, after.id);
  }
  sql += ' ORDER BY time, id LIMIT ?';
  params.push(batch);
  return { sql, params };
}

export function erasureWhere(s: ErasureSubject): Where {
  return s.user !== undefined ? { sql: 'user_id = ?', params: [s.user] } : { sql: 'key_id = ?', params: [s.keyId] };
}

export function encodeCursor(e: { time: number; id: string }): string {
  return Buffer.from(`${e.time}:${e.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(c: string): { time: number; id: string } {
  const s = Buffer.from(c, 'base64url').toString('utf8');
  const i = s.indexOf(':');
  const time = Number(s.slice(0, i));
  if (i <= 0 || !Number.isFinite(time)) throw new Error('invalid cursor');
  return { time, id: s.slice(i + 1) };
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The flat columns stored beside the event JSON (for filters and aggregates). */
export function eventRow(e: AuditEvent): Param[] {
  return [
    e.id,
    e.time,
    utcDay(e.time),
    e.kind,
    e.key_id ?? '',
    e.user ?? '',
    e.team ?? '',
    e.model ?? '',
    e.verdict,
    e.status,
    e.prompt_tokens,
    e.completion_tokens,
    e.cost_usd,
    JSON.stringify(e),
  ];
}

export const EVENT_COLUMNS =
  'id, time, day, kind, key_id, user_id, team, model, verdict, status, prompt_tokens, completion_tokens, cost_usd, data';

/** Empty strings are stored for absent identity fields so equality filters and GROUP BY stay simple. */
export function nullIfEmpty(s: string | null): string | null {
  return s === '' ? null : s;
}

