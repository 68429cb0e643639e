/**
 * Limits overhead: p50 latency of the same chat request through the gateway without identity or
 * limits, then with a virtual key + rpm/tpm/budget checks on the memory, SQLite and Redis stores.
 * All cases share one process, one mock upstream and run interleaved in rounds, so drift and
 * noise hit every case alike; the figure is the p50 difference against the baseline.
 * Usage: node --import tsx bench/limits.ts   (BENCH_LIMITS_N requests per case, default 4000)
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { configSchema } from '../src/config/root.js';
import { startGateway, type Gateway } from '../src/gateway/index.js';
import { createAccessHooks, type AccessHooks } from '../src/identity/index.js';
import { createLogger } from '../src/telemetry/log.js';
import { startRedis, type RedisService } from '../test/helpers/services.js';

const N = Number(process.env.BENCH_LIMITS_N ?? 4000);
const ROUNDS = 10;
const body = JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 64, messages: [{ role: 'user', content: 'Summarise the quarterly report in two lines, please.' }] });
const answer = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Revenue up, costs flat.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
});

function mockUpstream(): Promise<Server> {
  const s = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer));
  });
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(s)));
}

interface Case {
  readonly name: string;
  readonly gw: Gateway;
  readonly pool: Pool;
  readonly headers: Record<string, string>;
  readonly samples: number[];
  readonly hooks?: AccessHooks;
}

const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-limits-'));
const logger = createLogger({ level: 'silent' });
const up = await mockUpstream();
const upPort = (up.address() as AddressInfo).port;
const redis: RedisService = await startRedis();

async function makeCase(name: string, store?: 'memory' | 'sqlite' | 'redis'): Promise<Case> {
  const config = configSchema().parse({
    server: { host: '127.0.0.1', port: 0, log_level: 'silent', data_dir: join(dir, name) },
    upstreams: { mock: { url: `http://127.0.0.1:${upPort}`, provider: 'openai', api_key: 'sk-bench' } },
    routes: [{ name: 'chat', upstream: 'mock', path_prefix: '/', auth: store ? 'virtual_key' : 'trusted' }],
    policies: { default: {} },
    ...(store ? { limits: { store, ...(store === 'redis' ? { redis_url: redis.url } : {}), users: { '*': { rpm: 1e9 } } } } : {}),
  });
  let hooks: AccessHooks | undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (store) {
    hooks = await createAccessHooks({ config, dataDir: join(dir, name), logger, env: { AIRLOCK_MASTER_KEY: 'b'.repeat(64) } });
    // Every check on: rpm and tpm per key and per user, a monthly budget, usage counters.
    const { key } = await hooks.keys.create({ name: 'bench', user: 'bench', rpm: 1e9, tpm: 1e12, budget: '1000000usd/month' });
    headers.authorization = `Bearer ${key}`;
  }
  const gw = await startGateway({
    config,
    logger,
    ...(hooks ? { hooks: { authenticate: hooks.authenticate, admit: hooks.admit } } : {}),
  });
  const pool = new Pool(`http://127.0.0.1:${gw.port}`, { connections: 1, pipelining: 1 });
  return { name, gw, pool, headers, samples: [], ...(hooks ? { hooks } : {}) };
}

async function once(c: Case, record: boolean): Promise<void> {
  const t0 = process.hrtime.bigint();
  const r = await c.pool.request({ method: 'POST', path: '/v1/chat/completions', headers: c.headers, body });
  await r.body.text();
  if (r.statusCode !== 200) throw new Error(`${c.name}: status ${r.statusCode}`);
  if (record) c.samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

const p = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))]!;
};

const cases = [await makeCase('no limits'), await makeCase('key + limits, memory', 'memory'), await makeCase('key + limits, sqlite', 'sqlite'), await makeCase('key + limits, redis', 'redis')];
// The floor for any shared store: one Redis round trip from this process, measured alongside.
const ping = new Redis(redis.url);
const pings: number[] = [];
for (const c of cases) for (let i = 0; i < 300; i++) await once(c, false); // warm-up: JIT, pools, Lua script cache
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) for (let i = 0; i < N / ROUNDS; i++) await once(c, true);
  for (let i = 0; i < N / ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    await ping.ping();
    pings.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
ping.disconnect();

const base = p(cases[0]!.samples, 50);
const fmt = (n: number) => n.toFixed(3);
console.log(`\nLimits overhead (${N} sequential requests per case, ${ROUNDS} interleaved rounds, one keep-alive connection)\n`);
console.log('| case | p50 ms | p99 ms | p50 overhead ms | target |');
console.log('|---|---:|---:|---:|---|');
for (const c of cases) {
  const d = p(c.samples, 50) - base;
  const target = c === cases[0] ? '' : d < 0.3 ? '< 0.3 ms ✓' : '< 0.3 ms ✗';
  console.log(`| ${c.name} | ${fmt(p(c.samples, 50))} | ${fmt(p(c.samples, 99))} | ${c === cases[0] ? '—' : fmt(d)} | ${target} |`);
}
console.log(`| (reference) one Redis PING round trip | ${fmt(p(pings, 50))} | ${fmt(p(pings, 99))} | | |`);
const [load1] = (await import('node:os')).loadavg();
console.log(`\nload average during the run: ${load1!.toFixed(2)} on ${(await import('node:os')).cpus().length} CPUs`);

for (const c of cases) {
  await c.pool.close();
  await c.gw.close();
  await c.hooks?.close();
}
up.close();
await redis.stop();
rmSync(dir, { recursive: true, force: true });
