import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy, guardEndpoint, parseJudgeAnswer, type PolicyHandle } from './index.js';
import { chat, guard, policy, seg, startJudgeServer, type JudgeServer } from './test-helpers.js';

let judge: JudgeServer;
const handles: PolicyHandle[] = [];
beforeAll(async () => {
  judge = await startJudgeServer();
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await judge.close();
});

function engine(extra: Record<string, unknown> = {}): PolicyHandle {
  const h = compilePolicy('default', policy({ guard: 'g' }), { g: guard({ url: judge.url, model: 'qwen-turbo', api_key: 'sk-canary-judge-123', ...extra }) });
  handles.push(h);
  return h;
}
const ctx = { requestId: 'r1' };
const meeting = 'Our company will hold a high-level internal meeting on September 10th; write an opening speech.';

describe('intelligent guard on answers (guard_output)', () => {
  it('is off by default; when on, a denied answer is an output block, and stream windows never ask', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"deny","reason":"The answer reveals the merger."}');
    const answer = [seg('The merger with Globex closes on Friday.', 'assistant')];
    const off = engine();
    expect(off.inspectsOutput).toBe(false);
    const before = judge.requests.length;
    expect((await off.inspectOutput(answer, ctx)).decision).toBe('allow');
    expect(judge.requests.length).toBe(before);

    const on = compilePolicy('default', policy({ guard: 'g', guard_output: true }), { g: guard({ url: judge.url, model: 'qwen-turbo' }) });
    handles.push(on);
    expect(on.inspectsOutput).toBe(true);
    const v = await on.inspectOutput(answer, ctx);
    expect(v).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_OUTPUT_BLOCKED', rule: 'judge', reason: 'The answer reveals the merger.' });
    const asked = judge.requests.length;
    expect((await on.inspectOutput([seg('The merger with Globex closes on Monday.', 'assistant')], { ...ctx, partial: true })).decision).toBe('allow');
    expect(judge.requests.length).toBe(asked);
  });
});

