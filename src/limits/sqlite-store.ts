import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ConsumeResult, CounterSpec, CounterState, Store } from './store.js';

interface Row {
  n: number;
  s: string | null;
  exp: number | null;
}

/** Opens a SQLite file for concurrent use by the gateway and the CLI (WAL, waits on locks). */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The embedded default: counters survive restarts and are shared by every process on the host
 * that opens the same file. Each operation is one IMMEDIATE transaction, so check-and-add is atomic
 * across processes too.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly sel: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, number, string | null, number | null]>;
  private readonly delStmt: Database.Statement<[string]>;
  private readonly sweepStmt: Database.Statement<[number]>;
  private readonly sweeper: NodeJS.Timeout;
  private readonly txIncr: (key: string, by: number, ttlMs: number) => CounterState;
  private readonly txAdjust: (key: string, by: number) => CounterState | undefined;
  private readonly txAdjustMany: (items: readonly { key: string; by: number }[]) => void;
  private readonly txConsume: (specs: readonly CounterSpec[]) => ConsumeResult;

  constructor(file: string, private readonly now: () => number = Date.now) {
    this.db = openSqlite(file);
    this.db.exec('CREATE TABLE IF NOT EXISTS airlock_kv (k TEXT PRIMARY KEY, n REAL NOT NULL DEFAULT 0, s TEXT, exp INTEGER)');
    this.db.exec('CREATE INDEX IF NOT EXISTS airlock_kv_exp ON airlock_kv (exp)');
    this.sel = this.db.prepare('SELECT n, s, exp FROM airlock_kv WHERE k = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO airlock_kv (k, n, s, exp) VALUES (?, ?, ?, ?) ON CONFLICT(k) DO UPDATE SET n = excluded.n, s = excluded.s, exp = excluded.exp',
    );
    this.delStmt = this.db.prepare('DELETE FROM airlock_kv WHERE k = ?');
    this.sweepStmt = this.db.prepare('DELETE FROM airlock_kv WHERE exp IS NOT NULL AND exp <= ?');
    const incr = this.db.transaction((key: string, by: number, ttlMs: number): CounterState => {
      const t = this.now();
      const row = this.live(key, t);
      const exp = row?.exp ?? t + ttlMs;
      const n = (row?.n ?? 0) + by;
      this.upsert.run(key, n, null, exp);
      return { key, value: n, resetMs: exp - t };
    });
    const adjust = this.db.transaction((key: string, by: number): CounterState | undefined => {
      const t = this.now();
      const row = this.live(key, t);
      if (!row) return undefined;
      const n = row.n + by;
      this.upsert.run(key, n, row.s, row.exp);
      return { key, value: n, resetMs: row.exp === null ? 0 : row.exp - t };
    });
    const consume = this.db.transaction((specs: readonly CounterSpec[]): ConsumeResult => {
      const t = this.now();
      const rows = specs.map((s) => this.live(s.key, t));
      const state = (s: CounterSpec, r: Row | undefined, add: number): CounterState => ({
        key: s.key,
        value: (r?.n ?? 0) + add,
        resetMs: r ? (r.exp === null ? 0 : r.exp - t) : add ? s.ttlMs : 0,
      });
      for (let i = 0; i < specs.length; i++) {
        const s = specs[i]!;
        if ((rows[i]?.n ?? 0) + s.by > s.limit) {
          return { ok: false, failed: i, counters: specs.map((x, j) => state(x, rows[j], 0)) };
        }
      }
      const counters = specs.map((s, i) => {
        const r = rows[i];
        this.upsert.run(s.key, (r?.n ?? 0) + s.by, null, r?.exp ?? t + s.ttlMs);
        return state(s, r, s.by);
      });
      return { ok: true, counters };
    });
    this.txIncr = (k, b, ttl) => incr.immediate(k, b, ttl);
    this.txAdjust = (k, b) => adjust.immediate(k, b);
    this.txConsume = (specs) => consume.immediate(specs);
    const adjustMany = this.db.transaction((items: readonly { key: string; by: number }[]) => {
      for (const i of items) adjust(i.key, i.by);
    });
    this.txAdjustMany = (items) => adjustMany.immediate(items);
    this.sweeper = setInterval(() => this.sweepStmt.run(this.now()), 60_000);
    this.sweeper.unref();
  }

  private live(key: string, t: number): Row | undefined {
    const row = this.sel.get(key);
    if (row && row.exp !== null && row.exp <= t) {
      this.delStmt.run(key);
      return undefined;
    }
    return row;
  }

  async incr(key: string, by: number, ttlMs: number): Promise<CounterState> {
    return this.txIncr(key, by, ttlMs);
  }

  async adjust(key: string, by: number): Promise<CounterState | undefined> {
    return this.txAdjust(key, by);
  }

  async adjustMany(items: readonly { readonly key: string; readonly by: number }[]): Promise<void> {
    if (items.length > 0) this.txAdjustMany(items);
  }

  async consume(specs: readonly CounterSpec[]): Promise<ConsumeResult> {
    return this.txConsume(specs);
  }

  async peek(key: string): Promise<CounterState> {
    const t = this.now();
    const row = this.sel.get(key);
    if (!row || (row.exp !== null && row.exp <= t)) return { key, value: 0, resetMs: 0 };
    return { key, value: row.n, resetMs: row.exp === null ? 0 : row.exp - t };
  }

  async get(key: string): Promise<string | undefined> {
    const row = this.sel.get(key);
    if (!row || (row.exp !== null && row.exp <= this.now())) return undefined;
    return row.s ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.upsert.run(key, 0, value, ttlMs === undefined ? null : this.now() + ttlMs);
  }

  async del(key: string): Promise<void> {
    this.delStmt.run(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    if (this.db.open) this.db.close();
  }
}
