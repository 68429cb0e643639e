import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/root.js';
import { vaultConfigSchema, vaultRedisUrl } from './vault-config.js';

describe('vault config', () => {
  it('defaults to memory with a 1h TTL and is strict', () => {
    expect(vaultConfigSchema.parse({})).toEqual({ store: 'memory', ttl: 3_600_000 });
    expect(vaultConfigSchema.parse({ ttl: '10m' }).ttl).toBe(600_000);
    expect(vaultConfigSchema.safeParse({ ttl: 'soon' }).success).toBe(false);
    expect(vaultConfigSchema.safeParse({ ttl: 0 }).success).toBe(false);
    // A parsed config parses again to itself (the CLI applies its flags that way).
    expect(vaultConfigSchema.parse(vaultConfigSchema.parse({ ttl: '2h' }))).toEqual({ store: 'memory', ttl: 7_200_000 });
    expect(vaultConfigSchema.safeParse({ store: 'redis', extra: 1 }).success).toBe(false);
    expect(vaultConfigSchema.safeParse({ redis_url: 'http://x' }).success).toBe(false);
  });

  it('borrows the limits Redis URL, and refuses redis with no URL anywhere', () => {
    const limits = { store: 'redis', redis_url: 'redis://10.0.0.1:6379' };
    expect(vaultRedisUrl(vaultConfigSchema.parse({ store: 'redis' }), limits)).toBe('redis://10.0.0.1:6379');
    expect(vaultRedisUrl(vaultConfigSchema.parse({ store: 'redis', redis_url: 'redis://own:1' }), limits)).toBe('redis://own:1');
    expect(vaultRedisUrl(vaultConfigSchema.parse({ store: 'redis' }), { store: 'sqlite', redis_url: 'redis://x:1' })).toBeUndefined();
    const root = configSchema();
    expect(root.parse({ vault: { store: 'redis' }, limits: limits }).vault.store).toBe('redis');
    const bad = root.safeParse({ vault: { store: 'redis' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['vault', 'redis_url']);
    expect(root.parse({}).vault).toEqual({ store: 'memory', ttl: 3_600_000 });
  });
});
