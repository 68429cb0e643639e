export { auditConfigSchema, parseDuration, type AuditConfig } from './config.js';
export { buildEvent, costFromPrices, scrubText, type PriceSource } from './event.js';
export { AuditTrail, type AuditHealth, type AuditMetricsSink, type AuditTrailOptions, type RecordInput } from './trail.js';
export { parseBodyKey, type AuditBodies, type Sealed } from './seal.js';
export { SqliteAuditStore } from './sqlite.js';
export { PostgresAuditStore } from './postgres.js';
export { createAuditStore, openAuditTrail } from './open.js';
export { openObservability, type Observability } from './runtime.js';
export type * from './types.js';
