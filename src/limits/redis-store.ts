import { Redis } from 'ioredis';
import type { ConsumeResult, CounterSpec, CounterState, Store } from './store.js';

/*
 * Lua scripts run atomically inside Redis, so every replica sharing the server sees one ordered
 * history of check-and-add operations. Values travel as strings: Lua numbers returned to Redis
 * would be truncated to integers.
 */
const INCR = `
local v = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
local t = redis.call('PTTL', KEYS[1])
if t < 0 then t = tonumber(ARGV[2]); redis.call('PEXPIRE', KEYS[1], t) end
return {v, t}`;

const ADJUST = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local v = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
local t = redis.call('PTTL', KEYS[1])
if t < 0 then t = 0 end
return {v, t}`;

const ADJUST_MANY = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBYFLOAT', KEYS[i], ARGV[i]) end
end
return 1`;

// ARGV holds (by, limit, ttl) per key; limit < 0 means record only.
const CONSUME = `
local n = #KEYS
local cur = {}
for i = 1, n do cur[i] = tonumber(redis.call('GET', KEYS[i]) or '0') end
for i = 1, n do
  local lim = tonumber(ARGV[(i - 1) * 3 + 2])
  if lim >= 0 and cur[i] + tonumber(ARGV[(i - 1) * 3 + 1]) > lim then
    local out = {0, i}
    for j = 1, n do
      local t = redis.call('PTTL', KEYS[j])
      if t < 0 then t = 0 end
      out[#out + 1] = tostring(cur[j])
      out[#out + 1] = t
    end
    return out
  end
end
local out = {1, 0}
for i = 1, n do
  local v = redis.call('INCRBYFLOAT', KEYS[i], ARGV[(i - 1) * 3 + 1])
  local t = redis.call('PTTL', KEYS[i])
  if t < 0 then t = tonumber(ARGV[(i - 1) * 3 + 3]); redis.call('PEXPIRE', KEYS[i], t) end
  out[#out + 1] = v
  out[#out + 1] = t
end
return out`;

type Reply = (string | number)[];
interface ScriptCommands {
  alIncr(key: string, by: string, ttl: string): Promise<Reply>;
  alAdjust(key: string, by: string): Promise<Reply | null>;
  alAdjustMany(numKeys: number, ...args: string[]): Promise<number>;
  alConsume(numKeys: number, ...args: string[]): Promise<Reply>;
}

export interface RedisStoreOptions {
  readonly url: string;
  readonly prefix?: string;
  /** A command that takes longer fails (and on_store_error decides), instead of hanging requests. */
  readonly commandTimeoutMs?: number;
}

/** Shared counters for a fleet of replicas. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly redis: Redis;
  private readonly prefix: string;
  private readonly scripts: ScriptCommands;

  private constructor(opts: RedisStoreOptions) {
    this.prefix = opts.prefix ?? 'airlock:';
    this.redis = new Redis(opts.url, {
      // Fail fast while Redis is down rather than queueing requests behind a reconnect loop.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 100, 2000),
      lazyConnect: true,
    });
    // Connection errors surface through the failing commands; without a listener ioredis prints them.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('alIncr', { numberOfKeys: 1, lua: INCR });
    this.redis.defineCommand('alAdjust', { numberOfKeys: 1, lua: ADJUST });
    this.redis.defineCommand('alConsume', { lua: CONSUME });
    this.redis.defineCommand('alAdjustMany', { lua: ADJUST_MANY });
    this.scripts = this.redis as unknown as ScriptCommands;
  }

  /** Connects (waiting at most ~2 s); an unreachable server still yields a store whose calls fail. */
  static async connect(opts: RedisStoreOptions): Promise<RedisStore> {
    const s = new RedisStore(opts);
    await s.redis.connect().catch(() => undefined);
    return s;
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async incr(key: string, by: number, ttlMs: number): Promise<CounterState> {
    const [v, t] = await this.scripts.alIncr(this.k(key), String(by), String(Math.max(1, Math.ceil(ttlMs))));
    return { key, value: Number(v), resetMs: Number(t) };
  }

  async adjust(key: string, by: number): Promise<CounterState | undefined> {
    const r = await this.scripts.alAdjust(this.k(key), String(by));
    if (!r) return undefined;
    return { key, value: Number(r[0]), resetMs: Number(r[1]) };
  }

  async adjustMany(items: readonly { readonly key: string; readonly by: number }[]): Promise<void> {
    if (items.length === 0) return;
    await this.scripts.alAdjustMany(items.length, ...items.map((i) => this.k(i.key)), ...items.map((i) => String(i.by)));
  }

  async consume(specs: readonly CounterSpec[]): Promise<ConsumeResult> {
    if (specs.length === 0) return { ok: true, counters: [] };
    const args: string[] = specs.map((s) => this.k(s.key));
    for (const s of specs) {
      args.push(String(s.by), Number.isFinite(s.limit) ? String(s.limit) : '-1', String(Math.max(1, Math.ceil(s.ttlMs))));
    }
    const r = await this.scripts.alConsume(specs.length, ...args);
    const counters = specs.map((s, i) => ({ key: s.key, value: Number(r[2 + i * 2]), resetMs: Number(r[3 + i * 2]) }));
    return Number(r[0]) === 1 ? { ok: true, counters } : { ok: false, failed: Number(r[1]) - 1, counters };
  }

  async peek(key: string): Promise<CounterState> {
    const [[, v], [, t]] = (await this.redis.multi().get(this.k(key)).pttl(this.k(key)).exec()) as [[unknown, string | null], [unknown, number]];
    if (v === null) return { key, value: 0, resetMs: 0 };
    return { key, value: Number(v), resetMs: Math.max(0, t) };
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.k(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(this.k(key), value);
    else await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async del(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
