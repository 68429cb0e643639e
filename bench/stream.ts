/**
 * Streaming bench: a 2,000-token answer, paced like a provider (one token per `BENCH_TOKEN_MS`),
 * read directly from the mock and through Airlock (output detectors on, and off), same run.
 * Prints time to first token and total time with ratios to direct. The hold-back window is the
 * time the provider needs to emit `hold_back + scan_step` characters, measured on the direct run;
 * Airlock's TTFT overhead beyond it is what the 2 ms target is about.
 *
 *   node --import tsx bench/stream.ts   (env: BENCH_STREAM_TOKENS, BENCH_TOKEN_MS, BENCH_STREAM_RUNS,
 *                                        BENCH_HOLD_BACK, BENCH_SCAN_STEP)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request, type Dispatcher } from 'undici';
import { startGateway } from '../src/gateway/index.js';
import { configSchema } from '../src/config/root.js';
import { getDetector } from '../src/detectors/index.js';
import { createLogger } from '../src/telemetry/log.js';
import { DEFAULT_HOLD_BACK, DEFAULT_SCAN_STEP, SseParser } from '../src/stream/index.js';
import { startStreamMock } from '../test/helpers/stream-mock.js';
import { createTestCa } from '../test/helpers/tls.js';

const TOKENS = Number(process.env.BENCH_STREAM_TOKENS ?? 2000);
const TOKEN_MS = Number(process.env.BENCH_TOKEN_MS ?? 1);
const RUNS = Number(process.env.BENCH_STREAM_RUNS ?? 5);
const HOLD_BACK = Number(process.env.BENCH_HOLD_BACK ?? DEFAULT_HOLD_BACK);
const SCAN_STEP = Number(process.env.BENCH_SCAN_STEP ?? DEFAULT_SCAN_STEP);
const WORDS = 'the plan covers routes fares seats meals and baggage for every passenger on board today '.split(' ');

interface Sample {
  readonly ttft: number;
  /** When the first `hold_back + scan_step` characters had arrived. */
  readonly window: number;
  readonly total: number;
  readonly chars: number;
}

async function once(url: string, dispatcher?: Dispatcher): Promise<Sample> {
  const body = JSON.stringify({ model: 'gpt-bench', stream: true, messages: [{ role: 'system', content: 'You are a concise travel assistant.' }, { role: 'user', content: 'Describe the plan.' }] });
  const t0 = performance.now();
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...(dispatcher ? { dispatcher } : {}) });
  const parser = new SseParser();
  let ttft = 0;
  let window = 0;
  let chars = 0;
  for await (const chunk of res.body) {
    for (const ev of parser.push(chunk as Buffer)) {
      if (!ev.hasData || ev.data === '[DONE]') continue;
      const c = (JSON.parse(ev.data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
      if (!c) continue;
      if (chars === 0) ttft = performance.now() - t0;
      chars += c.length;
      if (window === 0 && chars >= HOLD_BACK + SCAN_STEP) window = performance.now() - t0;
    }
  }
  parser.end();
  return { ttft, window, total: performance.now() - t0, chars };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Child mode: the paced provider runs in its own process, so Airlock's work cannot slow its clock. */
async function serveMock(): Promise<void> {
  const mock = await startStreamMock({ certPem: process.env.BENCH_CERT ?? '', keyPem: process.env.BENCH_KEY ?? '' });
  const tokens = Array.from({ length: TOKENS }, (_, i) => `${i === 0 ? '' : ' '}${WORDS[i % WORDS.length] as string}`);
  mock.behavior.pieces = () => tokens;
  mock.behavior.delayMs = TOKEN_MS;
  process.stdout.write(`${mock.url}\n`);
  process.on('disconnect', () => void mock.close().then(() => process.exit(0)));
}

async function startMockProcess(ca: { certPem: string; keyPem: string }): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), ['--mock'], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_CERT: ca.certPem, BENCH_KEY: ca.keyPem }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      if (buf.includes('\n')) resolve(buf.trim());
    });
    child.once('exit', () => reject(new Error('the mock provider process exited')));
  });
  return { url, child };
}

