import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startPostgres, type PostgresService } from '../../test/helpers/services.js';
import { keyStoreSuite } from './key-store.suite.js';
import { PgKeyStore } from './pg-key-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';

const dir = mkdtempSync(join(tmpdir(), 'airlock-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

keyStoreSuite('sqlite', async () => new SqliteKeyStore(join(dir, 'airlock.db')));

let pg: PostgresService | undefined;
keyStoreSuite(
  'postgres',
  async () => {
    pg = await startPostgres();
    return PgKeyStore.connect(pg.url);
  },
  async () => pg?.stop(),
);
