import { describe, expect, it } from 'vitest';
import { allowedRecord, blockedCardRecord } from '../audit/testing.js';
import { createMetrics } from './metrics.js';

describe('metrics', () => {
  it('counts requests, blocks by detector, tokens and cost', async () => {
    const m = createMetrics({ defaults: false });
    m.observeExchange(blockedCardRecord({ id: 'a', card: '4111 1111 1111 1111' }), 0);
    m.observeExchange(allowedRecord({ id: 'b', tokens: [100, 20] }), 0.25);
    m.setQueueDepth(3);
    m.storeError('insert');
    const text = await m.render();
    expect(text).toContain('airlock_requests_total{route="openai",verdict="block",status="4xx"} 1');
    expect(text).toContain('airlock_blocks_total{detector="pii",stage="input"} 1');
    expect(text).toContain('airlock_findings_total{detector="pii",type="CREDIT_CARD",action="block"} 1');
    expect(text).toContain('airlock_tokens_total{kind="prompt",model="gpt-4o-mini"} 100');
    expect(text).toContain('airlock_cost_usd_total{model="gpt-4o-mini"} 0.25');
    expect(text).toContain('airlock_audit_queue_depth 3');
    expect(text).toContain('airlock_audit_store_errors_total{op="insert"} 1');
    expect(text).toMatch(/airlock_upstream_duration_seconds_bucket\{le="0\.5",upstream="openai"\} 1/);
  });

  it('never turns a client-chosen model name into a label that can carry a number', async () => {
    const m = createMetrics({ defaults: false });
    m.observeExchange({ ...allowedRecord({ id: 'c' }), model: 'gpt 4111111111111111' }, 0);
    m.observeExchange({ ...allowedRecord({ id: 'd' }), model: 'x'.repeat(500) }, 0);
    const text = await m.render();
    expect(text).not.toContain('4111111111111111');
    expect(text).toContain('airlock_tokens_total{kind="prompt",model="other"} 240');
  });
});
