import { describe, expect, it } from 'vitest';
import { VaultSealer } from './vault-seal.js';

describe('VaultSealer', () => {
  const master = Buffer.alloc(32, 3);

  it('round-trips with a fresh IV each time, under a slot that does not reveal the id', () => {
    const s = new VaultSealer(master);
    const slot = s.slot('resp_abc123');
    expect(slot).toBe(new VaultSealer(master).slot('resp_abc123'));
    expect(slot).not.toContain('resp_abc123');
    expect(slot).not.toBe(s.slot('resp_abc124'));
    expect(slot).not.toBe(new VaultSealer(Buffer.alloc(32, 4)).slot('resp_abc123'));
    const a = s.seal(slot, '{"e":[["<EMAIL_ADDRESS_1>","alice@example.com"]]}');
    expect(a).not.toBe(s.seal(slot, '{"e":[["<EMAIL_ADDRESS_1>","alice@example.com"]]}'));
    expect(a).not.toContain('alice');
    expect(Buffer.from(a.split('.')[3] ?? '', 'base64').toString('latin1')).not.toContain('alice');
    expect(s.open(slot, a)).toContain('alice@example.com');
  });

  it('refuses a tampered value, one moved to another slot, and one sealed under another master key', () => {
    const s = new VaultSealer(master);
    const slot = s.slot('req-1');
    const sealed = s.seal(slot, 'payload');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64');
    expect(() => s.open(slot, parts.join('.'))).toThrow();
    expect(() => s.open(s.slot('req-2'), sealed)).toThrow();
    expect(() => new VaultSealer(Buffer.alloc(32, 9)).open(slot, sealed)).toThrow();
    expect(() => s.open(slot, 'v2.x.y.z')).toThrow(/unknown format/);
  });
});
