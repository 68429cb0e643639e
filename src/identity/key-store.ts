/** Records of virtual keys and sealed provider credentials, and the store both backends implement. */

export const ROLES = ['user', 'developer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface KeyLimits {
  readonly rpm?: number;
  readonly tpm?: number;
  /** Normalised budget strings, e.g. `25usd/month`. */
  readonly budgets: readonly string[];
  /** Allow-list of models; undefined = any. */
  readonly models?: readonly string[];
  readonly maxTokens?: number;
}

/** What may be shown about a key: everything except its hash. */
export interface KeyRecord extends KeyLimits {
  readonly id: string;
  readonly name: string;
  /** First characters of the key (`alk_AbCd`), enough to recognise it, never enough to use it. */
  readonly prefix: string;
  readonly user?: string;
  readonly team?: string;
  readonly role: Role;
  readonly expiresAt?: number;
  readonly revokedAt?: number;
  readonly createdAt: number;
  /** Key id of whoever created it (admin API), or `cli`. */
  readonly createdBy?: string;
}

export interface StoredKey extends KeyRecord {
  /** HMAC-SHA256 hex of the key under the master key. */
  readonly hash: string;
}

export interface StoredCredential {
  readonly name: string;
  readonly provider: string;
  /** AES-256-GCM sealed secret. */
  readonly sealed: string;
  /** Masked preview (`sk-p…9xYz`). */
  readonly hint: string;
  readonly createdAt: number;
}

export interface KeyStore {
  readonly kind: 'sqlite' | 'postgres';
  insert(key: StoredKey): Promise<void>;
  byHash(hash: string): Promise<StoredKey | undefined>;
  byId(id: string): Promise<StoredKey | undefined>;
  list(filter?: { readonly user?: string }): Promise<StoredKey[]>;
  /** Replace the hash (rotation); false when the id is unknown. */
  setHash(id: string, hash: string, prefix: string): Promise<boolean>;
  /** Mark revoked; false when the id is unknown. */
  revoke(id: string, at: number): Promise<boolean>;
  putCredential(c: StoredCredential): Promise<void>;
  getCredential(name: string): Promise<StoredCredential | undefined>;
  listCredentials(): Promise<StoredCredential[]>;
  deleteCredential(name: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Columns shared by the SQLite and PostgreSQL tables. */
export interface KeyRow {
  id: string;
  hash: string;
  prefix: string;
  name: string;
  user_name: string | null;
  team: string | null;
  role: string;
  meta: string;
  expires_at: number | string | null;
  revoked_at: number | string | null;
  created_at: number | string;
  created_by: string | null;
}

export interface CredentialRow {
  name: string;
  provider: string;
  sealed: string;
  hint: string;
  created_at: number | string;
}

const num = (v: number | string | null): number | undefined => (v === null ? undefined : Number(v));

function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function keyToRow(k: StoredKey): KeyRow {
  const meta: KeyLimits = { rpm: k.rpm, tpm: k.tpm, budgets: k.budgets, models: k.models, maxTokens: k.maxTokens };
  return {
    id: k.id,
    hash: k.hash,
    prefix: k.prefix,
    name: k.name,
    user_name: k.user ?? null,
    team: k.team ?? null,
    role: k.role,
    meta: JSON.stringify(meta),
    expires_at: k.expiresAt ?? null,
    revoked_at: k.revokedAt ?? null,
    created_at: k.createdAt,
    created_by: k.createdBy ?? null,
  };
}

export function rowToKey(r: KeyRow): StoredKey {
  const meta = JSON.parse(r.meta) as Partial<KeyLimits>;
  // A row with an unknown role grants nothing beyond calling models.
  const role: Role = isRole(r.role) ? r.role : 'user';
  return {
    id: r.id,
    hash: r.hash,
    prefix: r.prefix,
    name: r.name,
    ...(r.user_name !== null ? { user: r.user_name } : {}),
    ...(r.team !== null ? { team: r.team } : {}),
    role,
    ...(meta.rpm !== undefined ? { rpm: meta.rpm } : {}),
    ...(meta.tpm !== undefined ? { tpm: meta.tpm } : {}),
    budgets: meta.budgets ?? [],
    ...(meta.models !== undefined ? { models: meta.models } : {}),
    ...(meta.maxTokens !== undefined ? { maxTokens: meta.maxTokens } : {}),
    ...(r.expires_at !== null ? { expiresAt: num(r.expires_at) } : {}),
    ...(r.revoked_at !== null ? { revokedAt: num(r.revoked_at) } : {}),
    createdAt: Number(r.created_at),
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
  };
}

export function rowToCredential(r: CredentialRow): StoredCredential {
  return { name: r.name, provider: r.provider, sealed: r.sealed, hint: r.hint, createdAt: Number(r.created_at) };
}

/** Drops the hash: the shape every API and CLI output uses. */
export function publicKey(k: StoredKey): KeyRecord {
  const { hash: _hash, ...rest } = k;
  return rest;
}

/** The key table's columns, in the order both stores select and insert them. */
export const KEY_COLUMNS = 'id, hash, prefix, name, user_name, team, role, meta, expires_at, revoked_at, created_at, created_by';
