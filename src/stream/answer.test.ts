import { describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import { answerSegments, answerUsage, inspectAnswer } from './answer.js';
import { prepareRequest } from './request.js';
import { vaultFromEntries } from './restore.js';
import { fakePolicy } from './test-support.js';

const policy = fakePolicy([
  { re: /AKIA[0-9A-Z]{16}/, type: 'aws-access-key-id', action: 'block' },
  { re: /[a-z]+@[a-z]+\.com/, type: 'EMAIL_ADDRESS', action: 'redact' },
]);
const ctx = { requestId: 'r' };

describe('non-streamed answers', () => {
  it('finds the texts of every answer shape, tool arguments included', () => {
    const chat = { choices: [{ message: { content: 'hi', tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] } }] };
    expect(answerSegments('openai.chat', chat)?.map((s) => [s.path, s.kind])).toEqual([
      ['choices[0].message.content', 'text'],
      ['choices[0].message.tool_calls[0].function.arguments', 'tool_arguments'],
    ]);
    const resp = { output: [{ type: 'message', content: [{ type: 'output_text', text: 'a' }] }, { type: 'function_call', arguments: '{}' }] };
    expect(answerSegments('openai.responses', resp)?.map((s) => s.path)).toEqual(['output[0].content[0].text', 'output[1].arguments']);
    const msg = { content: [{ type: 'text', text: 't' }, { type: 'tool_use', input: { to: 'x', n: { deep: 'y' } } }] };
    expect(answerSegments('anthropic.messages', msg)?.map((s) => s.path)).toEqual(['content[0].text', 'content[1].input.to', 'content[1].input.n.deep']);
    expect(answerSegments('openai.embeddings', { data: [] })).toBeUndefined();
  });

  it('blocks with AIRLOCK_ERR_OUTPUT_BLOCKED and never echoes the value', async () => {
    const body = { choices: [{ message: { content: 'key AKIAIOSFODNN7EXAMPLE' } }] };
    const err = await inspectAnswer('openai.chat', body, { policy, ctx }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AirlockError);
    expect((err as AirlockError).status).toBe(403);
    expect((err as AirlockError).code).toBe('AIRLOCK_ERR_OUTPUT_BLOCKED');
    expect(JSON.stringify((err as AirlockError).toBody())).not.toContain('AKIA');
  });

  it('redacts, then restores pseudonyms, in text and in Anthropic tool input', async () => {
    const vault = vaultFromEntries(new Map([['<PERSON_1>', 'Jane Roe']]));
    const body = { content: [{ type: 'text', text: 'Mail bob@corp.com for <PERSON_1>' }, { type: 'tool_use', input: { name: '<PERSON_1>' } }], usage: { input_tokens: 3, output_tokens: 4 } };
    const r = await inspectAnswer('anthropic.messages', body, { policy, ctx, vault });
    expect(r.changed).toBe(true);
    expect(r.body).toMatchObject({ content: [{ text: 'Mail [REDACTED:EMAIL_ADDRESS] for Jane Roe' }, { input: { name: 'Jane Roe' } }] });
    expect(answerUsage(body)).toEqual({ promptTokens: 3, completionTokens: 4 });
  });
});

describe('prepareRequest', () => {
  it('asks for stream usage once, plants a canary and lists the system prompts', () => {
    const body = { stream: true, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] };
    const segs = [
      { path: 'messages[0].content', role: 'system', kind: 'system' as const, text: 'Be brief.' },
      { path: 'messages[1].content', role: 'user', kind: 'text' as const, text: 'hi' },
    ];
    const p = prepareRequest('openai.chat', body, segs, { canary: true });
    expect(p).toMatchObject({ changed: true, stripUsage: true, facts: { systemPrompts: ['Be brief.'], canaries: [expect.stringMatching(/^airlock-canary-/)] } });
    expect(body).toMatchObject({ stream_options: { include_usage: true }, messages: [{ content: expect.stringContaining(p.facts.canaries?.[0] ?? '?') }, { role: 'user' }] });
    const asked = { stream: true, stream_options: { include_usage: true }, messages: [] };
    expect(prepareRequest('openai.chat', asked, [])).toMatchObject({ changed: false, stripUsage: false });
    expect(prepareRequest('anthropic.messages', { stream: true }, [])).toMatchObject({ changed: false, stripUsage: false });
  });
});
