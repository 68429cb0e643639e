import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../config/root.js';
import { openObservability } from './runtime.js';
import { allowedRecord, blockedCardRecord } from './testing.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openObservability', () => {
  it('wires metrics and the audit trail behind one record hook, from the config', async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-obs-'));
    const cfg = configSchema().parse({
      server: { data_dir: dir },
      telemetry: { metrics: { process_metrics: false } },
      prices: { 'house-model': { input: 10, output: 20 } },
    });
    const obs = await openObservability(cfg);
    obs.record(blockedCardRecord({ id: 'r1', card: '4111 1111 1111 1111' }));
    // $10 per 1M input tokens and $20 per 1M output tokens: 100k in + 25k out = $1.50.
    obs.record(allowedRecord({ id: 'r3', model: 'house-model', tokens: [100_000, 25_000] }));
    // close() drained the queue: a fresh process finds the event in the data dir.
    await obs.close();
    const again = await openObservability(cfg);
    expect((await again.trail?.get('r1'))?.verdict).toBe('block');
    expect((await again.trail?.get('r3'))?.cost_usd).toBeCloseTo(1.5, 6);
    expect(await obs.metrics.render()).toContain('airlock_blocks_total{detector="pii",stage="input"} 1');
    await again.close();
  });

  it('still counts metrics with the audit trail disabled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-obs-'));
    const cfg = configSchema().parse({ server: { data_dir: dir }, audit: { enabled: false }, telemetry: { metrics: { process_metrics: false } } });
    const obs = await openObservability(cfg);
    expect(obs.trail).toBeUndefined();
    obs.record(blockedCardRecord({ id: 'r2', card: '4111 1111 1111 1111' }));
    expect(await obs.metrics.render()).toContain('airlock_requests_total{route="openai",verdict="block",status="4xx"} 1');
    await obs.close();
  });
});
