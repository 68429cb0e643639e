import { AirlockError } from '../errors.js';
import { formatUsd, parseBudget, parseBudgets, periodWindow, type Budget, type BudgetPeriod } from './budget.js';
import type { LimitSpec, LimitsConfig } from './config.js';
import { countStoreError, countRefusal } from './metrics.js';
import { PriceTable, type ModelPrice } from './prices.js';
import type { CounterSpec, CounterState, Store } from './store.js';

export type Scope = 'key' | 'user' | 'team' | 'route';

/** Who is asking, as the limiter sees it. */
export interface Subject {
  readonly keyId?: string;
  readonly user?: string;
  readonly team?: string;
  readonly route: string;
  readonly model?: string;
  /** The key's own limits; unset fields fall back to `limits.keys`. */
  readonly key?: { readonly rpm?: number; readonly tpm?: number; readonly budgets: readonly string[] };
}

export interface LimitAdmission {
  readonly headers: Record<string, string>;
  settle(usage: { promptTokens: number; completionTokens: number } | undefined): Promise<void>;
}

interface Compiled {
  readonly rpm?: number;
  readonly tpm?: number;
  readonly budgets: readonly Budget[];
}

interface Meta {
  readonly kind: 'requests' | 'tokens' | 'budget' | 'usage';
  readonly scope: Scope;
  readonly correct?: 'tokens' | 'cost';
  readonly budget?: Budget;
  readonly endsAt?: number;
}

export interface PeriodUsage {
  readonly period: string;
  readonly requests: number;
  readonly tokens: number;
  readonly spend_usd: number;
  readonly resets_at: string;
}

export interface UsageReport {
  readonly day: PeriodUsage;
  readonly month: PeriodUsage;
  readonly budgets: readonly { budget: string; spent_usd: number; remaining_usd: number; resets_at: string }[];
}

export interface WarnLogger {
  warn(obj: object, msg?: string): void;
}

const MINUTE = 60_000;
// Usage counters outlive their window so spend stays readable (CLI, admin API) after the reset.
const RETAIN: Record<BudgetPeriod, number> = { day: 35 * 86_400_000, month: 400 * 86_400_000 };
const LABEL: Record<Scope, string> = { key: 'this key', user: 'this user', team: 'this team', route: 'this route' };

const enc = (s: string): string => encodeURIComponent(s);
const usageKey = (scope: Scope, id: string, periodId: string, what: 'usd' | 'req' | 'tok'): string => `u:${scope}:${enc(id)}:${periodId}:${what}`;

function compile(spec: LimitSpec | undefined): Compiled | undefined {
  if (!spec) return undefined;
  return { rpm: spec.rpm, tpm: spec.tpm, budgets: parseBudgets(spec.budget) };
}

/** `1s`, `59s`, `250ms`: the OpenAI x-ratelimit-reset-* style. */
function resetText(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : `${Math.ceil(ms / 1000)}s`;
}

export class Limiter {
  private readonly keyDefaults: Compiled;
  private readonly users: Map<string, Compiled | undefined>;
  private readonly teams: Map<string, Compiled | undefined>;
  private readonly routes: Map<string, Compiled | undefined>;
  private readonly budgetMemo = new Map<string, Budget>();

