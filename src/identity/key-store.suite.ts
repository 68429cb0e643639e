import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyStore } from './key-store.js';
import { KeyService } from './key-service.js';
import { deriveKeys } from './secret.js';

/** Key-store behaviour through KeyService, run against SQLite and a real PostgreSQL. */
export function keyStoreSuite(name: string, open: () => Promise<KeyStore>, teardown: () => Promise<void> = async () => undefined): void {
  describe(`KeyStore contract: ${name}`, () => {
    let svc: KeyService;
    let store: KeyStore;
    const master = deriveKeys(Buffer.alloc(32, 7));

    beforeAll(async () => {
      store = await open();
      svc = new KeyService(store, master);
    });
    afterAll(async () => {
      await svc.close();
      await teardown();
    });

    it('creates a key that verifies, and stores only its keyed hash', async () => {
      const { key, record } = await svc.create({ name: 'app', user: 'alice', team: 'ml', role: 'developer', rpm: 60, tpm: 1000, budget: '25usd/month', models: ['gpt-4o-mini'], maxTokens: 512 });
      expect(key).toMatch(/^alk_[0-9A-Za-z]{43}$/);
      const v = await svc.verify(key);
      expect(v).toMatchObject({ id: record.id, user: 'alice', team: 'ml', role: 'developer', rpm: 60, tpm: 1000, budgets: ['25usd/month'], models: ['gpt-4o-mini'], maxTokens: 512 });
      const stored = await store.byId(record.id);
      expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(key.slice(8));
      expect(v).not.toHaveProperty('hash');
    });

    it('rejects unknown, malformed and wrong-master keys', async () => {
      const { key } = await svc.create({ name: 'x' });
      expect(await svc.verify(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a'))).toBeUndefined();
      expect(await svc.verify('alk_short')).toBeUndefined();
      expect(await svc.verify('')).toBeUndefined();
      const other = new KeyService(store, deriveKeys(Buffer.alloc(32, 8)));
      expect(await other.verify(key)).toBeUndefined();
    });

    it('revocation stops a key at once', async () => {
      const { key, record } = await svc.create({ name: 'rev' });
      expect(await svc.verify(key)).toBeDefined();
      expect(await svc.revoke(record.id)).toBe(true);
      expect(await svc.verify(key)).toBeUndefined();
      expect((await svc.get(record.id))?.revokedAt).toBeGreaterThan(0);
      expect(await svc.revoke('key_missing')).toBe(false);
    });

    it('rotation issues a new secret for the same id and kills the old one', async () => {
      const { key, record } = await svc.create({ name: 'rot', rpm: 5 });
      const r = await svc.rotate(record.id);
      expect(r?.key).not.toBe(key);
      expect(r?.record.id).toBe(record.id);
      expect(await svc.verify(key)).toBeUndefined();
      expect((await svc.verify(r!.key))?.rpm).toBe(5);
      expect(await svc.rotate('key_missing')).toBeUndefined();
    });

    it('an expired key no longer verifies', async () => {
      let now = Date.now();
      const clocked = new KeyService(store, master, () => now);
      const { key } = await clocked.create({ name: 'exp', expires: '1h' });
      expect(await clocked.verify(key)).toBeDefined();
      now += 3_600_001;
      expect(await clocked.verify(key)).toBeUndefined();
    });

    it('with a verification cache, another process’s revocation shows once the entry ends', async () => {
      let now = Date.now();
      const cached = new KeyService(store, master, () => now, 1000);
      const { key, record } = await svc.create({ name: 'cached' });
      expect(await cached.verify(key)).toBeDefined();
      await svc.revoke(record.id);
      expect(await cached.verify(key)).toBeDefined();
      now += 1001;
      expect(await cached.verify(key)).toBeUndefined();
    });

    it('lists keys, filtered by user', async () => {
      await svc.create({ name: 'b1', user: 'bob' });
      await svc.create({ name: 'b2', user: 'bob' });
      const bobs = await svc.list({ user: 'bob' });
      expect(bobs.map((k) => k.name).sort()).toEqual(['b1', 'b2']);
      expect((await svc.list()).length).toBeGreaterThan(2);
    });

    it('refuses bad input with clear messages', async () => {
      await expect(svc.create({ name: '' })).rejects.toThrow(/name/);
      await expect(svc.create({ name: 'x', budget: '25 euros' })).rejects.toThrow(/budget/);
      await expect(svc.create({ name: 'x', rpm: -1 })).rejects.toThrow(/rpm/);
      await expect(svc.create({ name: 'x', expires: 'soon' })).rejects.toThrow(/expiry/);
    });

    it('seals provider credentials and never lists them in full', async () => {
      const secret = 'sk-proj-' + 'Z'.repeat(40) + 'tail';
      const view = await svc.putCredential('openai-main', 'openai', secret);
      expect(view.hint).toBe('sk-p…tail');
      const listed = JSON.stringify(await svc.listCredentials());
      expect(listed).not.toContain('Z'.repeat(10));
      const raw = await store.getCredential('openai-main');
      expect(raw?.sealed).not.toContain('Z'.repeat(10));
      expect(await svc.revealCredential('openai-main')).toBe(secret);
      expect(await svc.deleteCredential('openai-main')).toBe(true);
      expect(await svc.revealCredential('openai-main')).toBeUndefined();
    });
  });
}
