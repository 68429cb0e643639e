import pg from 'pg';
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


const SCHEMA = `
CREATE TABLE IF NOT EXISTS airlock_keys (
  id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, name TEXT NOT NULL,
  user_name TEXT, team TEXT, role TEXT NOT NULL, meta TEXT NOT NULL,
  expires_at BIGINT, revoked_at BIGINT, created_at BIGINT NOT NULL, created_by TEXT);
CREATE INDEX IF NOT EXISTS airlock_keys_user ON airlock_keys (user_name);
CREATE TABLE IF NOT EXISTS airlock_credentials (
  name TEXT PRIMARY KEY, provider TEXT NOT NULL, sealed TEXT NOT NULL, hint TEXT NOT NULL, created_at BIGINT NOT NULL);`;

/** Keys for a fleet: every replica reads the same table, so a revocation is seen everywhere at once. */
export class PgKeyStore implements KeyStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgKeyStore> {
    const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5000 });
    // Without a listener an idle-client error would crash the process.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      // Replicas starting together would race on CREATE TABLE; the advisory lock serialises them.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7417300501)');
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw e;
    }
    client.release();
    return new PgKeyStore(pool);
  }

  async insert(k: StoredKey): Promise<void> {
    const r = keyToRow(k);
    await this.pool.query(`INSERT INTO airlock_keys (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
      r.id, r.hash, r.prefix, r.name, r.user_name, r.team, r.role, r.meta, r.expires_at, r.revoked_at, r.created_at, r.created_by,
    ]);
  }

  async byHash(hash: string): Promise<StoredKey | undefined> {
    const r = await this.pool.query<KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE hash = $1`, [hash]);
    return r.rows[0] ? rowToKey(r.rows[0]) : undefined;
  }

  async byId(id: string): Promise<StoredKey | undefined> {
    const r = await this.pool.query<KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE id = $1`, [id]);
    return r.rows[0] ? rowToKey(r.rows[0]) : undefined;
  }

  async list(filter: { readonly user?: string } = {}): Promise<StoredKey[]> {
    const r =
      filter.user === undefined
        ? await this.pool.query<KeyRow>(`SELECT ${COLS} FROM airlock_keys ORDER BY created_at, id`)
        : await this.pool.query<KeyRow>(`SELECT ${COLS} FROM airlock_keys WHERE user_name = $1 ORDER BY created_at, id`, [filter.user]);
    return r.rows.map(rowToKey);
  }

  async setHash(id: string, hash: string, prefix: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE airlock_keys SET hash = $1, prefix = $2 WHERE id = $3', [hash, prefix, id]);
    return (r.rowCount ?? 0) > 0;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE airlock_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id]);
    return (r.rowCount ?? 0) > 0;
  }

  async putCredential(c: StoredCredential): Promise<void> {
    await this.pool.query(
      `INSERT INTO airlock_credentials (name, provider, sealed, hint, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET provider = EXCLUDED.provider, sealed = EXCLUDED.sealed, hint = EXCLUDED.hint, created_at = EXCLUDED.created_at`,
      [c.name, c.provider, c.sealed, c.hint, c.createdAt],
    );
  }

  async getCredential(name: string): Promise<StoredCredential | undefined> {
    const r = await this.pool.query<CredentialRow>('SELECT * FROM airlock_credentials WHERE name = $1', [name]);
    return r.rows[0] ? rowToCredential(r.rows[0]) : undefined;
  }

  async listCredentials(): Promise<StoredCredential[]> {
    const r = await this.pool.query<CredentialRow>('SELECT * FROM airlock_credentials ORDER BY name');
    return r.rows.map(rowToCredential);
  }

  async deleteCredential(name: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM airlock_credentials WHERE name = $1', [name]);
    return (r.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
