import { join } from 'node:path';
import type { LimitsConfig } from './config.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export type { ConsumeResult, CounterSpec, CounterState, Store } from './store.js';
export { MemoryStore } from './memory-store.js';
export { SqliteStore, openSqlite } from './sqlite-store.js';
export { RedisStore } from './redis-store.js';
export { Limiter, type LimitAdmission, type Subject, type UsageReport, type PeriodUsage, type Scope } from './limiter.js';
export { PriceTable, DEFAULT_PRICES, type ModelPrice } from './prices.js';
export { parseBudget, parseBudgets, periodWindow, formatUsd, type Budget, type BudgetPeriod } from './budget.js';
export { registerLimitsMetrics, countStoreError } from './metrics.js';
export { limitsConfigSchema, limitSpecSchema, pricesConfigSchema, type LimitsConfig, type LimitSpec, type PricesConfig } from './config.js';

/** The embedded database every state-touching command and `serve` share. */
export function dataDbPath(dataDir: string): string {
  return join(dataDir, 'airlock.db');
}

/** The store `limits.store` names: SQLite in the data dir by default. */
export async function openStore(cfg: LimitsConfig, dataDir: string): Promise<Store> {
  switch (cfg.store) {
    case 'memory':
      return new MemoryStore();
    case 'redis':
      if (!cfg.redis_url) throw new Error('limits.store is redis but limits.redis_url is not set');
      return RedisStore.connect({ url: cfg.redis_url, prefix: cfg.redis_prefix });
    case 'sqlite':
      return new SqliteStore(dataDbPath(dataDir));
  }
}
