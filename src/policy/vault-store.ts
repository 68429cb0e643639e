import { Counter, register, type Registry } from 'prom-client';
import { Redis } from 'ioredis';
import { vaultRedisUrl, type VaultConfig } from './vault-config.js';
import { VaultSealer } from './vault-seal.js';

/** Pseudonyms of one answered request, to keep for answers fetched later. */
export interface VaultRecord {
  readonly requestId: string;
  /** The provider's id of the answer (`resp_…`, `chatcmpl-…`), when it had one. */
  readonly answerId?: string;
  /** Who asked (virtual key, or trusted user): only the same caller gets the originals back. */
  readonly owner: string;
  /** Placeholder → original value. */
  readonly entries: ReadonlyMap<string, string>;
}

/**
 * Shared pseudonym mappings. Never throws: a store that fails logs and counts, and the answer then
 * passes with its placeholders (safe to show), never blocked.
 */
export interface VaultStore {
  readonly kind: 'redis';
  save(rec: VaultRecord): Promise<void>;
  /** The mapping saved under a request or answer id for this owner, or undefined. */
  load(id: string, owner: string): Promise<ReadonlyMap<string, string> | undefined>;
  close(): Promise<void>;
}

export interface VaultLogger {
  warn(obj: object, msg?: string): void;
}

function counter(name: string, help: string): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames: ['op'] });
}

const storeErrors = counter('airlock_vault_store_errors_total', 'Pseudonym vault store operations that failed (the answer passed un-restored).');

/** Expose the vault counters on the registry /metrics serves. */
export function registerVaultMetrics(registry: Registry): void {
  if (!registry.getSingleMetric('airlock_vault_store_errors_total')) registry.registerMetric(storeErrors);
}

interface Payload {
  readonly o: string;
  readonly e: readonly (readonly [string, string])[];
}

function isPayload(v: unknown): v is Payload {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as { o?: unknown; e?: unknown };
  return typeof p.o === 'string' && Array.isArray(p.e) && p.e.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string');
}

export interface RedisVaultOptions {
  readonly url: string;
  readonly master: Buffer;
  readonly ttlMs: number;
  readonly prefix?: string;
  readonly logger?: VaultLogger;
  /** A slow Redis delays an answer by at most this much before it passes un-restored. */
  readonly commandTimeoutMs?: number;
}

export class RedisVaultStore implements VaultStore {
  readonly kind = 'redis' as const;
  readonly redis: Redis;
  private readonly sealer: VaultSealer;
  private readonly prefix: string;

  private constructor(private readonly opts: RedisVaultOptions) {
    this.sealer = new VaultSealer(opts.master);
    this.prefix = `${opts.prefix ?? 'airlock:'}vault:`;
    this.redis = new Redis(opts.url, {
      // Fail fast while Redis is down: the answer passes un-restored instead of waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 100, 2000),
      lazyConnect: true,
    });
    // Failures surface through the commands (logged and counted there).
    this.redis.on('error', () => undefined);
  }

  static async connect(opts: RedisVaultOptions): Promise<RedisVaultStore> {
    const s = new RedisVaultStore(opts);
    await s.redis.connect().catch(() => undefined);
    return s;
  }

  private fail(op: string, requestId: string | undefined, err: unknown): void {
    storeErrors.inc({ op });
    // Only the error's message: never ids' mappings or values.
    this.opts.logger?.warn({ op, ...(requestId ? { requestId } : {}), err: err instanceof Error ? err.message.slice(0, 200) : 'unknown' }, 'pseudonym vault store failed; the answer passes un-restored');
  }

  async save(rec: VaultRecord): Promise<void> {
    if (rec.entries.size === 0) return;
    try {
      const payload = JSON.stringify({ o: rec.owner, e: [...rec.entries] } satisfies Payload);
      const m = this.redis.multi();
      for (const id of new Set([rec.requestId, ...(rec.answerId ? [rec.answerId] : [])])) {
        const slot = this.sealer.slot(id);
        m.set(this.prefix + slot, this.sealer.seal(slot, payload), 'PX', Math.max(1, Math.ceil(this.opts.ttlMs)));
      }
      const res = await m.exec();
      const failed = res?.find(([err]) => err !== null);
      if (!res || failed) throw failed?.[0] ?? new Error('transaction aborted');
    } catch (err) {
      this.fail('save', rec.requestId, err);
    }
  }

  async load(id: string, owner: string): Promise<ReadonlyMap<string, string> | undefined> {
    const slot = this.sealer.slot(id);
    let sealed: string | null;
    try {
      sealed = await this.redis.get(this.prefix + slot);
    } catch (err) {
      this.fail('load', undefined, err);
      return undefined;
    }
    if (sealed === null) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(this.sealer.open(slot, sealed));
    } catch (err) {
      // Tampered with, or sealed under another master key (replicas must share AIRLOCK_MASTER_KEY).
      this.fail('open', undefined, err);
      return undefined;
    }
    if (!isPayload(payload)) {
      this.fail('open', undefined, new Error('sealed vault entry has an unexpected shape'));
      return undefined;
    }
    if (payload.o !== owner) {
      // Another caller's answer: its placeholders stay (they reveal nothing).
      this.opts.logger?.warn({ op: 'load' }, 'pseudonym vault entry belongs to another caller; not restored');
      return undefined;
    }
    return new Map(payload.e);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The vault store the config asks for, or undefined for `memory` (mappings then live only for the
 * request). `master` is the identity master key; `prefix` the limits store's Redis prefix.
 */
export async function openVaultStore(
  cfg: { readonly vault: VaultConfig; readonly limits: { readonly store: string; readonly redis_url?: string | undefined; readonly redis_prefix?: string } },
  opts: { readonly master: Buffer; readonly logger?: VaultLogger },
): Promise<VaultStore | undefined> {
  if (cfg.vault.store === 'memory') return undefined;
  const url = vaultRedisUrl(cfg.vault, cfg.limits);
  if (!url) throw new Error('vault.store is redis but neither vault.redis_url nor limits.redis_url (with limits.store: redis) is set');
  return RedisVaultStore.connect({ url, master: opts.master, ttlMs: cfg.vault.ttl, ...(cfg.limits.redis_prefix ? { prefix: cfg.limits.redis_prefix } : {}), ...(opts.logger ? { logger: opts.logger } : {}) });
}
