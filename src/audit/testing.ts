import { maskedPreview, valueHash } from '../gateway/index.js';
import type { ExchangeRecord, Identity } from '../gateway/hooks.js';

/**
 * Exchange records shaped exactly as the gateway builds them (previews and hashes computed from
 * the caught value by the gateway's own functions), for audit, admin and console tests.
 */
export function blockedCardRecord(opts: { id: string; card: string; time?: number; identity?: Identity }): ExchangeRecord {
  const text = `please charge my card ${opts.card} today`;
  const start = text.indexOf(opts.card);
  return {
    requestId: opts.id,
    time: opts.time ?? Date.now(),
    identity: opts.identity ?? { keyId: 'key_alice', keyName: 'alice-laptop', user: 'alice', team: 'payments', role: 'user' },
    route: 'openai',
    upstream: 'openai',
    method: 'POST',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    stream: false,
    verdict: 'block',
    stage: 'input',
    rule: 'pii:CREDIT_CARD',
    reason: 'Blocked: the request contains a credit card number (CREDIT_CARD).',
    findings: [
      {
        detector: 'pii',
        type: 'CREDIT_CARD',
        segment: 1,
        start,
        end: start + opts.card.length,
        score: 0.99,
        reason: 'credit card number (Luhn valid)',
        action: 'block',
        path: 'messages[1].content',
        preview: maskedPreview(opts.card),
        hash: valueHash(opts.card),
      },
    ],
    actions: ['block'],
    status: 403,
    errorCode: 'AIRLOCK_ERR_BLOCKED',
    timings: { detectors_ms: 1.8, judge_ms: 0, upstream_ms: 0, total_ms: 2.4 },
  };
}

export function allowedRecord(opts: { id: string; time?: number; identity?: Identity; model?: string; tokens?: [number, number] }): ExchangeRecord {
  return {
    requestId: opts.id,
    time: opts.time ?? Date.now(),
    identity: opts.identity ?? { keyId: 'key_bob', keyName: 'bob-ci', user: 'bob', team: 'platform', role: 'user' },
    route: 'openai',
    upstream: 'openai',
    method: 'POST',
    path: '/v1/chat/completions',
    model: opts.model ?? 'gpt-4o-mini',
    stream: false,
    verdict: 'allow',
    findings: [],
    actions: [],
    status: 200,
    usage: { promptTokens: opts.tokens?.[0] ?? 120, completionTokens: opts.tokens?.[1] ?? 40 },
    timings: { detectors_ms: 0.9, judge_ms: 0, upstream_ms: 310, total_ms: 312 },
  };
}
