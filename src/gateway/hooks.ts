import type { IncomingHttpHeaders } from 'node:http';
import type { PolicyFinding } from '../policy/types.js';

/**
 * The seams where identity/limits (src/identity, src/limits) and audit (src/audit) plug into the
 * request lifecycle. The gateway calls them; it knows nothing of stores or databases.
 */

export interface Identity {
  /** Virtual key id (never the key itself); undefined for trusted callers. */
  readonly keyId?: string;
  readonly keyName?: string;
  readonly user?: string;
  readonly team?: string;
  readonly role: 'user' | 'developer' | 'admin' | 'anonymous';
  /** Models this key may call; undefined = any. */
  readonly models?: readonly string[];
  /** Per-key cap on max_tokens. */
  readonly maxTokensCap?: number;
}

export interface RequestInfo {
  readonly requestId: string;
  readonly route: string;
  readonly upstream: string;
  readonly path: string;
  readonly model?: string;
  readonly stream: boolean;
  readonly identity: Identity;
  /** Prompt token estimate (gpt-tokenizer) plus requested max tokens, for pre-checks. */
  readonly estimatedTokens: number;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Returned by `admit`: called once the answer is done with the real usage (or none on failure). */
export interface Admission {
  /** Headers to add to the response (x-ratelimit-*). */
  readonly headers?: Record<string, string>;
  settle(usage: Usage | undefined): void | Promise<void>;
}

/** Everything the audit trail needs about one exchange. Never holds raw secrets or PII. */
export interface ExchangeRecord {
  readonly requestId: string;
  readonly time: number;
  readonly identity: Identity;
  readonly route: string;
  readonly upstream: string;
  readonly method: string;
  readonly path: string;
  readonly model?: string;
  readonly stream: boolean;
  readonly verdict: 'allow' | 'block' | 'modify' | 'error';
  readonly stage?: 'input' | 'output';
  readonly rule?: string;
  readonly reason?: string;
  /** Findings with JSON path and masked preview (computed by the gateway from the original text). */
  readonly findings: readonly (PolicyFinding & { path: string; preview: string; hash: string })[];
  readonly actions: readonly string[];
  readonly status: number;
  readonly errorCode?: string;
  readonly usage?: Usage;
  readonly timings: { readonly detectors_ms: number; readonly judge_ms: number; readonly upstream_ms: number; readonly total_ms: number };
  /** Only when the policy asks (`store_bodies`): the request with every finding redacted. */
  readonly bodies?: { readonly request?: unknown; readonly response?: unknown };
}

export interface GatewayHooks {
  /** Resolve the caller. Throws AirlockError(AIRLOCK_ERR_UNAUTHORIZED) when a key is required and missing/invalid. */
  authenticate?(headers: IncomingHttpHeaders, mode: 'trusted' | 'virtual_key'): Promise<Identity>;
  /** Rate limits and budgets before any work. Throws AirlockError 429 codes. */
  admit?(info: RequestInfo): Promise<Admission>;
  /** Off the request path: the audit sink. Must not throw. */
  record?(rec: ExchangeRecord): void;
}
