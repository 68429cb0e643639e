import { join } from 'node:path';
import type { Logger } from '../telemetry/log.js';
import type { AuditConfig } from './config.js';
import type { BuildOptions } from './event.js';
import { PostgresAuditStore } from './postgres.js';
import { parseBodyKey } from './seal.js';
import { SqliteAuditStore } from './sqlite.js';
import { AuditTrail, type AuditMetricsSink } from './trail.js';
import type { AuditStore } from './types.js';

export function createAuditStore(cfg: Pick<AuditConfig, 'store' | 'sqlite_path' | 'postgres_url'>, dataDir: string): AuditStore {
  if (cfg.store === 'postgres') {
    if (!cfg.postgres_url) throw new Error('audit.postgres_url is required when audit.store is postgres');
    return new PostgresAuditStore(cfg.postgres_url);
  }
  return new SqliteAuditStore(cfg.sqlite_path ?? join(dataDir, 'audit.db'));
}

/** Build and start the trail from the `audit:` config section. Call `close()` on SIGTERM. */
export async function openAuditTrail(
  cfg: AuditConfig,
  dataDir: string,
  extra: BuildOptions & { metrics?: AuditMetricsSink; logger?: Logger } = {},
): Promise<AuditTrail> {
  const trail = new AuditTrail({
    store: createAuditStore(cfg, dataDir),
    dataDir,
    queue: cfg.queue,
    retentionMs: cfg.retention,
    purgeIntervalMs: cfg.purge_interval,
    ...(cfg.hash_key ? { hashKey: cfg.hash_key } : {}),
    ...(cfg.bodies.enabled && cfg.bodies.key ? { bodyKey: parseBodyKey(cfg.bodies.key) } : {}),
    ...extra,
  });
  await trail.start();
  return trail;
}
