import { describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import { limitsConfigSchema } from './config.js';
import { Limiter, type Subject } from './limiter.js';
import { Registry } from 'prom-client';
import { MemoryStore } from './memory-store.js';
import { registerLimitsMetrics } from './metrics.js';
import { PriceTable } from './prices.js';
import type { Store } from './store.js';

function setup(cfg: object = {}, store?: Store) {
  const clock = { t: Date.UTC(2026, 10, 22, 12, 0, 0) };
  const s = store ?? new MemoryStore(() => clock.t);
  // $10 per 1M tokens both ways: 10,000 nano-dollars per token.
  const prices = new PriceTable({ 'test-model': { input: 10, output: 10 } });
  const limiter = new Limiter(s, limitsConfigSchema.parse(cfg), prices, { now: () => clock.t });
  return { limiter, clock };
}

async function refusal(p: Promise<unknown>): Promise<AirlockError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AirlockError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const key = (over: Partial<Subject> = {}): Subject => ({ keyId: 'key_a', route: 'openai', model: 'test-model', key: { rpm: 5, budgets: [] }, ...over });

describe('Limiter: requests per minute', () => {
  it('admits exactly rpm requests, then 429 with Retry-After and x-ratelimit headers', async () => {
    const { limiter, clock } = setup();
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) remaining.push((await limiter.admit(key(), 10)).headers['x-ratelimit-remaining-requests']!);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    clock.t += 20_000;
    const e = await refusal(limiter.admit(key(), 10));
    expect(e.code).toBe('AIRLOCK_ERR_RATE_LIMITED');
    expect(e.status).toBe(429);
    expect(e.headers['Retry-After']).toBe('40');
    expect(e.headers['x-ratelimit-limit-requests']).toBe('5');
    expect(e.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(e.headers['x-ratelimit-reset-requests']).toBe('40s');
    expect(e.message).toMatch(/5 requests per minute/);
    clock.t += 40_000;
    expect((await limiter.admit(key(), 10)).headers['x-ratelimit-remaining-requests']).toBe('4');
  });

  it('a user limit is shared by all of that user’s keys; route limits apply to trusted callers', async () => {
    const { limiter } = setup({ users: { '*': { rpm: 3 } }, routes: { internal: { rpm: 2 } } });
    await limiter.admit(key({ keyId: 'k1', user: 'alice' }), 1);
    await limiter.admit(key({ keyId: 'k2', user: 'alice' }), 1);
    await limiter.admit(key({ keyId: 'k3', user: 'alice' }), 1);
    expect((await refusal(limiter.admit(key({ keyId: 'k4', user: 'alice' }), 1))).details.limit_scope).toBe('user');
    await limiter.admit(key({ keyId: 'k5', user: 'bob' }), 1);
    const trusted: Subject = { route: 'internal' };
    await limiter.admit(trusted, 1);
    await limiter.admit(trusted, 1);
    expect((await refusal(limiter.admit(trusted, 1))).details.limit_scope).toBe('route');
  });

  it('a refused request consumes nothing', async () => {
    const { limiter } = setup({ teams: { ml: { rpm: 1 } } });
    await limiter.admit(key({ team: 'ml' }), 1);
    await refusal(limiter.admit(key({ team: 'ml' }), 1));
    // The key (rpm 5) was not charged for the refused request: 3 more still fit after the team's.
    const h = await limiter.admit(key({ team: 'other' }), 1);
    expect(h.headers['x-ratelimit-remaining-requests']).toBe('3');
  });
});

describe('Limiter: tokens per minute', () => {
  it('reserves the estimate and corrects it with the real usage', async () => {
    const { limiter } = setup();
    const k = key({ key: { tpm: 100, budgets: [] } });
    const a = await limiter.admit(k, 40);
    expect(a.headers['x-ratelimit-remaining-tokens']).toBe('60');
    await limiter.admit(k, 40);
    const e = await refusal(limiter.admit(k, 40));
    expect(e.details.limit_type).toBe('tokens');
    await a.settle({ promptTokens: 5, completionTokens: 5 });
    expect((await limiter.admit(k, 40)).headers['x-ratelimit-remaining-tokens']).toBe('10');
  });

  it('a request larger than the whole limit says so', async () => {
    const { limiter } = setup();
    const e = await refusal(limiter.admit(key({ key: { tpm: 100, budgets: [] } }), 500));
    expect(e.message).toMatch(/needs about 500 tokens/);
  });
});

describe('Limiter: budgets', () => {
  it('refuses the first request that would exceed the budget, and says when it resets', async () => {
    const { limiter, clock } = setup();
    // $0.001/day = 100 tokens at $10/1M. Each call reserves 10 tokens and really uses 30.
    const k = key({ key: { budgets: ['0.001usd/day'] } });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        const adm = await limiter.admit(k, 10);
        await adm.settle({ promptTokens: 20, completionTokens: 10 });
        outcomes.push('ok');
      } catch (e) {
        outcomes.push((e as AirlockError).code);
      }
    }
    // After 3 calls $0.0009 is spent; the 4th fits (0.0009 + 0.0001 reserve = budget), the 5th does not.
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'AIRLOCK_ERR_BUDGET_EXCEEDED', 'AIRLOCK_ERR_BUDGET_EXCEEDED']);
    const e = await refusal(limiter.admit(k, 10));
    expect(e.status).toBe(429);
    expect(e.details.resets_at).toBe('2026-11-23T00:00:00.000Z');
    expect(e.message).toContain('0.001usd/day');
    expect(e.headers['Retry-After']).toBe(String(12 * 3600));
    clock.t = Date.UTC(2026, 10, 23, 0, 0, 1);
    await expect(limiter.admit(k, 10)).resolves.toBeDefined();
  });

  it('spend is readable per key', async () => {
    const { limiter } = setup();
    const k = key({ key: { budgets: ['1usd/month'] } });
    const a = await limiter.admit(k, 10);
    await a.settle({ promptTokens: 1000, completionTokens: 500 });
    const u = await limiter.usage('key', 'key_a', ['1usd/month']);
    expect(u.day).toMatchObject({ requests: 1, tokens: 1500, spend_usd: 0.015, period: '2026-11-22' });
    expect(u.month).toMatchObject({ requests: 1, spend_usd: 0.015, period: '2026-11' });
    expect(u.budgets).toEqual([{ budget: '1usd/month', spent_usd: 0.015, remaining_usd: 0.985, resets_at: '2026-12-01T00:00:00.000Z' }]);
  });

  it('a failed exchange (no usage) hands the reservation back', async () => {
    const { limiter } = setup();
    const a = await limiter.admit(key(), 100);
    await a.settle(undefined);
    expect((await limiter.usage('key', 'key_a')).day).toMatchObject({ tokens: 0, spend_usd: 0, requests: 1 });
  });

  it('fails closed when a budget applies to a model without a price', async () => {
    const { limiter } = setup({ teams: { ml: { budget: '5usd/day' } } });
    const e = await refusal(limiter.admit(key({ team: 'ml', model: 'mystery-model' }), 1));
    expect(e.code).toBe('AIRLOCK_ERR_MODEL_NOT_ALLOWED');
    await expect(limiter.admit(key({ model: 'mystery-model' }), 1)).resolves.toBeDefined();
  });
});

