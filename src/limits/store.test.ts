import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisService } from '../../test/helpers/services.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';
import { storeSuite } from './store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'airlock-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('memory', async () => new MemoryStore());
storeSuite('sqlite', async () => new SqliteStore(join(dir, 'suite.db')));

let redis: RedisService | undefined;
storeSuite(
  'redis',
  async () => {
    redis = await startRedis();
    return RedisStore.connect({ url: redis.url, prefix: 'suite:' });
  },
  async () => redis?.stop(),
);

describe('SqliteStore persistence', () => {
  it('keeps counters and strings across a reopen (restart)', async () => {
    const file = join(dir, 'restart.db');
    const a = new SqliteStore(file);
    await a.consume([{ key: 'rl:r:key:k1', by: 7, limit: 60, ttlMs: 60_000 }]);
    await a.set('note', 'kept');
    await a.close();
    const b = new SqliteStore(file);
    expect((await b.peek('rl:r:key:k1')).value).toBe(7);
    expect(await b.get('note')).toBe('kept');
    await b.close();
  });
});

describe('RedisStore when the server is gone', () => {
  it('fails the call instead of hanging', async () => {
    const svc = await startRedis();
    const s = await RedisStore.connect({ url: svc.url });
    await s.incr('x', 1, 1000);
    await svc.stop();
    await expect(s.consume([{ key: 'x', by: 1, limit: 5, ttlMs: 1000 }])).rejects.toThrow();
    await s.close();
  });
});