async function main(): Promise<void> {
  const ca = createTestCa();
  const { url: mockUrl, child } = await startMockProcess(ca);
  const mock = { url: mockUrl };
  const direct = new Agent({ connect: { ca: ca.caPem } });

  // Every output detector that is registered and valid with its defaults, plus configured ones.
  const output: Record<string, unknown> = {
    keywords: { action: 'block', lists: [{ name: 'aws', words: ['AKIAIOSFODNN7EXAMPLE'] }] },
    toxicity: { action: 'redact' },
    canary: { words: ['zebra-canary-51'] },
    system_prompt_leak: {},
  };
  for (const id of ['secrets', 'pii', 'code']) {
    const d = getDetector(id);
    if (d && d.stage !== 'input' && d.params.safeParse({}).success) output[id] = {};
  }
  const logger = createLogger({ level: 'silent' });
  const mk = (policy: Record<string, unknown>) =>
    startGateway({
      logger,
      host: '127.0.0.1',
      port: 0,
      config: configSchema().parse({
        upstreams: { openai: { url: mock.url, provider: 'openai', api_key: 'sk-bench', ca_file: ca.caFile } },
        routes: [{ path_prefix: '/v1', upstream: 'openai' }],
        policies: { default: { ...policy, stream: { hold_back_chars: HOLD_BACK, scan_step_chars: SCAN_STEP } } },
      }),
    });
  const guarded = await mk({ output });
  const plain = await mk({});
  const targets: [string, string, Dispatcher | undefined][] = [
    ['direct to mock', `${mock.url}/v1/chat/completions`, direct],
    ['Airlock, no output detectors', `http://127.0.0.1:${plain.port}/v1/chat/completions`, undefined],
    [`Airlock, output detectors (${Object.keys(output).join(', ')})`, `http://127.0.0.1:${guarded.port}/v1/chat/completions`, undefined],
  ];
  const samples = new Map<string, Sample[]>(targets.map(([n]) => [n, []]));
  for (const [, url, d] of targets) await once(url, d); // warm-up: TLS, pools, JIT
  // Interleave so slow drift on a shared machine hits every target alike.
  for (let r = 0; r < RUNS; r++) for (const [n, url, d] of targets) samples.get(n)?.push(await once(url, d));

  const base = samples.get('direct to mock') as Sample[];
  const bT = median(base.map((s) => s.ttft));
  const bTotal = median(base.map((s) => s.total));
  const win = median(base.map((s) => s.window)) - bT;
  const lines = [
    `streamed answer: ${TOKENS} tokens (${base[0]?.chars ?? 0} chars), one per ${TOKEN_MS} ms; ${RUNS} runs each, medians; hold_back ${HOLD_BACK} + scan_step ${SCAN_STEP} chars ≈ ${win.toFixed(1)} ms of provider output`,
    '| path | TTFT ms | TTFT overhead ms | overhead beyond hold-back ms | total ms | total / direct |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [n] of targets) {
    const s = samples.get(n) as Sample[];
    const t = median(s.map((x) => x.ttft));
    const total = median(s.map((x) => x.total));
    const guardedRow = n.startsWith('Airlock, output');
    const over = t - bT;
    lines.push(`| ${n} | ${t.toFixed(2)} | ${over.toFixed(2)} | ${guardedRow ? (over - win).toFixed(2) : '—'} | ${total.toFixed(1)} | ${(total / bTotal).toFixed(3)} |`);
  }
  console.log(lines.join('\n'));
  await guarded.close();
  await plain.close();
  await direct.close();
  child.disconnect();
  ca.cleanup();
}

if (process.argv.includes('--mock')) await serveMock();
else await main();
