/**
 * The Alibaba ASM LLMProxy tutorial, run against `airlock serve` with the tutorial's own
 * WasmPlugin manifest, unchanged. The app speaks plain HTTP to dashscope.aliyuncs.com (the mesh
 * redirects it to Airlock); Airlock upgrades to HTTPS, here to a local mock provider via --resolve.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAirlock, type RunningAirlock } from '../helpers/cli.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

const CANARY_KEY = 'sk-canary-7f3a9c1e5b2d4a6f8e0c';
const MEETING =
  'Our company will hold a high-level internal meeting on September 10th to discuss the merger with our competitor. Please write an opening speech.';

let ca: TestCa;
let mock: MockProvider;
let airlock: RunningAirlock;
let manifest: string;

async function chat(content: string, extraHeaders: Record<string, string> = {}) {
  const r = await request(`http://127.0.0.1:${airlock.port}/compatible-mode/v1/chat/completions`, {
    method: 'POST',
    headers: { host: 'dashscope.aliyuncs.com', 'content-type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ model: 'qwen-max', messages: [{ role: 'user', content }] }),
  });
  const text = await r.body.text();
  return { status: r.statusCode, json: JSON.parse(text) as { error?: { message: string; code: string; rule?: string }; choices?: { message: { content: string } }[] } };
}

beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
  const dir = mkdtempSync(join(tmpdir(), 'airlock-asm-'));
  manifest = join(dir, 'asm-llm-proxy.yaml');
  copyFileSync(new URL('../fixtures/asm-llm-proxy.yaml', import.meta.url), manifest);
  airlock = await startAirlock(
    ['--config', manifest, '--admin-port', '0', '--data-dir', join(dir, 'data'), '--resolve', `dashscope.aliyuncs.com:443:127.0.0.1:${mock.port}`, '--ca-file', ca.caFile],
    { DASHSCOPE_API_KEY: CANARY_KEY },
  );
});

afterAll(async () => {
  await airlock?.stop();
  await mock?.close();
  ca?.cleanup();
});

describe('ASM LLMProxy tutorial with its manifest', () => {
  it('1. injects the key: an app with no API key gets an ordinary answer', async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    const r = await chat('Hello, who are you?');
    expect(r.status).toBe(200);
    expect(r.json.choices?.[0]?.message.content).toBeTruthy();
    const upstream = mock.requests.filter((q) => (q.json as { model?: string }).model === 'qwen-max');
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(upstream[0]?.url).toBe('/compatible-mode/v1/chat/completions');
  });

  it("removes a caller's own credential instead of forwarding it", async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    const r = await chat('Hello again', { authorization: 'Bearer sk-caller-own-key' });
    expect(r.status).toBe(200);
    const up = mock.requests.find((q) => (q.json as { model?: string }).model === 'qwen-max');
    expect(up?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
  });

  it('2. refuses a prompt matching a deny pattern before it leaves', async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    const r = await chat('I like red bean zongzi, and my QQ 账号 is 1111111');
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('AIRLOCK_ERR_BLOCKED');
    expect(JSON.stringify(r.json)).toContain('deny_patterns[0]');
    expect(mock.requests).toHaveLength(0);
  });

  it("3. asks the intelligent guard and refuses with the judge's reason", async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    mock.behavior.judge = (text) =>
      text.includes('internal meeting')
        ? { result: 'deny', reason: 'The prompt discloses an internal company meeting.' }
        : { result: 'allow' };
    const r = await chat(MEETING);
    expect(r.status).toBe(403);
    expect(r.json.error?.message).toContain('The prompt discloses an internal company meeting.');
    const models = mock.requests.map((q) => (q.json as { model?: string }).model);
    expect(models).toEqual(['qwen-turbo']); // the judge was asked; the provider never saw the prompt
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
  });

  it('works as a forward proxy (HTTP_PROXY) with an absolute-form URI', async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    const { Client } = await import('undici');
    const client = new Client(`http://127.0.0.1:${airlock.port}`);
    try {
      const r = await client.request({
        method: 'POST',
        path: 'http://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'qwen-max', messages: [{ role: 'user', content: 'via proxy' }] }),
      });
      expect(r.statusCode).toBe(200);
      await r.body.dump();
    } finally {
      await client.close();
    }
  });

  it('refuses hosts it does not serve: never an open proxy', async () => {
    mock.reset();
    const { Client } = await import('undici');
    const client = new Client(`http://127.0.0.1:${airlock.port}`);
    try {
      const r = await client.request({
        method: 'POST',
        path: 'http://evil.example.com/v1/chat/completions',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(await r.body.text()).toContain('not an open proxy');
    } finally {
      await client.close();
    }
    expect(mock.requests).toHaveLength(0);
  });

  it('reloads on SIGHUP: a valid edit takes over, an invalid one is rejected and the old one keeps serving', async () => {
    mock.reset();
    mock.behavior.judgeModel = 'qwen-turbo';
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, original.replace('    - .*账号.*', '    - .*账号.*\n    - (?i)project\\s+falcon'));
    airlock.child.kill('SIGHUP');
    let status = 0;
    for (let i = 0; i < 50 && status !== 403; i++) {
      status = (await chat('Tell me about Project Falcon')).status;
      if (status !== 403) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(403);
    writeFileSync(manifest, original.replace('deny_patterns:', 'deny_paterns:'));
    airlock.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 500));
    expect(airlock.output()).toMatch(/configuration rejected/);
    expect((await chat('Tell me about Project Falcon')).status).toBe(403);
    writeFileSync(manifest, original);
  });

  it('never writes the provider key to its output', () => {
    expect(airlock.output()).not.toContain(CANARY_KEY);
    expect(airlock.output()).not.toContain('7f3a9c1e5b2d4a6f8e0c');
  });
});
