import type { AuditConfig } from './config.js';
import type { ExchangeRecord } from '../gateway/hooks.js';
import type { TelemetryConfig } from '../telemetry/config.js';
import type { Logger } from '../telemetry/log.js';
import { PriceTable } from '../limits/index.js';
import { createMetrics, type Metrics } from '../telemetry/metrics.js';
import { createTracer, type Tracer } from '../telemetry/traces.js';
import { costFromPrices } from './event.js';
import { openAuditTrail } from './open.js';
import type { AuditTrail, RecordInput } from './trail.js';

export interface Observability {
  readonly metrics: Metrics;
  /** Undefined when `audit.enabled: false`. */
  readonly trail?: AuditTrail;
  readonly tracer?: Tracer;
  /** The gateway's `hooks.record`: metrics, audit event, trace. Never throws. */
  record(rec: RecordInput): void;
  /** SIGTERM: drain the audit queue (spilling if the database is down), flush spans. */
  close(): Promise<void>;
}

/**
 * Everything that hangs off `hooks.record`, built from the config sections in one call, so the
 * serve command wires one function: `hooks.record = obs.record`.
 */
export async function openObservability(
  cfg: {
    readonly audit: AuditConfig;
    readonly telemetry: TelemetryConfig;
    readonly server: { readonly data_dir: string };
    readonly prices?: Readonly<Record<string, { readonly input: number; readonly output: number }>>;
  },
  options: { logger?: Logger; costOf?: (rec: ExchangeRecord) => number | undefined } = {},
): Promise<Observability> {
  // Cost from the same price table the budgets use (defaults plus `prices:` overrides).
  const opts = { ...options, costOf: options.costOf ?? costFromPrices(new PriceTable(cfg.prices ?? {})) };
  const metrics = createMetrics({ defaults: cfg.telemetry.metrics.process_metrics });
  const trail = cfg.audit.enabled
    ? await openAuditTrail(cfg.audit, cfg.server.data_dir, { metrics, logger: opts.logger, costOf: opts.costOf })
    : undefined;
  const t = cfg.telemetry.traces;
  const tracer = t.otlp_endpoint
    ? createTracer({ endpoint: t.otlp_endpoint, serviceName: t.service_name, headers: t.headers, logger: opts.logger })
    : undefined;
  const observeOnly = (rec: ExchangeRecord): void => {
    let cost = 0;
    try {
      cost = opts.costOf?.(rec) ?? 0;
    } catch {
      cost = 0;
    }
    metrics.observeExchange(rec, cost);
  };
  return {
    metrics,
    trail,
    tracer,
    record(rec) {
      try {
        // The trail feeds metrics itself (it knows the cost); without it, metrics still count.
        if (trail) trail.record(rec);
        else if (cfg.telemetry.metrics.enabled) observeOnly(rec);
        tracer?.record(rec);
      } catch {
        // The audit hook must never break a request.
      }
    },
    async close() {
      await Promise.allSettled([trail?.close(), tracer?.close()]);
    },
  };
}
