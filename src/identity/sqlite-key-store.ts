import type Database from 'better-sqlite3';
import { openSqlite } from '../limits/index.js';
import {
  KEY_COLUMNS as COLS,
  keyToRow,
  rowToCredential,
  rowToKey,
  type CredentialRow,
  type KeyRow,
  type KeyStore,
  type StoredCredential,
  type StoredKey,
} from './key-store.js';


/** The embedded default: keys live in `<data-dir>/airlock.db`, shared by the CLI and the gateway. */
export class SqliteKeyStore implements KeyStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  // Prepared once: byHash runs on every request.
  private readonly selHash: Database.Statement<[string], KeyRow>;

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS airlock_keys (
      id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, name TEXT NOT NULL,
      user_name TEXT, team TEXT, role TEXT NOT NULL, meta TEXT NOT NULL,
      expires_at INTEGER, revoked_at INTEGER, created_at INTEGER NOT NULL, created_by TEXT)`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS airlock_credentials (
      name TEXT PRIMARY KEY, provider TEXT NOT NULL, sealed TEXT NOT NULL, hint TEXT NOT NULL, created_at INTEGER NOT NULL)`);
    this.selHash = this.db.prepare<[string], KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE hash = ?`);
  }

  async insert(k: StoredKey): Promise<void> {
    const r = keyToRow(k);
    this.db
      .prepare(`INSERT INTO airlock_keys (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(r.id, r.hash, r.prefix, r.name, r.user_name, r.team, r.role, r.meta, r.expires_at, r.revoked_at, r.created_at, r.created_by);
  }

  async byHash(hash: string): Promise<StoredKey | undefined> {
    const r = this.selHash.get(hash);
    return r ? rowToKey(r) : undefined;
  }

  async byId(id: string): Promise<StoredKey | undefined> {
    const r = this.db.prepare<[string], KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE id = ?`).get(id);
    return r ? rowToKey(r) : undefined;
  }

  async list(filter: { readonly user?: string } = {}): Promise<StoredKey[]> {
    const rows =
      filter.user === undefined
        ? this.db.prepare<[], KeyRow>(`SELECT ${COLS} FROM airlock_keys ORDER BY created_at, id`).all()
        : this.db.prepare<[string], KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE user_name = ? ORDER BY created_at, id`).all(filter.user);
    return rows.map(rowToKey);
  }

  async setHash(id: string, hash: string, prefix: string): Promise<boolean> {
    return this.db.prepare('UPDATE airlock_keys SET hash = ?, prefix = ? WHERE id = ?').run(hash, prefix, id).changes > 0;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    return this.db.prepare('UPDATE airlock_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id).changes > 0;
  }

  async putCredential(c: StoredCredential): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO airlock_credentials (name, provider, sealed, hint, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET provider = excluded.provider, sealed = excluded.sealed, hint = excluded.hint, created_at = excluded.created_at`,
      )
      .run(c.name, c.provider, c.sealed, c.hint, c.createdAt);
  }

  async getCredential(name: string): Promise<StoredCredential | undefined> {
    const r = this.db.prepare<[string], CredentialRow>('SELECT * FROM airlock_credentials WHERE name = ?').get(name);
    return r ? rowToCredential(r) : undefined;
  }

  async listCredentials(): Promise<StoredCredential[]> {
    return this.db.prepare<[], CredentialRow>('SELECT * FROM airlock_credentials ORDER BY name').all().map(rowToCredential);
  }

  async deleteCredential(name: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM airlock_credentials WHERE name = ?').run(name).changes > 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
