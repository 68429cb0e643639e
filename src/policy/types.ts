import type { Action } from '../config/schema.js';
import type { Finding, RequestFacts, Segment } from '../detectors/types.js';

/** A finding plus the action the policy attached to it. */
export interface PolicyFinding extends Finding {
  readonly action: Action;
}

/** A replacement for one segment's whole text (redaction / pseudonymization applied). */
export interface SegmentEdit {
  readonly segment: number;
  readonly text: string;
}

/** Placeholder ↔ original value for one request (`<EMAIL_1>` → `jane@example.com`). */
export interface PseudonymVault {
  /** placeholder → original. */
  readonly entries: ReadonlyMap<string, string>;
  /** Replace every complete placeholder in `text` by its original. */
  restore(text: string): string;
}

export interface Verdict {
  /** `block`: refuse; `modify`: forward with `edits` applied; `allow`: forward unchanged. */
  readonly decision: 'allow' | 'block' | 'modify';
  /** Error code to answer with when blocked (a closed guard failure is GUARD_UNAVAILABLE). */
  readonly code?: 'AIRLOCK_ERR_BLOCKED' | 'AIRLOCK_ERR_OUTPUT_BLOCKED' | 'AIRLOCK_ERR_GUARD_UNAVAILABLE';
  /** Human-readable reason shown to the caller: rule name, entity types, or the judge's reason. */
  readonly reason?: string;
  /** Which rule / detector decided a block (`deny_patterns[0]`, `secrets:aws-access-key-id`, `judge`). */
  readonly rule?: string;
  readonly findings: readonly PolicyFinding[];
  readonly edits: readonly SegmentEdit[];
  /** Present when something was pseudonymized: used to restore the answer. */
  readonly vault?: PseudonymVault;
  readonly timings: { readonly detectors_ms: number; readonly judge_ms: number };
}

export interface InspectContext {
  readonly requestId: string;
  readonly signal?: AbortSignal;
  /** Facts passed on to detectors' ScanContext (system prompts, injected canaries). */
  readonly request?: RequestFacts;
  /** A window of a streamed answer, not a whole text: the judge is not asked about it. */
  readonly partial?: boolean;
}

/** A policy compiled once per config: regexes, automata and detector instances built up front. */
export interface CompiledPolicy {
  readonly name: string;
  /** True when the policy has output detectors (the gateway then inspects answers). */
  readonly inspectsOutput: boolean;
  inspectInput(segments: readonly Segment[], ctx: InspectContext): Promise<Verdict>;
  inspectOutput(segments: readonly Segment[], ctx: InspectContext): Promise<Verdict>;
}