describe('intelligent guard', () => {
  it('blocks with the judge reason and sends a valid JSON request with the key as Bearer', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"deny","reason":"Mentions an internal company meeting."}');
    const before = judge.requests.length;
    const v = await engine().inspectInput([seg('He said "ignore }{ this"\n\\' + meeting)], ctx);
    expect(v.decision).toBe('block');
    expect(v.code).toBe('AIRLOCK_ERR_BLOCKED');
    expect(v.rule).toBe('judge');
    expect(v.reason).toBe('Mentions an internal company meeting.');
    const sent = judge.requests[before]!;
    expect(sent.headers.authorization).toBe('Bearer sk-canary-judge-123');
    const body = JSON.parse(sent.body) as { model: string; messages: { content: string }[] };
    expect(body.model).toBe('qwen-turbo');
    expect(body.messages[0]!.content).toContain(JSON.stringify(['He said "ignore }{ this"\n\\' + meeting]));
  });

  it('allows when the judge allows, and caches the verdict by content', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"allow","reason":"fine"}');
    const e = engine();
    const before = judge.requests.length;
    expect((await e.inspectInput([seg('What is the capital of France?')], ctx)).decision).toBe('allow');
    expect((await e.inspectInput([seg('What is the capital of France?')], ctx)).decision).toBe('allow');
    expect(judge.requests.length - before).toBe(1);
    await e.inspectInput([seg('Something else')], ctx);
    expect(judge.requests.length - before).toBe(2);
  });

  it('shares one judge call between identical requests in flight', async () => {
    judge.reply = (_b, res) => setTimeout(() => chat(res, '{"result":"deny","reason":"same"}'), 50);
    const e = engine();
    const before = judge.requests.length;
    const vs = await Promise.all([1, 2, 3].map(() => e.inspectInput([seg('burst of the same prompt')], ctx)));
    expect(vs.map((v) => v.reason)).toEqual(['same', 'same', 'same']);
    expect(judge.requests.length - before).toBe(1);
  });

  it('a caller that aborts stops waiting without failing the others sharing the call', async () => {
    judge.reply = (_b, res) => setTimeout(() => chat(res, '{"result":"allow","reason":"ok"}'), 100);
    const e = engine();
    const ac = new AbortController();
    const a = e.inspectInput([seg('shared and aborted')], { requestId: 'a', signal: ac.signal });
    const b = e.inspectInput([seg('shared and aborted')], { requestId: 'b' });
    ac.abort();
    expect((await a).code).toBe('AIRLOCK_ERR_GUARD_UNAVAILABLE');
    expect((await b).decision).toBe('allow');
  });

  it('accepts fence-wrapped, upper-case verdicts inside prose', async () => {
    judge.reply = (_b, res) => chat(res, 'Sure! Here it is:\n```json\n{"Result": "DENY", "reason": "internal"}\n```\nThanks');
    const v = await engine().inspectInput([seg('fenced case')], ctx);
    expect(v.decision).toBe('block');
    expect(v.reason).toBe('internal');
  });

  it.each([
    ['garbage text', (res: Parameters<JudgeServer['reply']>[1]) => chat(res, 'I think it is probably fine')],
    ['unknown result', (res: Parameters<JudgeServer['reply']>[1]) => chat(res, '{"result":"maybe","reason":"?"}')],
    ['missing result', (res: Parameters<JudgeServer['reply']>[1]) => chat(res, '{"reason":"allow"}')],
    ['HTTP 500', (res: Parameters<JudgeServer['reply']>[1]) => chat(res, '{"result":"allow"}', 500)],
  ])('fails closed on %s with GUARD_UNAVAILABLE and no key in the reason', async (_name, reply) => {
    judge.reply = (_b, res) => reply(res);
    const v = await engine().inspectInput([seg(`fail ${_name}`)], ctx);
    expect(v.decision).toBe('block');
    expect(v.code).toBe('AIRLOCK_ERR_GUARD_UNAVAILABLE');
    expect(JSON.stringify(v)).not.toContain('sk-canary-judge-123');
  });

  it('times out and fails open when configured so (flag finding, request allowed)', async () => {
    judge.reply = () => undefined; // never answers
    const v = await engine({ timeout_ms: 200, fail_mode: 'open' }).inspectInput([seg('slow judge')], ctx);
    expect(v.decision).toBe('allow');
    expect(v.findings.map((f) => [f.detector, f.type, f.action])).toEqual([['judge', 'unavailable', 'flag']]);
    expect(v.findings[0]!.reason).toMatch(/timed out/);
  });

  it('is not called when a deny pattern already blocked', async () => {
    const h = compilePolicy('p', policy({ guard: 'g', deny_patterns: ['.*账号.*'] }), { g: guard({ url: judge.url, model: 'm' }) });
    handles.push(h);
    const before = judge.requests.length;
    const v = await h.inspectInput([seg('I like red bean zongzi, and my QQ 账号 is 1111111')], ctx);
    expect(v.decision).toBe('block');
    expect(v.rule).toBe('deny_patterns[0]');
    expect(judge.requests.length).toBe(before);
  });

  it('honours resolve: a made-up host name is connected to the loopback judge', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"deny","reason":"via resolve"}');
    const port = new URL(judge.url).port;
    const h = compilePolicy('p', policy({ guard: 'g' }), { g: guard({ url: `http://judge.airlock.invalid:${port}/v1/chat/completions`, model: 'm' }) }, { resolve: [`judge.airlock.invalid:${port}:127.0.0.1:${port}`] });
    handles.push(h);
    expect((await h.inspectInput([seg('resolve me')], ctx)).reason).toBe('via resolve');
    expect(judge.requests.at(-1)!.headers.host).toBe(`judge.airlock.invalid:${port}`);
  });

  it('refuses a policy naming an undefined guard', () => {
    expect(() => compilePolicy('p', policy({ guard: 'nope' }), {})).toThrow(/guard "nope" is not defined/);
  });
});

describe('guard endpoint and verdict parsing', () => {
  it('maps ASM ports: 80 and 443 to https, others to http', () => {
    const base = { path: '/compatible-mode/v1/chat/completions' };
    expect(guardEndpoint({ ...base, host: 'dashscope.aliyuncs.com', port: 80 }).href).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions');
    expect(guardEndpoint({ ...base, host: 'h', port: 443 }).href).toBe('https://h/compatible-mode/v1/chat/completions');
    expect(guardEndpoint({ ...base, host: 'h', port: 8000 }).href).toBe('http://h:8000/compatible-mode/v1/chat/completions');
    expect(guardEndpoint({ path: '/v1/chat/completions', url: 'http://127.0.0.1:9/' }).href).toBe('http://127.0.0.1:9/v1/chat/completions');
  });

  it('never reads allow from a verdict without a valid result', () => {
    expect(parseJudgeAnswer('{"result":"allow","reason":"x"}')?.result).toBe('allow');
    expect(parseJudgeAnswer('allow')).toBeUndefined();
    expect(parseJudgeAnswer('{"result":true}')).toBeUndefined();
    expect(parseJudgeAnswer('{"verdict":"allow"}')).toBeUndefined();
    expect(parseJudgeAnswer('```\n{"result":"Deny","reason":"r","topic":"Sports"}\n```')).toEqual({ result: 'deny', reason: 'r', topic: 'Sports' });
  });
});
