import { parseBudgets } from '../limits/index.js';
import { parseExpiry } from './duration.js';
import { publicKey, ROLES, type KeyRecord, type KeyStore, type Role, type StoredKey } from './key-store.js';
import { looksLikeVirtualKey, maskSecret, newVirtualKey, randomBase62, sameDigest, type MasterKeys } from './secret.js';

export interface CreateKeyInput {
  readonly name: string;
  readonly user?: string;
  readonly team?: string;
  readonly role?: Role;
  readonly rpm?: number;
  readonly tpm?: number;
  /** `25usd/month`, `5usd/day`, or several (array or comma-separated). */
  readonly budget?: string | readonly string[];
  readonly models?: readonly string[];
  readonly maxTokens?: number;
  /** Duration from now (`30d`) or ISO date. */
  readonly expires?: string;
  readonly createdBy?: string;
}

export interface CredentialView {
  readonly name: string;
  readonly provider: string;
  /** Masked: never the secret itself. */
  readonly hint: string;
  readonly createdAt: number;
}

export class InputError extends Error {}

const NAME = /^[\w.@:\- ]{1,128}$/u;

function checkPositiveInt(v: number | undefined, what: string): void {
  if (v !== undefined && (!Number.isInteger(v) || v <= 0)) throw new InputError(`${what} must be a positive integer`);
}

function prefixOf(key: string): string {
  return key.slice(0, 8);
}

/** Virtual keys and provider credentials over a KeyStore. Plain keys exist only in create/rotate results. */
export class KeyService {
  /** hash → live record, only when `cacheMs` > 0 (a remote key store on a hot path). */
  private readonly cache = new Map<string, { rec: KeyRecord; until: number }>();

  constructor(
    readonly store: KeyStore,
    private readonly master: MasterKeys,
    private readonly now: () => number = Date.now,
    /** How long a positive verification may be reused; 0 (default) = read the store every time. */
    private readonly cacheMs = 0,
  ) {}

  async create(input: CreateKeyInput): Promise<{ key: string; record: KeyRecord }> {
    if (!NAME.test(input.name ?? '')) throw new InputError('name is required: 1-128 letters, digits, spaces or . _ - @ :');
    for (const [v, what] of [[input.user, 'user'], [input.team, 'team']] as const) {
      if (v !== undefined && !NAME.test(v)) throw new InputError(`${what} must be 1-128 letters, digits, spaces or . _ - @ :`);
    }
    const role = input.role ?? 'user';
    if (!ROLES.includes(role)) throw new InputError(`role must be one of ${ROLES.join(', ')}`);
    checkPositiveInt(input.rpm, 'rpm');
    checkPositiveInt(input.tpm, 'tpm');
    checkPositiveInt(input.maxTokens, 'max_tokens');
    let budgets: string[];
    let expiresAt: number | undefined;
    try {
      budgets = parseBudgets(input.budget).map((b) => b.text);
      expiresAt = input.expires === undefined ? undefined : parseExpiry(input.expires, this.now());
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const models = input.models?.map((m) => m.trim()).filter((m) => m !== '');
    if (models && models.length === 0) throw new InputError('models must list at least one model when given');
    const key = newVirtualKey();
    const rec: StoredKey = {
      id: `key_${randomBase62(16)}`,
      hash: this.master.hashKey(key),
      prefix: prefixOf(key),
      name: input.name,
      ...(input.user !== undefined ? { user: input.user } : {}),
      ...(input.team !== undefined ? { team: input.team } : {}),
      role,
      ...(input.rpm !== undefined ? { rpm: input.rpm } : {}),
      ...(input.tpm !== undefined ? { tpm: input.tpm } : {}),
      budgets,
      ...(models ? { models } : {}),
      ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      createdAt: this.now(),
      ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
    };
    await this.store.insert(rec);
    return { key, record: publicKey(rec) };
  }

  /**
   * The record of a live key, or undefined (unknown, revoked or expired). Reads the store on every
   * call: a revocation made by any process is seen by the very next request.
   */
  async verify(plaintext: string): Promise<KeyRecord | undefined> {
    if (!looksLikeVirtualKey(plaintext)) return undefined;
    const hash = this.master.hashKey(plaintext);
    const t = this.now();
    const hit = this.cacheMs > 0 ? this.cache.get(hash) : undefined;
    if (hit && hit.until > t && (hit.rec.expiresAt === undefined || hit.rec.expiresAt > t)) return hit.rec;
    const rec = await this.store.byHash(hash);
    if (!rec || !sameDigest(rec.hash, hash)) return undefined;
    if (rec.revokedAt !== undefined) return undefined;
    if (rec.expiresAt !== undefined && rec.expiresAt <= t) return undefined;
    const pub = publicKey(rec);
    if (this.cacheMs > 0) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, { rec: pub, until: t + this.cacheMs });
    }
    return pub;
  }

  async get(id: string): Promise<KeyRecord | undefined> {
    const r = await this.store.byId(id);
    return r ? publicKey(r) : undefined;
  }

  async list(filter: { readonly user?: string } = {}): Promise<KeyRecord[]> {
    return (await this.store.list(filter)).map(publicKey);
  }

  async revoke(id: string): Promise<boolean> {
    this.forget(id);
    return this.store.revoke(id, this.now());
  }

  /** Other replicas see a revocation once their cache entry ends; this one at once. */
  private forget(id: string): void {
    for (const [h, e] of this.cache) if (e.rec.id === id) this.cache.delete(h);
  }

  /** A new secret for the same key id (limits and usage carry over); the old secret stops working at once. */
  async rotate(id: string): Promise<{ key: string; record: KeyRecord } | undefined> {
    const existing = await this.store.byId(id);
    if (!existing || existing.revokedAt !== undefined) return undefined;
    this.forget(id);
    const key = newVirtualKey();
    if (!(await this.store.setHash(id, this.master.hashKey(key), prefixOf(key)))) return undefined;
    const rec = await this.store.byId(id);
    return rec ? { key, record: publicKey(rec) } : undefined;
  }

  async putCredential(name: string, provider: string, secret: string): Promise<CredentialView> {
    if (!/^[\w.-]{1,64}$/.test(name)) throw new InputError('credential name must be 1-64 letters, digits or . _ -');
    if (!/^[\w.-]{1,32}$/.test(provider)) throw new InputError('provider must be 1-32 letters, digits or . _ -');
    if (typeof secret !== 'string' || secret.length < 8 || secret.length > 4096) throw new InputError('api_key must be 8-4096 characters');
    const c = { name, provider, sealed: this.master.seal(secret), hint: maskSecret(secret), createdAt: this.now() };
    await this.store.putCredential(c);
    return { name, provider, hint: c.hint, createdAt: c.createdAt };
  }

  async listCredentials(): Promise<CredentialView[]> {
    return (await this.store.listCredentials()).map(({ name, provider, hint, createdAt }) => ({ name, provider, hint, createdAt }));
  }

  /** The decrypted provider key, for the upstream layer only: never return it from an API. */
  async revealCredential(name: string): Promise<string | undefined> {
    const c = await this.store.getCredential(name);
    return c ? this.master.open(c.sealed) : undefined;
  }

  async deleteCredential(name: string): Promise<boolean> {
    return this.store.deleteCredential(name);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