describe('Limiter: store failures', () => {
  const broken = (): Store => {
    const s = new MemoryStore();
    s.consume = async () => {
      throw new Error('connection refused');
    };
    return s;
  };

  it('on_store_error: closed (default) answers 503', async () => {
    const { limiter } = setup({}, broken());
    expect((await refusal(limiter.admit(key(), 1))).code).toBe('AIRLOCK_ERR_STORE_UNAVAILABLE');
  });

  it('on_store_error: open lets the request through', async () => {
    const { limiter } = setup({ on_store_error: 'open' }, broken());
    await expect(limiter.admit(key(), 1)).resolves.toMatchObject({ headers: {} });
  });
});

describe('Limiter: metrics', () => {
  it('counts refusals and store errors on the registry /metrics serves', async () => {
    const registry = new Registry();
    registerLimitsMetrics(registry);
    const { limiter } = setup();
    await limiter.admit(key({ keyId: 'metrics', key: { rpm: 1, budgets: [] } }), 1);
    await refusal(limiter.admit(key({ keyId: 'metrics', key: { rpm: 1, budgets: [] } }), 1));
    const text = await registry.metrics();
    expect(text).toMatch(/airlock_limits_refusals_total\{reason="requests"\} [1-9]/);
    expect(text).toContain('airlock_limits_store_errors_total');
  });
});
