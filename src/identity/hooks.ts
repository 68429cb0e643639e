import type { IncomingHttpHeaders } from 'node:http';
import type { Registry } from 'prom-client';
import { AirlockError } from '../errors.js';
import type { Admission, Identity, RequestInfo } from '../gateway/hooks.js';
import {
  Limiter,
  PriceTable,
  dataDbPath,
  limitsConfigSchema,
  countStoreError,
  openStore,
  pricesConfigSchema,
  registerLimitsMetrics,
  type Store,
} from '../limits/index.js';
import { identityConfigSchema } from './config.js';
import { KeyService } from './key-service.js';
import type { KeyRecord, KeyStore } from './key-store.js';
import { PgKeyStore } from './pg-key-store.js';
import { deriveKeys, loadMasterKey } from './secret.js';
import { SqliteKeyStore } from './sqlite-key-store.js';

export interface AccessLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export interface AccessHooksOptions {
  /** The root config (or any object with its `identity`, `limits`, `prices` sections). */
  readonly config: { readonly identity?: unknown; readonly limits?: unknown; readonly prices?: unknown };
  readonly dataDir: string;
  readonly logger?: AccessLogger;
  readonly env?: NodeJS.ProcessEnv;
  /** The registry /metrics serves: the limits counters (store errors, refusals) are added to it. */
  readonly registry?: Registry;
}

export interface AccessHooks {
  authenticate(headers: IncomingHttpHeaders, mode: 'trusted' | 'virtual_key'): Promise<Identity>;
  admit(info: RequestInfo): Promise<Admission>;
  /** For the admin server: the identity behind `Authorization: Bearer alk_…`, or undefined. */
  authenticateAdmin(authorization: string | undefined): Promise<Identity | undefined>;
  readonly keys: KeyService;
  /** The limiter in force (replaced by reconfigure). */
  readonly limiter: Limiter;
  /**
   * Apply a reloaded config's limits and prices to new requests. A change of store (kind, URL) or
   * of the key store needs a restart: it is reported in the result and the old store keeps serving.
   */
  reconfigure(config: AccessHooksOptions['config']): { applied: boolean; restartNeeded: string[] };
  /** The KeyRecord behind an identity returned by authenticate / authenticateAdmin. */
  recordOf(identity: Identity): KeyRecord | undefined;
  close(): Promise<void>;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The Airlock key from whichever header the client's SDK uses (OpenAI, Anthropic, Azure). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = header(headers, 'authorization');
  const bearer = auth && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  for (const v of [bearer, header(headers, 'x-api-key'), header(headers, 'api-key')]) {
    if (v && v.startsWith('alk_')) return v.trim();
  }
  return undefined;
}

import { modelAllowed } from '../gateway/models.js';

export { modelAllowed };

function identityOf(rec: KeyRecord): Identity {
  return {
    keyId: rec.id,
    keyName: rec.name,
    ...(rec.user !== undefined ? { user: rec.user } : {}),
    ...(rec.team !== undefined ? { team: rec.team } : {}),
    role: rec.role,
    ...(rec.models ? { models: rec.models } : {}),
    ...(rec.maxTokens !== undefined ? { maxTokensCap: rec.maxTokens } : {}),
  };
}

export async function openKeyStore(config: AccessHooksOptions['config'], dataDir: string): Promise<KeyStore> {
  const cfg = identityConfigSchema.parse(config.identity ?? {});
  if (cfg.store === 'postgres') return PgKeyStore.connect(cfg.postgres_url ?? '');
  return new SqliteKeyStore(dataDbPath(dataDir));
}

/** Opens the key service over the configured key store and master key (used by the CLI too). */
export async function openKeyService(opts: Pick<AccessHooksOptions, 'config' | 'dataDir' | 'env'>): Promise<KeyService> {
  const cfg = identityConfigSchema.parse(opts.config.identity ?? {});
  const env = opts.env ?? process.env;
  // Each replica would otherwise mint its own master.key and reject every key the others issued.
  if (cfg.store === 'postgres' && !env.AIRLOCK_MASTER_KEY && !cfg.master_key_file) {
    throw new Error('identity.store: postgres is shared by several processes: set AIRLOCK_MASTER_KEY (or identity.master_key_file) to the same master key on every one');
  }
  const master = deriveKeys(loadMasterKey({ dataDir: opts.dataDir, file: cfg.master_key_file, env: opts.env }));
  return new KeyService(await openKeyStore(opts.config, opts.dataDir), master, Date.now, cfg.verify_cache_ms);
}

