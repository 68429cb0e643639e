import { describe, expect, it } from 'vitest';
import { selectStoredAnswer } from '../providers/index.js';
import { answerIdOf } from './answer-id.js';
import { createAnswerFilter, type AnswerContext } from './filter.js';
import { vaultFromEntries } from './restore.js';
import { fakePolicy, openaiChunks, readText } from './test-support.js';

const vault = vaultFromEntries(new Map([['<EMAIL_ADDRESS_1>', 'alice@example.com']]));

function context(over: Partial<AnswerContext>): AnswerContext {
  return { requestId: 'req-1', adapter: { name: 'openai.responses' }, policy: fakePolicy([]), vault, status: 200, headers: { 'content-type': 'application/json' }, ...over };
}

/** A keepVault that records its calls and resolves only when told to. */
function keeper() {
  const calls: (string | undefined)[] = [];
  let release = (): void => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return { calls, release, keepVault: (id: string | undefined) => (calls.push(id), gate) };
}

describe('answer ids', () => {
  it('come from whole answers and from the first event of each stream shape', () => {
    expect(answerIdOf({ id: 'resp_abc', object: 'response' })).toBe('resp_abc');
    expect(answerIdOf({ id: 'chatcmpl-9', choices: [] })).toBe('chatcmpl-9');
    expect(answerIdOf({ type: 'response.created', response: { id: 'resp_s1' } })).toBe('resp_s1');
    expect(answerIdOf({ type: 'message_start', message: { id: 'msg_1' } })).toBe('msg_1');
    expect(answerIdOf({ id: 'has spaces <x>' })).toBeUndefined();
    expect(answerIdOf('resp_1')).toBeUndefined();
  });

  it('of stored answers are read from retrieval paths only', () => {
    expect(selectStoredAnswer('/v1/responses/resp_123')).toMatchObject({ id: 'resp_123', adapter: { name: 'openai.responses' } });
    expect(selectStoredAnswer('/v1/chat/completions/chatcmpl-42')).toMatchObject({ id: 'chatcmpl-42', adapter: { name: 'openai.chat' } });
    expect(selectStoredAnswer('/v1/responses')).toBeUndefined();
    expect(selectStoredAnswer('/v1/responses/resp_1/input_items')).toBeUndefined();
    expect(selectStoredAnswer('/v1/chat/completions')).toBeUndefined();
  });
});

describe('keeping the vault for answers fetched later', () => {
  it('saves under the answer id before a whole answer goes out, and restores it', async () => {
    const k = keeper();
    const f = createAnswerFilter(context({ keepVault: k.keepVault }));
    const body = { id: 'resp_7', object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Write to <EMAIL_ADDRESS_1>.' }] }] };
    await f?.chunk(Buffer.from(JSON.stringify(body)));
    let sent: Buffer | undefined;
    const ending = f?.end().then((b) => (sent = b));
    await new Promise((r) => setTimeout(r, 10));
    expect(k.calls).toEqual(['resp_7']);
    expect(sent).toBeUndefined();
    k.release();
    await ending;
    expect(sent?.toString()).toContain('Write to alice@example.com.');
  });

  it('saves nothing for a blocked answer', async () => {
    const k = keeper();
    k.release();
    const policy = fakePolicy([{ re: /forbidden/, type: 'word', action: 'block' }]);
    const f = createAnswerFilter(context({ keepVault: k.keepVault, policy }));
    await f?.chunk(Buffer.from(JSON.stringify({ id: 'resp_8', output: [{ type: 'message', content: [{ type: 'output_text', text: 'forbidden' }] }] })));
    await expect(f?.end()).rejects.toThrow();
    expect(k.calls).toEqual([]);
  });

  it('starts saving at a stream first event without holding it, and ends only once saved', async () => {
    const k = keeper();
    const f = createAnswerFilter(context({ adapter: { name: 'openai.chat' }, headers: { 'content-type': 'text/event-stream' }, keepVault: k.keepVault }));
    const stream = openaiChunks(['Mail <EMAIL_', 'ADDRESS_1> now']);
    const first = await f?.chunk(Buffer.from(stream));
    expect(k.calls).toEqual(['chatcmpl-1']);
    let done = false;
    const ending = f?.end().then((b) => ((done = true), b));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    k.release();
    const rest = (await ending) ?? Buffer.alloc(0);
    expect(readText(Buffer.concat([first ?? Buffer.alloc(0), rest]).toString()).text).toBe('Mail alice@example.com now');
    expect(k.calls).toEqual(['chatcmpl-1']);
  });

  it('keeps under the request id alone when a stream names no answer', async () => {
    const k = keeper();
    k.release();
    const f = createAnswerFilter(context({ adapter: { name: 'openai.chat' }, headers: { 'content-type': 'text/event-stream' }, keepVault: k.keepVault }));
    await f?.chunk(Buffer.from(openaiChunks(['hi']).replaceAll('"id":"chatcmpl-1",', '')));
    await f?.end();
    expect(k.calls).toEqual([undefined]);
  });
});
