import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals pseudonym mappings for a shared store, so someone with only store access reads neither the
 * original values nor the ids they belong to. Keys come from the identity master key (HKDF, own
 * labels): every replica that shares AIRLOCK_MASTER_KEY can open what any other sealed.
 */
export class VaultSealer {
  private readonly encKey: Buffer;
  private readonly idKey: Buffer;

  constructor(master: Buffer) {
    const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    this.encKey = derive('airlock/pseudonym-vault/seal/v1');
    this.idKey = derive('airlock/pseudonym-vault/id/v1');
  }

  /**
   * The store slot for a request or answer id: a keyed hash, because an answer id is enough to
   * fetch that answer from the provider through the gateway.
   */
  slot(id: string): string {
    return createHmac('sha256', this.idKey).update(id).digest('base64url');
  }

  /** AES-256-GCM with the slot as associated data: a sealed value moved to another slot fails to open. */
  seal(slot: string, plaintext: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    c.setAAD(Buffer.from(slot, 'utf8'));
    const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  /** Throws when the value was tampered with, moved, or sealed under another master key. */
  open(slot: string, sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed vault entry has an unknown format');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    d.setAAD(Buffer.from(slot, 'utf8'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }
}
