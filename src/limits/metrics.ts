import { Counter, register, type Registry } from 'prom-client';

/*
 * Created on prom-client's default registry (looked up first, so a second Limiter in one process
 * does not register twice); `registerLimitsMetrics` adds them to the registry /metrics serves.
 */
function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

const storeErrors = counter('airlock_limits_store_errors_total', 'Limits store operations that failed (on_store_error decides the outcome).', ['op']);
const refusals = counter('airlock_limits_refusals_total', 'Requests refused by rate limits or budgets, by reason.', ['reason']);

export function countStoreError(op: string): void {
  storeErrors.inc({ op });
}

export function countRefusal(reason: string): void {
  refusals.inc({ reason });
}

/** Expose the limits counters on another registry (the telemetry one). */
export function registerLimitsMetrics(registry: Registry): void {
  const all: [string, Counter<string>][] = [
    ['airlock_limits_store_errors_total', storeErrors],
    ['airlock_limits_refusals_total', refusals],
  ];
  for (const [name, c] of all) if (!registry.getSingleMetric(name)) registry.registerMetric(c);
}
