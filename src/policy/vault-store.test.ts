import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedis, type RedisService } from '../../test/helpers/services.js';
import { vaultConfigSchema } from './vault-config.js';
import { VaultSealer } from './vault-seal.js';
import { RedisVaultStore, openVaultStore, type VaultStore } from './vault-store.js';

const master = Buffer.alloc(32, 5);
const entries = new Map([['<EMAIL_ADDRESS_1>', 'alice@example.com']]);
let redis: RedisService;
let store: RedisVaultStore;
const warnings: object[] = [];
const logger = { warn: (o: object) => void warnings.push(o) };

async function errors(op: string): Promise<number> {
  const m = await register.getSingleMetric('airlock_vault_store_errors_total')?.get();
  return m?.values.find((v) => v.labels.op === op)?.value ?? 0;
}

beforeAll(async () => {
  redis = await startRedis();
  store = await RedisVaultStore.connect({ url: redis.url, master, ttlMs: 60_000, prefix: 'test:', logger });
});

afterAll(async () => {
  await store?.close();
  await redis?.stop();
});

describe('RedisVaultStore', () => {
  it('keeps a mapping under the request id and the answer id, sealed, with the TTL', async () => {
    await store.save({ requestId: 'req-1', answerId: 'resp_1', owner: 'key:k1', entries });
    expect(await store.load('resp_1', 'key:k1')).toEqual(entries);
    expect(await store.load('req-1', 'key:k1')).toEqual(entries);
    expect(await store.load('resp_2', 'key:k1')).toBeUndefined();
    const keys = await store.redis.keys('*');
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      expect(k.startsWith('test:vault:')).toBe(true);
      expect(k).not.toMatch(/resp_1|req-1/);
      const v = (await store.redis.get(k)) ?? '';
      expect(v).not.toMatch(/alice|example\.com|EMAIL|key:k1/);
      const ttl = await store.redis.pttl(k);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('gives the originals only to the caller who sent them', async () => {
    await store.save({ requestId: 'req-2', answerId: 'resp_owner', owner: 'user:alice', entries });
    expect(await store.load('resp_owner', 'user:bob')).toBeUndefined();
    expect(await store.load('resp_owner', 'user:alice')).toEqual(entries);
  });

  it('does not open a value sealed under another master key or moved to another id', async () => {
    const other = await RedisVaultStore.connect({ url: redis.url, master: Buffer.alloc(32, 6), ttlMs: 60_000, prefix: 'test:', logger });
    try {
      await store.save({ requestId: 'req-3', answerId: 'resp_3', owner: 'key:k1', entries: new Map([['<EMAIL_ADDRESS_1>', 'mallory@example.com']]) });
      // Another master key looks in other slots: nothing to find, nothing to open.
      expect(await other.load('resp_3', 'key:k1')).toBeUndefined();
      // Someone with write access copies resp_3's sealed value over resp_1's: refused, not restored.
      const sealer = new VaultSealer(master);
      const from = `test:vault:${sealer.slot('resp_3')}`;
      const to = `test:vault:${sealer.slot('resp_1')}`;
      await store.redis.set(to, (await store.redis.get(from)) ?? '');
      const before = await errors('open');
      expect(await store.load('resp_1', 'key:k1')).toBeUndefined();
      expect(await errors('open')).toBe(before + 1);
      expect(await store.load('resp_3', 'key:k1')).toEqual(new Map([['<EMAIL_ADDRESS_1>', 'mallory@example.com']]));
    } finally {
      await other.close();
    }
    expect(JSON.stringify(warnings)).not.toMatch(/alice|mallory|example\.com/);
  });

  it('never throws while Redis is unreachable: logs and counts instead', async () => {
    const down = await RedisVaultStore.connect({ url: `redis://127.0.0.1:${await freePort()}`, master, ttlMs: 1000, logger, commandTimeoutMs: 200 });
    try {
      const [saves, loads] = [await errors('save'), await errors('load')];
      await expect(down.save({ requestId: 'r', answerId: 'a', owner: 'anonymous', entries })).resolves.toBeUndefined();
      await expect(down.load('a', 'anonymous')).resolves.toBeUndefined();
      expect(await errors('save')).toBe(saves + 1);
      expect(await errors('load')).toBe(loads + 1);
      expect(JSON.stringify(warnings)).not.toMatch(/alice|example\.com/);
    } finally {
      await down.close();
    }
  });
});

describe('openVaultStore', () => {
  it('opens nothing for memory and a Redis store (on the limits URL and prefix) for redis', async () => {
    const limits = { store: 'redis', redis_url: redis.url, redis_prefix: 'lim:' };
    expect(await openVaultStore({ vault: vaultConfigSchema.parse({}), limits }, { master })).toBeUndefined();
    const s: VaultStore | undefined = await openVaultStore({ vault: vaultConfigSchema.parse({ store: 'redis', ttl: '2m' }), limits }, { master });
    try {
      expect(s?.kind).toBe('redis');
      await s?.save({ requestId: 'req-lim', owner: 'anonymous', entries });
      const keys = await store.redis.keys('lim:vault:*');
      expect(keys).toHaveLength(1);
      expect(await store.redis.pttl(keys[0] ?? '')).toBeGreaterThan(100_000);
      expect(await s?.load('req-lim', 'anonymous')).toEqual(entries);
    } finally {
      await s?.close();
    }
  });
});
