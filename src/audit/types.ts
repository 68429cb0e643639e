import type { Sealed } from './seal.js';

/** One finding as stored: where and what, never the matched value itself. */
export interface AuditFinding {
  readonly detector: string;
  readonly type: string;
  /** JSON path of the segment in the request (or answer) body. */
  readonly path: string;
  /** Masked preview computed by the gateway, e.g. `4111 **** **** 1111` → `****1111`. */
  readonly preview: string;
  /** Salted hash of the value, to correlate repeats without storing it. */
  readonly hash: string;
  readonly action: string;
  readonly score: number;
  readonly reason: string;
}

export interface AuditEvent {
  readonly id: string;
  /** ms since epoch. */
  readonly time: number;
  /** `exchange`: one proxied request; `admin`: an administrative action (erasure…). */
  readonly kind: 'exchange' | 'admin';
  readonly key_id?: string;
  readonly key_name?: string;
  readonly user?: string;
  readonly team?: string;
  readonly role?: string;
  readonly route: string;
  readonly upstream: string;
  readonly method: string;
  readonly path: string;
  readonly model?: string;
  readonly stream: boolean;
  readonly verdict: 'allow' | 'block' | 'modify' | 'error' | 'admin';
  readonly stage?: 'input' | 'output';
  readonly rule?: string;
  readonly reason?: string;
  readonly findings: readonly AuditFinding[];
  readonly actions: readonly string[];
  readonly status: number;
  readonly error_code?: string;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost_usd: number;
  readonly timings: { readonly detectors_ms: number; readonly judge_ms: number; readonly upstream_ms: number; readonly total_ms: number };
  /** Redacted prompt/answer bodies, AES-256-GCM sealed; only when a policy asked to keep them. */
  readonly body?: Sealed;
  /** Admin events only: what was done (never raw identifiers of erased subjects). */
  readonly admin?: { readonly action: string; readonly actor?: string; readonly target_hash?: string; readonly count?: number };
}

export interface EventFilter {
  /** Inclusive lower bound, ms since epoch. */
  readonly from?: number;
  /** Exclusive upper bound, ms since epoch. */
  readonly to?: number;
  readonly verdict?: string;
  readonly detector?: string;
  readonly keyId?: string;
  readonly user?: string;
  readonly team?: string;
  readonly model?: string;
  readonly kind?: 'exchange' | 'admin';
}

export interface EventPage {
  readonly events: AuditEvent[];
  /** Opaque cursor for the next (older) page; absent on the last page. */
  readonly next?: string;
}

export interface UsageRow {
  readonly day: string;
  readonly key_id: string | null;
  readonly team: string | null;
  readonly requests: number;
  readonly blocked: number;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost_usd: number;
}

export interface Stats {
  readonly requests: number;
  readonly by_verdict: Record<string, number>;
  /** Blocked requests per detector that asked for the block. */
  readonly blocks_by_detector: Record<string, number>;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost_usd: number;
  /** Per UTC day, key and team. */
  readonly usage: UsageRow[];
}

/** A backend: SQLite or PostgreSQL. Inserts are idempotent on `id` (spilled events may replay twice). */
export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  init(): Promise<void>;
  insert(events: readonly AuditEvent[]): Promise<void>;
  query(filter: EventFilter, page: { limit: number; cursor?: string }): Promise<EventPage>;
  get(id: string): Promise<AuditEvent | undefined>;
  stats(filter: EventFilter): Promise<Stats>;
  /** Delete events older than `before` (ms). Returns how many. */
  purge(before: number): Promise<number>;
  /** Delete every event of a user or a key. Returns how many. */
  erase(subject: ErasureSubject): Promise<number>;
  /** Stream events oldest first. */
  iterate(filter: EventFilter, batch: number): AsyncIterable<AuditEvent>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type ErasureSubject = { readonly user: string; readonly keyId?: undefined } | { readonly keyId: string; readonly user?: undefined };
