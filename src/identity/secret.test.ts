import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeys, loadMasterKey, newVirtualKey, parseMasterKey } from './secret.js';

describe('master key', () => {
  it('is created once in the data dir (0600) and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-mk-'));
    try {
      const a = loadMasterKey({ dataDir: dir, env: {} });
      const b = loadMasterKey({ dataDir: dir, env: {} });
      expect(a.equals(b)).toBe(true);
      expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('comes from AIRLOCK_MASTER_KEY when set, and a weak one is refused', () => {
    const hex = 'ab'.repeat(32);
    expect(loadMasterKey({ dataDir: '/nonexistent', env: { AIRLOCK_MASTER_KEY: hex } }).toString('hex')).toBe(hex);
    expect(() => parseMasterKey('short')).toThrow(/AIRLOCK_MASTER_KEY/);
  });

  it('seals with AES-256-GCM: fresh IV each time, tampering detected', () => {
    const k = deriveKeys(Buffer.alloc(32, 1));
    const a = k.seal('sk-secret-value');
    expect(a).not.toBe(k.seal('sk-secret-value'));
    expect(k.open(a)).toBe('sk-secret-value');
    const parts = a.split('.');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => k.open(parts.join('.'))).toThrow();
    expect(() => deriveKeys(Buffer.alloc(32, 2)).open(a)).toThrow();
  });

  it('virtual keys are alk_ + 43 base62 characters and distinct', () => {
    const keys = new Set(Array.from({ length: 200 }, newVirtualKey));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^alk_[0-9A-Za-z]{43}$/);
  });
});