/** Implements GatewayHooks.authenticate/admit over virtual keys, limits and budgets. */
export async function createAccessHooks(opts: AccessHooksOptions): Promise<AccessHooks> {
  const idCfg = identityConfigSchema.parse(opts.config.identity ?? {});
  const limitsCfg = limitsConfigSchema.parse(opts.config.limits ?? {});
  const prices = new PriceTable(pricesConfigSchema.parse(opts.config.prices ?? {}));
  const keys = await openKeyService(opts);
  let store: Store;
  try {
    store = await openStore(limitsCfg, opts.dataDir);
  } catch (e) {
    await keys.close();
    throw e;
  }
  let limitsInForce = limitsCfg;
  let limiter = new Limiter(store, limitsCfg, prices, { logger: opts.logger });
  if (opts.registry) registerLimitsMetrics(opts.registry);
  opts.logger?.info({ keys: keys.store.kind, limits: store.kind, on_store_error: limitsCfg.on_store_error }, 'identity and limits stores open');
  // Identities are handed to the gateway and come back in admit(); the record carries the key's limits.
  const records = new WeakMap<Identity, KeyRecord>();

  const verify = async (token: string): Promise<KeyRecord | undefined> => {
    try {
      return await keys.verify(token);
    } catch (e) {
      countStoreError('verify_key');
      opts.logger?.warn({ err: (e as Error).message, store: keys.store.kind }, 'key store error');
      throw new AirlockError('AIRLOCK_ERR_STORE_UNAVAILABLE', { message: 'The key store is unavailable; retry later.', headers: { 'Retry-After': '1' } });
    }
  };
  const fromRecord = (rec: KeyRecord): Identity => {
    const id = identityOf(rec);
    records.set(id, rec);
    return id;
  };

  return {
    keys,
    get limiter() {
      return limiter;
    },
    reconfigure(config) {
      const nextLimits = limitsConfigSchema.parse(config.limits ?? {});
      const nextId = identityConfigSchema.parse(config.identity ?? {});
      const restartNeeded: string[] = [];
      if (nextLimits.store !== limitsInForce.store || nextLimits.redis_url !== limitsInForce.redis_url || nextLimits.redis_prefix !== limitsInForce.redis_prefix) {
        restartNeeded.push('limits.store');
      }
      if (nextId.store !== idCfg.store || nextId.postgres_url !== idCfg.postgres_url || nextId.master_key_file !== idCfg.master_key_file) restartNeeded.push('identity');
      const usable = { ...nextLimits, store: limitsInForce.store, redis_url: limitsInForce.redis_url, redis_prefix: limitsInForce.redis_prefix };
      limiter = new Limiter(store, usable, new PriceTable(pricesConfigSchema.parse(config.prices ?? {})), { logger: opts.logger });
      limitsInForce = usable;
      if (restartNeeded.length > 0) opts.logger?.warn({ sections: restartNeeded }, 'store settings changed: restart to apply them; limits and prices were reloaded');
      return { applied: true, restartNeeded };
    },
    recordOf: (identity) => records.get(identity),
    async authenticate(headers, mode) {
      const token = presentedKey(headers);
      if (token !== undefined) {
        const rec = await verify(token);
        if (!rec) throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', { message: 'The Airlock virtual key is invalid, revoked or expired.' });
        return fromRecord(rec);
      }
      if (mode === 'virtual_key') {
        throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', { message: 'A valid Airlock virtual key is required: send it as Authorization: Bearer alk_….' });
      }
      const user = header(headers, idCfg.trusted_user_header);
      const team = header(headers, idCfg.trusted_team_header);
      return { role: 'anonymous', ...(user ? { user } : {}), ...(team ? { team } : {}) };
    },
    async authenticateAdmin(authorization) {
      const m = authorization ? /^Bearer\s+(alk_\S+)\s*$/i.exec(authorization) : null;
      if (!m) return undefined;
      const rec = await verify(m[1]!);
      return rec ? fromRecord(rec) : undefined;
    },
    async admit(info) {
      const idn = info.identity;
      // The gateway already refused model calls outside the list; this covers other callers of admit.
      if (info.model !== undefined && !modelAllowed(idn.models, info.model)) {
        throw new AirlockError('AIRLOCK_ERR_MODEL_NOT_ALLOWED', {
          message: `This key may not use this model; allowed: ${(idn.models ?? []).join(', ')}.`,
          param: 'model',
        });
      }
      const rec = records.get(idn);
      return limiter.admit(
        {
          ...(idn.keyId !== undefined ? { keyId: idn.keyId } : {}),
          ...(idn.user !== undefined ? { user: idn.user } : {}),
          ...(idn.team !== undefined ? { team: idn.team } : {}),
          route: info.route,
          ...(info.model !== undefined ? { model: info.model } : {}),
          ...(rec ? { key: { rpm: rec.rpm, tpm: rec.tpm, budgets: rec.budgets } } : {}),
        },
        () => info.estimatedTokens,
      );
    },
    async close() {
      await Promise.allSettled([keys.close(), store.close()]);
    },
  };
}
