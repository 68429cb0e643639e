/**
 * Money budgets. Amounts are kept as integer nano-dollars so counters add exactly in every store
 * (a token of a $0.15/1M model costs 150 nano-dollars). Periods are calendar windows in UTC.
 */

export type BudgetPeriod = 'day' | 'month';

export interface Budget {
  readonly nanoUsd: number;
  readonly period: BudgetPeriod;
  /** Normalised text, e.g. `25usd/month`. */
  readonly text: string;
}

export const NANO = 1_000_000_000;

const PERIODS: Record<string, BudgetPeriod> = {
  d: 'day', day: 'day', daily: 'day',
  m: 'month', mo: 'month', month: 'month', monthly: 'month',
};

/** Parses `25usd/month`, `5usd/day`, `$5/day`, `0.5 USD / daily`. Throws with a clear message otherwise. */
export function parseBudget(text: string): Budget {
  const m = /^\s*\$?\s*(\d+(?:\.\d+)?)\s*(usd)?\s*\/\s*([a-z]+)\s*$/i.exec(text);
  const period = m ? PERIODS[m[3]!.toLowerCase()] : undefined;
  if (!m || !period) throw new Error(`invalid budget "${text}": use an amount in USD per day or month, e.g. 25usd/month or 5usd/day`);
  const usd = Number(m[1]);
  if (!Number.isFinite(usd) || usd < 0) throw new Error(`invalid budget amount in "${text}"`);
  return { nanoUsd: Math.round(usd * NANO), period, text: `${formatUsd(Math.round(usd * NANO))}usd/${period}` };
}

/** Accepts one string, a comma-separated list or an array; at most one budget per period. */
export function parseBudgets(input: string | readonly string[] | undefined): Budget[] {
  if (input === undefined) return [];
  const parts = (typeof input === 'string' ? [input] : input).flatMap((s) => s.split(',')).filter((s) => s.trim() !== '');
  const out = parts.map(parseBudget);
  const seen = new Set<BudgetPeriod>();
  for (const b of out) {
    if (seen.has(b.period)) throw new Error(`two budgets for the same period (${b.period})`);
    seen.add(b.period);
  }
  return out;
}

/** The current window of a period: an id for counter keys and when it ends (the reset time). */
export function periodWindow(period: BudgetPeriod, now: number): { id: string; endsAt: number } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  if (period === 'day') {
    const day = d.getUTCDate();
    return { id: `d${d.toISOString().slice(0, 10)}`, endsAt: Date.UTC(y, mo, day + 1) };
  }
  return { id: `m${d.toISOString().slice(0, 7)}`, endsAt: Date.UTC(y, mo + 1, 1) };
}

/** `12.5` for 12.5 USD, without floating-point noise. */
export function formatUsd(nano: number): string {
  return String(Math.round(nano / 1000) / 1_000_000);
}
