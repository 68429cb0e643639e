import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyHandle } from './index.js';
import { chat, guard, policy, seg, startJudgeServer, type JudgeServer } from './test-helpers.js';

let judge: JudgeServer;
let engine: PolicyHandle;
beforeAll(async () => {
  judge = await startJudgeServer();
  engine = compilePolicy(
    'p',
    policy({ input: { topics: { topics: ['News & Politics', 'Gambling'], guard: 'g', keywords: { Gambling: ['parlay'] } } } }),
    { g: guard({ url: judge.url, model: 'm' }) },
  );
});
afterAll(async () => {
  await engine.close();
  await judge.close();
});
const ctx = { requestId: 'r' };

describe('topics', () => {
  it('does not ask the judge when no keyword of any topic appears', async () => {
    const before = judge.requests.length;
    expect((await engine.inspectInput([seg('Write a haiku about autumn leaves')], ctx)).decision).toBe('allow');
    expect(judge.requests.length).toBe(before);
  });

  it('asks the judge with the topic list and blocks naming the topic', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"deny","topic":"news & politics","reason":"about an election"}');
    const v = await engine.inspectInput([seg('Who will win the next election?')], ctx);
    expect(v).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_BLOCKED', rule: 'topics:News & Politics' });
    expect(v.reason).toContain('News & Politics');
    const prompt = (JSON.parse(judge.requests.at(-1)!.body) as { messages: { content: string }[] }).messages[0]!.content;
    expect(prompt).toContain('["News & Politics","Gambling"]');
  });

  it('uses policy keywords and lets the judge allow', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"allow","reason":"a recipe"}');
    const before = judge.requests.length;
    expect((await engine.inspectInput([seg('What is a parlay, culinarily?')], ctx)).decision).toBe('allow');
    expect(judge.requests.length).toBe(before + 1);
  });

  it('sends text in other scripts to the judge (the word lists are English)', async () => {
    judge.reply = (_b, res) => chat(res, '{"result":"deny","topic":"News & Politics","reason":"election"}');
    expect((await engine.inspectInput([seg('谁会赢得下一次选举？')], ctx)).rule).toBe('topics:News & Politics');
    expect((await engine.inspectInput([seg('who wins the 3l3ct10n')], ctx)).rule).toBe('topics:News & Politics');
  });

  it('fails closed when the judge cannot answer', async () => {
    judge.reply = (_b, res) => chat(res, 'no idea');
    const v = await engine.inspectInput([seg('Senate vote tomorrow')], ctx);
    expect(v).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_GUARD_UNAVAILABLE' });
  });
});
