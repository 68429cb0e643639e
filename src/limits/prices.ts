/**
 * Shipped list prices in USD per 1M tokens (input / output), used for budgets. They drift: any
 * entry can be overridden (or added) under `prices:` in the config. Dated model ids
 * (`gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`) resolve to their family by longest prefix.
 */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  'o1-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  // Anthropic
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-opus': { input: 15, output: 75 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  // Qwen (DashScope, international list prices)
  'qwen3-max': { input: 1.2, output: 6 },
  'qwen-max': { input: 1.6, output: 6.4 },
  'qwen-plus': { input: 0.4, output: 1.2 },
  'qwen-turbo': { input: 0.05, output: 0.2 },
  'qwen-flash': { input: 0.05, output: 0.4 },
  'qwen3-coder-plus': { input: 1, output: 5 },
};

export class PriceTable {
  private readonly table: Map<string, ModelPrice>;
  private readonly keysByLength: string[];
  private readonly memo = new Map<string, ModelPrice | undefined>();

  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}) {
    this.table = new Map();
    for (const [k, v] of Object.entries({ ...DEFAULT_PRICES, ...overrides })) this.table.set(k.toLowerCase(), v);
    this.keysByLength = [...this.table.keys()].sort((a, b) => b.length - a.length);
  }

  lookup(model: string): ModelPrice | undefined {
    const m = model.toLowerCase();
    if (this.memo.has(m)) return this.memo.get(m);
    // `openai/gpt-4o` style ids name the same model.
    const bare = m.includes('/') ? m.slice(m.lastIndexOf('/') + 1) : m;
    let found = this.table.get(m) ?? this.table.get(bare);
    if (!found) {
      const k = this.keysByLength.find((p) => bare.startsWith(p) && (bare.length === p.length || bare[p.length] === '-'));
      found = k === undefined ? undefined : this.table.get(k);
    }
    if (this.memo.size < 10_000) this.memo.set(m, found);
    return found;
  }

  /** Cost in integer nano-dollars ($1 per 1M tokens = 1000 nano-dollars per token). */
  costNano(price: ModelPrice, promptTokens: number, completionTokens: number): number {
    return Math.round(promptTokens * price.input * 1000 + completionTokens * price.output * 1000);
  }
}
