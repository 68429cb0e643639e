/**
 * The one small interface every limits backend implements (memory, SQLite, Redis). Counters are
 * numbers with an expiry set when they are created; `consume` is the all-or-nothing check-and-add
 * that rate limits and budgets are built on, so a refused request never eats anyone's quota.
 */

export interface CounterSpec {
  readonly key: string;
  /** Amount to add (requests, tokens, nano-dollars). */
  readonly by: number;
  /** The counter may not exceed this after adding; Infinity = record only. */
  readonly limit: number;
  /** Lifetime of the counter when this call creates it (ms). */
  readonly ttlMs: number;
}

export interface CounterState {
  readonly key: string;
  readonly value: number;
  /** Milliseconds until the counter expires (0 when absent). */
  readonly resetMs: number;
}

export interface ConsumeResult {
  readonly ok: boolean;
  /** Index of the first spec that would exceed its limit (only when !ok). */
  readonly failed?: number;
  /** One state per spec: values after adding when ok, current values when refused. */
  readonly counters: readonly CounterState[];
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Add `by` (may be negative) to a counter, creating it with `ttlMs` when absent or expired. */
  incr(key: string, by: number, ttlMs: number): Promise<CounterState>;
  /** Add `by` to a live counter only; an absent or expired counter stays absent (corrections). */
  adjust(key: string, by: number): Promise<CounterState | undefined>;
  /** `adjust` for several counters in one round trip (settling a request's reservations). */
  adjustMany(items: readonly { readonly key: string; readonly by: number }[]): Promise<void>;
  /** Atomically: when every counter stays within its limit, add to all; otherwise add to none. */
  consume(specs: readonly CounterSpec[]): Promise<ConsumeResult>;
  /** Current counter value (0 and resetMs 0 when absent). */
  peek(key: string): Promise<CounterState>;
  get(key: string): Promise<string | undefined>;
  /** Store a string; ttlMs omitted = no expiry. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  close(): Promise<void>;
}
