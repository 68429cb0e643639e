import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ExchangeRecord } from '../gateway/hooks.js';
import type { AuditMetricsSink } from '../audit/trail.js';

/**
 * Prometheus metrics. Labels carry only bounded, non-secret values: route/upstream names from the
 * config, verdicts, detector families and entity types. Model names come from clients, so they
 * are checked and capped (a client could otherwise put a card number in `model`).
 */
const MAX_MODELS = 64;
const SAFE_LABEL = /^[A-Za-z0-9._:/-]{1,64}$/;
const DIGIT_RUN = /\d{6,}/;

export interface Metrics extends AuditMetricsSink {
  readonly registry: Registry;
  /** Counters a limits store can bump when it fails (fail-closed 503s). */
  readonly limitRejections: Counter<'reason'>;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(opts: { registry?: Registry; defaults?: boolean } = {}): Metrics {
  const registry = opts.registry ?? new Registry();
  if (opts.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'airlock_' });
  const reg = [registry];
  const requests = new Counter({
    name: 'airlock_requests_total',
    help: 'Requests handled by the gateway, by route, verdict and status class.',
    labelNames: ['route', 'verdict', 'status'] as const,
    registers: reg,
  });
  const findings = new Counter({
    name: 'airlock_findings_total',
    help: 'Detector findings, by detector, entity type and action.',
    labelNames: ['detector', 'type', 'action'] as const,
    registers: reg,
  });
  const verdicts = new Counter({
    name: 'airlock_blocks_total',
    help: 'Blocked requests by the detector that asked for the block and the stage.',
    labelNames: ['detector', 'stage'] as const,
    registers: reg,
  });
  const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  const guard = new Histogram({
    name: 'airlock_guard_duration_seconds',
    help: 'Time spent in guards per request: cheap detectors and the LLM judge.',
    labelNames: ['guard'] as const,
    buckets,
    registers: reg,
  });
  const upstream = new Histogram({
    name: 'airlock_upstream_duration_seconds',
    help: 'Upstream time per request.',
    labelNames: ['upstream'] as const,
    buckets,
    registers: reg,
  });
  const total = new Histogram({
    name: 'airlock_request_duration_seconds',
    help: 'Total gateway time per request.',
    labelNames: ['route'] as const,
    buckets,
    registers: reg,
  });
  const tokens = new Counter({
    name: 'airlock_tokens_total',
    help: 'Tokens by kind (prompt, completion) and model.',
    labelNames: ['kind', 'model'] as const,
    registers: reg,
  });
  const cost = new Counter({ name: 'airlock_cost_usd_total', help: 'Cost in USD by model.', labelNames: ['model'] as const, registers: reg });
  const queue = new Gauge({ name: 'airlock_audit_queue_depth', help: 'Audit events waiting in memory.', registers: reg });
  const storeErrors = new Counter({
    name: 'airlock_audit_store_errors_total',
    help: 'Audit store failures by operation.',
    labelNames: ['op'] as const,
    registers: reg,
  });
  const spilled = new Counter({ name: 'airlock_audit_spilled_total', help: 'Audit events written to the local spill file.', registers: reg });
  const limitRejections = new Counter({
    name: 'airlock_limit_rejections_total',
    help: 'Requests refused by rate limits or budgets.',
    labelNames: ['reason'] as const,
    registers: reg,
  });

  const models = new Set<string>();
  const modelLabel = (m: string | undefined): string => {
    if (!m) return 'none';
    if (!SAFE_LABEL.test(m) || DIGIT_RUN.test(m)) return 'other';
    if (models.has(m)) return m;
    if (models.size >= MAX_MODELS) return 'other';
    models.add(m);
    return m;
  };
  // prom-client throws on negative increments; a bad record must never break the sink.
  const pos = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);
  const safe = (s: string | undefined, fallback: string): string => (s && SAFE_LABEL.test(s) && !DIGIT_RUN.test(s) ? s : fallback);

  return {
    registry,
    limitRejections,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    observeExchange(rec: ExchangeRecord, costUsd: number): void {
      const route = safe(rec.route, 'other');
      requests.inc({ route, verdict: rec.verdict, status: `${Math.floor(rec.status / 100)}xx` });
      const blockers = new Set<string>();
      for (const f of rec.findings) {
        const detector = safe(String(f.detector), 'other');
        findings.inc({ detector, type: safe(f.type, 'other'), action: f.action });
        if (f.action === 'block') blockers.add(detector);
      }
      if (rec.verdict === 'block') {
        if (blockers.size === 0) blockers.add(rec.rule?.startsWith('judge') ? 'judge' : 'rule');
        for (const d of blockers) verdicts.inc({ detector: d, stage: rec.stage ?? 'input' });
      }
      guard.observe({ guard: 'detectors' }, pos(rec.timings.detectors_ms) / 1000);
      if (pos(rec.timings.judge_ms) > 0) guard.observe({ guard: 'judge' }, rec.timings.judge_ms / 1000);
      if (pos(rec.timings.upstream_ms) > 0) upstream.observe({ upstream: safe(rec.upstream, 'other') }, rec.timings.upstream_ms / 1000);
      total.observe({ route }, pos(rec.timings.total_ms) / 1000);
      const model = modelLabel(rec.model);
      if (rec.usage) {
        tokens.inc({ kind: 'prompt', model }, pos(rec.usage.promptTokens));
        tokens.inc({ kind: 'completion', model }, pos(rec.usage.completionTokens));
      }
      if (pos(costUsd) > 0) cost.inc({ model }, costUsd);
    },
    setQueueDepth: (n) => queue.set(pos(n)),
    storeError: (op) => storeErrors.inc({ op: safe(op, 'other') }),
    spilled: (n) => spilled.inc(pos(n)),
  };
}