  constructor(
    readonly store: Store,
    private readonly cfg: LimitsConfig,
    readonly prices: PriceTable,
    private readonly opts: { logger?: WarnLogger; now?: () => number } = {},
  ) {
    this.keyDefaults = compile(cfg.keys) ?? { budgets: [] };
    const map = (r: Record<string, LimitSpec>) => new Map(Object.entries(r).map(([k, v]) => [k, compile(v)]));
    this.users = map(cfg.users);
    this.teams = map(cfg.teams);
    this.routes = map(cfg.routes);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private budgetOf(text: string): Budget {
    let b = this.budgetMemo.get(text);
    if (!b) this.budgetMemo.set(text, (b = parseBudget(text)));
    return b;
  }

  private subjects(s: Subject): [Scope, string, Compiled][] {
    const out: [Scope, string, Compiled][] = [];
    if (s.keyId !== undefined) {
      const own = s.key;
      out.push(['key', s.keyId, {
        rpm: own?.rpm ?? this.keyDefaults.rpm,
        tpm: own?.tpm ?? this.keyDefaults.tpm,
        budgets: own && own.budgets.length > 0 ? own.budgets.map((t) => this.budgetOf(t)) : this.keyDefaults.budgets,
      }]);
    }
    const pick = (m: Map<string, Compiled | undefined>, id: string | undefined): Compiled | undefined =>
      id === undefined ? undefined : m.has(id) ? m.get(id) : m.get('*');
    const u = pick(this.users, s.user);
    if (u && s.user !== undefined) out.push(['user', s.user, u]);
    const t = pick(this.teams, s.team);
    if (t && s.team !== undefined) out.push(['team', s.team, t]);
    const r = pick(this.routes, s.route);
    if (r) out.push(['route', s.route, r]);
    return out;
  }

  /** Checks and reserves every applicable limit at once; throws a 429 AirlockError when one is reached. */
  async admit(s: Subject, estimatedTokens: number | (() => number)): Promise<LimitAdmission> {
    const now = this.now();
    const subjects = this.subjects(s);
    // Counting tokens costs real time on big prompts: only when some limit or meter needs it.
    if (subjects.length === 0 && s.keyId === undefined) return { headers: {}, settle: async () => undefined };
    const est = Math.max(0, Math.ceil(typeof estimatedTokens === 'function' ? estimatedTokens() : estimatedTokens));
    const needsPrice = subjects.some(([, , c]) => c.budgets.length > 0);
    const price: ModelPrice | undefined = s.model === undefined ? undefined : this.prices.lookup(s.model);
    if (needsPrice && s.model !== undefined && !price) {
      countRefusal('no_price');
      throw new AirlockError('AIRLOCK_ERR_MODEL_NOT_ALLOWED', {
        message: 'A budget applies to this request but the gateway has no price for this model, so it cannot be metered. Ask an admin to add it under prices:.',
        param: 'model',
      });
    }
    // The estimate mixes prompt and max_tokens; pricing it all at the dearer rate keeps the
    // pre-check on the safe side of a budget. settle() replaces it with the real cost.
    const estCost = price ? this.prices.costNano({ input: Math.max(price.input, price.output), output: 0 }, est, 0) : 0;
    const specs: CounterSpec[] = [];
    const metas: Meta[] = [];
    const add = (spec: CounterSpec, meta: Meta): void => {
      specs.push(spec);
      metas.push(meta);
    };
    for (const [scope, id, c] of subjects) {
      if (c.rpm !== undefined) add({ key: `rl:r:${scope}:${enc(id)}`, by: 1, limit: c.rpm, ttlMs: MINUTE }, { kind: 'requests', scope });
      if (c.tpm !== undefined) add({ key: `rl:t:${scope}:${enc(id)}`, by: est, limit: c.tpm, ttlMs: MINUTE }, { kind: 'tokens', scope, correct: 'tokens' });
      for (const b of c.budgets) {
        const w = periodWindow(b.period, now);
        add({ key: usageKey(scope, id, w.id, 'usd'), by: estCost, limit: b.nanoUsd, ttlMs: RETAIN[b.period] }, { kind: 'budget', scope, correct: 'cost', budget: b, endsAt: w.endsAt });
      }
    }
    if (s.keyId !== undefined) {
      for (const period of ['day', 'month'] as const) {
        const w = periodWindow(period, now);
        const ttlMs = RETAIN[period];
        const usd = usageKey('key', s.keyId, w.id, 'usd');
        if (!specs.some((x) => x.key === usd)) add({ key: usd, by: estCost, limit: Infinity, ttlMs }, { kind: 'usage', scope: 'key', correct: 'cost' });
        add({ key: usageKey('key', s.keyId, w.id, 'req'), by: 1, limit: Infinity, ttlMs }, { kind: 'usage', scope: 'key' });
        add({ key: usageKey('key', s.keyId, w.id, 'tok'), by: est, limit: Infinity, ttlMs }, { kind: 'usage', scope: 'key', correct: 'tokens' });
      }
    }
    if (specs.length === 0) return { headers: {}, settle: async () => undefined };

    let result;
    try {
      result = await this.store.consume(specs);
    } catch (e) {
      return this.storeFailed(e, 'admit');
    }
    const headers = this.headers(metas, specs, result.counters);
    if (!result.ok) {
      const i = result.failed ?? 0;
      throw this.refusal(metas[i]!, specs[i]!, result.counters[i]!, headers, now);
    }
    let settled = false;
    return {
      headers,
      settle: async (usage) => {
        if (settled) return;
        settled = true;
        // No usage means nothing was billed (blocked, upstream failure): hand the reservation back.
        const real = usage ? usage.promptTokens + usage.completionTokens : 0;
        const realCost = usage && price ? this.prices.costNano(price, usage.promptTokens, usage.completionTokens) : 0;
        const deltas = { tokens: real - est, cost: realCost - estCost };
        try {
          const items: { key: string; by: number }[] = [];
          metas.forEach((m, j) => {
            if (m.correct && deltas[m.correct] !== 0) items.push({ key: specs[j]!.key, by: deltas[m.correct] });
          });
          await this.store.adjustMany(items);
        } catch (e) {
          countStoreError('settle');
          this.opts.logger?.warn({ err: (e as Error).message, op: 'settle' }, 'limits store error');
        }
      },
    };
  }

  private storeFailed(e: unknown, op: string): LimitAdmission {
    countStoreError(op);
    this.opts.logger?.warn({ err: (e as Error).message, op, store: this.store.kind, on_store_error: this.cfg.on_store_error }, 'limits store error');
    if (this.cfg.on_store_error === 'closed') throw new AirlockError('AIRLOCK_ERR_STORE_UNAVAILABLE', { headers: { 'Retry-After': '1' } });
    return { headers: {}, settle: async () => undefined };
  }

  /** OpenAI-style headers from the tightest request and token limits. */
  private headers(metas: Meta[], specs: CounterSpec[], counters: readonly CounterState[]): Record<string, string> {
    const h: Record<string, string> = {};
    for (const kind of ['requests', 'tokens'] as const) {
      let best: { limit: number; remaining: number; reset: number } | undefined;
      metas.forEach((m, i) => {
        if (m.kind !== kind) return;
        const remaining = Math.max(0, specs[i]!.limit - counters[i]!.value);
        if (!best || remaining < best.remaining) best = { limit: specs[i]!.limit, remaining, reset: counters[i]!.resetMs || MINUTE };
      });
      if (best) {
        h[`x-ratelimit-limit-${kind}`] = String(best.limit);
        h[`x-ratelimit-remaining-${kind}`] = String(best.remaining);
        h[`x-ratelimit-reset-${kind}`] = resetText(best.reset);
      }
    }
    return h;
  }

  private refusal(m: Meta, spec: CounterSpec, c: CounterState, headers: Record<string, string>, now: number): AirlockError {
    if (m.kind === 'budget' && m.budget && m.endsAt !== undefined) {
      countRefusal('budget');
      const resetsAt = new Date(m.endsAt).toISOString();
      return new AirlockError('AIRLOCK_ERR_BUDGET_EXCEEDED', {
        message: `The ${m.budget.text} budget for ${LABEL[m.scope]} is used up ($${formatUsd(c.value)} spent); it resets at ${resetsAt}.`,
        details: { budget_scope: m.scope, budget: m.budget.text, period: m.budget.period, resets_at: resetsAt },
        headers: { ...headers, 'Retry-After': String(Math.max(1, Math.ceil((m.endsAt - now) / 1000))) },
      });
    }
    countRefusal(m.kind);
    const unit = m.kind === 'tokens' ? 'tokens' : 'requests';
    const retry = Math.max(1, Math.ceil((c.resetMs || MINUTE) / 1000));
    const never = spec.by > spec.limit;
    const message = never
      ? `This request needs about ${spec.by} tokens but ${LABEL[m.scope]} may use ${spec.limit} tokens per minute; send a shorter prompt or a lower max_tokens.`
      : `Rate limit reached for ${LABEL[m.scope]}: ${spec.limit} ${unit} per minute. Retry after ${retry} s.`;
    return new AirlockError('AIRLOCK_ERR_RATE_LIMITED', {
      message,
      details: { limit_scope: m.scope, limit_type: unit, retry_after_s: retry },
      headers: { ...headers, 'Retry-After': String(retry) },
    });
  }

  /** Spend, requests and tokens of one key (or user / team) today and this month, with its budgets. */
  async usage(scope: 'key' | 'user' | 'team', id: string, budgets: readonly string[] = []): Promise<UsageReport> {
    const now = this.now();
    const read = async (period: BudgetPeriod): Promise<PeriodUsage> => {
      const w = periodWindow(period, now);
      const [usd, req, tok] = await Promise.all(
        (['usd', 'req', 'tok'] as const).map((what) => this.store.peek(usageKey(scope, id, w.id, what))),
      );
      return {
        period: w.id.slice(1),
        requests: req!.value,
        tokens: Math.max(0, tok!.value),
        spend_usd: Number(formatUsd(Math.max(0, usd!.value))),
        resets_at: new Date(w.endsAt).toISOString(),
      };
    };
    const [day, month] = [await read('day'), await read('month')];
    const effective = budgets.length > 0 ? budgets.map((t) => this.budgetOf(t)) : scope === 'key' ? this.keyDefaults.budgets : [];
    return {
      day,
      month,
      budgets: effective.map((b) => {
        const p = b.period === 'day' ? day : month;
        return {
          budget: b.text,
          spent_usd: p.spend_usd,
          remaining_usd: Math.max(0, Number(formatUsd(b.nanoUsd)) - p.spend_usd),
          resets_at: p.resets_at,
        };
      }),
    };
  }
}
