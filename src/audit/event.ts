import { createHmac } from 'node:crypto';
import RE2 from 're2';
import type { ExchangeRecord } from '../gateway/hooks.js';
import type { AuditEvent, AuditFinding } from './types.js';

/**
 * Free-text fields (reasons, rule names, model names) come from detectors, judges and clients.
 * They should never carry a caught value, but a judge may quote one: as a second line of defence
 * digit runs that could be card/account/phone numbers and e-mail addresses are masked here.
 */
// RE2: bodies can be large and client-controlled; these must stay linear time.
const LONG_DIGITS = new RE2('\\d(?:[ \\-.]?\\d){5,}', 'g');
const EMAIL = new RE2('[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', 'g');
const MAX_TEXT = 500;

/** Mask digit runs and e-mail addresses (no truncation). */
// Same condition as LONG_DIGITS, for V8's engine: inputs here are capped short (MAX_TEXT) or are
// short by nature (paths, models, rule names), so backtracking stays bounded.
const MAY_HAVE_DIGIT_RUN = /\d(?:[ \-.]?\d){5}/;

export function scrubValues(s: string): string {
  // Most fields have no '@' and no six-digit run: skip the RE2 calls (each crosses into C++).
  if (!s.includes('@') && !MAY_HAVE_DIGIT_RUN.test(s)) return s;
  return s.replace(EMAIL, '[email]').replace(LONG_DIGITS, (m) => `[${m.replace(/\D/g, '').length} digits]`);
}

export function scrubText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return scrubValues(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
}

/** Previews are masked by the gateway; still refuse anything that shows a long digit run. */
function safePreview(p: string): string {
  return scrubText(p) ?? '';
}

function finite(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

export interface BuildOptions {
  /** Price of an exchange in USD (from the limits/pricing module); 0 when unknown. */
  readonly costOf?: (rec: ExchangeRecord) => number | undefined;
  /**
   * Per-installation secret. The gateway's value hash is a plain digest, and a card number or
   * phone number is small enough to brute-force from one; keyed again here, a stolen database
   * alone no longer reveals values, while equal values still correlate.
   */
  readonly hashKey?: string;
}

export function buildEvent(rec: ExchangeRecord, opts: BuildOptions = {}): AuditEvent {
  const findings: AuditFinding[] = rec.findings.map((f) => ({
    detector: String(f.detector),
    type: scrubText(f.type) ?? '',
    path: scrubText(f.path) ?? '',
    preview: safePreview(f.preview),
    hash: opts.hashKey ? createHmac('sha256', opts.hashKey).update(f.hash).digest('hex').slice(0, 24) : f.hash,
    action: f.action,
    score: finite(f.score),
    reason: scrubText(f.reason) ?? '',
  }));
  let cost = 0;
  try {
    cost = finite(opts.costOf?.(rec));
  } catch {
    cost = 0;
  }
  const id = rec.identity;
  return {
    id: rec.requestId,
    time: rec.time,
    kind: 'exchange',
    key_id: id.keyId,
    key_name: id.keyName,
    user: id.user,
    team: id.team,
    role: id.role,
    route: rec.route,
    upstream: rec.upstream,
    method: rec.method,
    path: scrubText(rec.path.split('?')[0]) ?? '',
    model: scrubText(rec.model),
    stream: rec.stream,
    verdict: rec.verdict,
    stage: rec.stage,
    rule: scrubText(rec.rule),
    reason: scrubText(rec.reason),
    findings,
    actions: [...rec.actions],
    status: rec.status,
    error_code: rec.errorCode,
    prompt_tokens: finite(rec.usage?.promptTokens),
    completion_tokens: finite(rec.usage?.completionTokens),
    cost_usd: cost,
    timings: {
      detectors_ms: finite(rec.timings.detectors_ms),
      judge_ms: finite(rec.timings.judge_ms),
      upstream_ms: finite(rec.timings.upstream_ms),
      total_ms: finite(rec.timings.total_ms),
    },
  };
}

/** Drop undefined fields so the stored JSON stays small and round-trips identically. */
export function compact(e: AuditEvent): AuditEvent {
  // buildEvent makes fresh nested objects, so dropping top-level undefined fields is enough.
  // for…in over the own keys: no [key, value] array per field (this runs once per request).
  const src = e as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out as unknown as AuditEvent;
}

/** A price table as the limits module has it (structural, so audit does not depend on limits). */
export interface PriceSource<P> {
  lookup(model: string): P | undefined;
  /** Integer nano-dollars. */
  costNano(price: P, promptTokens: number, completionTokens: number): number;
}

/** `costOf` for `openAuditTrail` from a price table: USD of the exchange's usage, 0 when unpriced. */
export function costFromPrices<P>(prices: PriceSource<P>): (rec: ExchangeRecord) => number {
  return (rec) => {
    if (!rec.usage || !rec.model) return 0;
    const p = prices.lookup(rec.model);
    return p === undefined ? 0 : prices.costNano(p, rec.usage.promptTokens, rec.usage.completionTokens) / 1e9;
  };
}
