import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The master key protects everything at rest: virtual keys are stored as HMAC-SHA256 under a key
 * derived from it, provider credentials are sealed with AES-256-GCM under another. Replicas that
 * share a key database must share the master key (env AIRLOCK_MASTER_KEY).
 */
export interface MasterKeys {
  /** Keyed hash of a virtual key (hex). */
  hashKey(plaintext: string): string;
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export const MASTER_KEY_FILE = 'master.key';

/** Accepts 64 hex chars, base64 of 32 bytes, or any string of at least 32 characters. */
export function parseMasterKey(raw: string): Buffer {
  const s = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s, 'base64');
    if (b.length === 32) return b;
  }
  if (s.length >= 32) return Buffer.from(s, 'utf8');
  throw new Error('AIRLOCK_MASTER_KEY must be 32 random bytes as 64 hex characters or base64, or a passphrase of at least 32 characters');
}

/**
 * Master key from (in order) env AIRLOCK_MASTER_KEY, an explicit file, or `<dataDir>/master.key`
 * which is created (0600) on first use.
 */
export function loadMasterKey(opts: { dataDir: string; file?: string; env?: NodeJS.ProcessEnv }): Buffer {
  const env = opts.env ?? process.env;
  const fromEnv = env.AIRLOCK_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return parseMasterKey(fromEnv);
  if (opts.file) return parseMasterKey(readFileSync(opts.file, 'utf8'));
  const file = join(opts.dataDir, MASTER_KEY_FILE);
  mkdirSync(opts.dataDir, { recursive: true });
  try {
    // `wx`: when the CLI and a gateway start together, exactly one creates the key, the other reads it.
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return parseMasterKey(readFileSync(file, 'utf8'));
}

export function deriveKeys(master: Buffer): MasterKeys {
  const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const hmacKey = derive('airlock/virtual-key-hash/v1');
  const encKey = derive('airlock/provider-credentials/v1');
  return {
    hashKey: (plaintext) => createHmac('sha256', hmacKey).update(plaintext).digest('hex'),
    seal(plaintext) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed credential has an unknown format');
      const d = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    },
  };
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniform base62 string (rejection sampling: no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248) out += BASE62[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `alk_` + 43 base62 characters ≈ 256 bits of entropy. */
export function newVirtualKey(): string {
  return `alk_${randomBase62(43)}`;
}

export function looksLikeVirtualKey(s: string): boolean {
  return /^alk_[0-9A-Za-z]{43}$/.test(s);
}

/** Masked form for lists and logs: never more than the first 4 and last 4 characters. */
export function maskSecret(s: string): string {
  if (s.length <= 12) return '****';
  return `${s.slice(0, 4)}…${s.slice(-4)}`;
}
