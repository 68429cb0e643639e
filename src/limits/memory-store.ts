import type { ConsumeResult, CounterSpec, CounterState, Store } from './store.js';

interface Entry {
  num: number;
  str?: string;
  /** Epoch ms; Infinity = never. */
  expiresAt: number;
}

/** A single-process store: every method runs synchronously inside one tick, hence atomically. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly map = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Expired counters are dropped on access; the sweep bounds memory for keys never read again.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string, t: number): Entry | undefined {
    const e = this.map.get(key);
    if (e && e.expiresAt <= t) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  private state(key: string, e: Entry | undefined, t: number): CounterState {
    if (!e) return { key, value: 0, resetMs: 0 };
    return { key, value: e.num, resetMs: e.expiresAt === Infinity ? 0 : e.expiresAt - t };
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.map) if (e.expiresAt <= t) this.map.delete(k);
  }

  async incr(key: string, by: number, ttlMs: number): Promise<CounterState> {
    const t = this.now();
    let e = this.live(key, t);
    if (!e) {
      e = { num: 0, expiresAt: t + ttlMs };
      this.map.set(key, e);
    }
    e.num += by;
    return this.state(key, e, t);
  }

  async adjust(key: string, by: number): Promise<CounterState | undefined> {
    const t = this.now();
    const e = this.live(key, t);
    if (!e) return undefined;
    e.num += by;
    return this.state(key, e, t);
  }

  async adjustMany(items: readonly { readonly key: string; readonly by: number }[]): Promise<void> {
    for (const i of items) await this.adjust(i.key, i.by);
  }

  async consume(specs: readonly CounterSpec[]): Promise<ConsumeResult> {
    const t = this.now();
    const entries = specs.map((s) => this.live(s.key, t));
    for (let i = 0; i < specs.length; i++) {
      const s = specs[i]!;
      if ((entries[i]?.num ?? 0) + s.by > s.limit) {
        return { ok: false, failed: i, counters: specs.map((x, j) => this.state(x.key, entries[j], t)) };
      }
    }
    const counters = specs.map((s, i) => {
      let e = entries[i];
      if (!e) {
        e = this.map.get(s.key) ?? { num: 0, expiresAt: t + s.ttlMs };
        this.map.set(s.key, e);
        entries[i] = e;
      }
      e.num += s.by;
      return this.state(s.key, e, t);
    });
    return { ok: true, counters };
  }

  async peek(key: string): Promise<CounterState> {
    const t = this.now();
    return this.state(key, this.live(key, t), t);
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key, this.now())?.str;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.map.set(key, { num: 0, str: value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
  }

  async del(key: string): Promise<void> {
    this.map.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.map.clear();
  }
}
