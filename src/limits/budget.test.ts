import { describe, expect, it } from 'vitest';
import { parseBudget, parseBudgets, periodWindow } from './budget.js';
import { PriceTable } from './prices.js';

describe('budgets and prices', () => {
  it('parses budget strings and refuses nonsense', () => {
    expect(parseBudget('25usd/month')).toEqual({ nanoUsd: 25e9, period: 'month', text: '25usd/month' });
    expect(parseBudget('$5/day').text).toBe('5usd/day');
    expect(parseBudget('0.5 USD / daily').nanoUsd).toBe(5e8);
    expect(() => parseBudget('25eur/month')).toThrow(/invalid budget/);
    expect(() => parseBudget('25usd/fortnight')).toThrow(/invalid budget/);
    expect(() => parseBudgets('1usd/day,2usd/day')).toThrow(/same period/);
  });

  it('windows are UTC calendar days and months', () => {
    const t = Date.UTC(2026, 11, 31, 23, 59);
    expect(periodWindow('day', t)).toEqual({ id: 'd2026-12-31', endsAt: Date.UTC(2027, 0, 1) });
    expect(periodWindow('month', t)).toEqual({ id: 'm2026-12', endsAt: Date.UTC(2027, 0, 1) });
  });

  it('prices dated and prefixed model ids by family, overrides win', () => {
    const p = new PriceTable({ 'gpt-4o': { input: 1, output: 2 } });
    expect(p.lookup('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(p.lookup('gpt-4o-2024-08-06')).toEqual({ input: 1, output: 2 });
    expect(p.lookup('claude-3-5-sonnet-20241022')?.output).toBe(15);
    expect(p.lookup('openai/gpt-4.1-mini')?.input).toBe(0.4);
    expect(p.lookup('gpt-4oz')).toBeUndefined();
    expect(p.costNano({ input: 0.15, output: 0.6 }, 1000, 1000)).toBe(750_000);
  });
});
