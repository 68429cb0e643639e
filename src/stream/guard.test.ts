import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamGuard, type StreamGuardOptions } from './guard.js';
import { vaultFromEntries } from './restore.js';
import { anthropicStream, openaiChatStream, openaiResponsesStream } from './shapes.js';
import { anthropicEvents, fakePolicy, openaiChunks, readText, smallPieces } from './test-support.js';

const AWS = 'AKIAIOSFODNN7EXAMPLE';
const rules = [
  { re: /AKIA[0-9A-Z]{16}/, type: 'aws-access-key-id', action: 'block' as const },
  { re: /[a-z]+@[a-z]+\.com/, type: 'EMAIL_ADDRESS', action: 'redact' as const },
];
const ctx = { requestId: 'r1' };

/** Feed `stream` in byte pieces of 1–3 and collect what the client would receive. */
async function run(stream: string, opts: Partial<StreamGuardOptions> = {}, seed = 3): Promise<{ out: string; guard: StreamGuard }> {
  const guard = new StreamGuard({ shape: openaiChatStream(), policy: fakePolicy(rules), ctx, ...opts });
  const bytes = Buffer.from(stream);
  let out = '';
  let x = seed;
  for (let i = 0; i < bytes.length; ) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % 3);
    out += await guard.push(bytes.subarray(i, i + n));
    i += n;
  }
  out += await guard.end();
  return { out, guard };
}

describe('StreamGuard', () => {
  it('relays a benign stream byte for byte and reads usage', async () => {
    const src = openaiChunks(smallPieces('The weather in Paris is mild today, with light wind.'), { usage: true });
    const { out, guard } = await run(src);
    expect(out).toBe(src);
    expect(guard.result()).toMatchObject({ decision: 'allow', usage: { promptTokens: 5, completionTokens: 9 } });
  });

  it('blocks a secret split into 1–3 character chunks before any of it is sent', async () => {
    const src = openaiChunks(smallPieces(`Sure, here is a long preamble that explains what an access key is and how to rotate it safely. The key: ${AWS} and more text after it.`));
    const { out, guard } = await run(src);
    const { text, errors } = readText(out);
    expect(text).not.toContain('AKIA');
    expect(out).not.toContain('IOSFODNN');
    // Text well before the key was released before the block.
    expect(text.startsWith('Sure, here is a long preamble')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0] as string)).toMatchObject({ error: { code: 'AIRLOCK_ERR_OUTPUT_BLOCKED', type: 'airlock_blocked' } });
    expect(out.trimEnd().endsWith('}')).toBe(true);
    expect(guard.done).toBe(true);
    expect(guard.result()).toMatchObject({ decision: 'block', rule: 'regex:aws-access-key-id' });
  });

  it('redacts in flight and keeps the rest of the answer', async () => {
    const src = openaiChunks(smallPieces('Write to jane@example.com for details, or call us tomorrow morning please.'));
    const { out, guard } = await run(src);
    const { text, errors } = readText(out);
    expect(errors).toEqual([]);
    expect(text).toBe('Write to [REDACTED:EMAIL_ADDRESS] for details, or call us tomorrow morning please.');
    expect(guard.result().decision).toBe('modify');
  });

  it('gives the same client text for any chunking (property)', async () => {
    const body = `Contact bob@corp.com then ${'filler '.repeat(30)} and ann@site.com end.`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), async (a, b) => {
        const { out } = await run(openaiChunks(smallPieces(body, a)), {}, b);
        expect(readText(out).text).toBe(body.replace('bob@corp.com', '[REDACTED:EMAIL_ADDRESS]').replace('ann@site.com', '[REDACTED:EMAIL_ADDRESS]'));
      }),
      { numRuns: 25 },
    );
  });

  it('holds back only as much as configured', async () => {
    const first = openaiChunks(['Hello there, this is the first piece of a longer answer.']).split('\n\n')[0] + '\n\n';
    const eager = new StreamGuard({ shape: openaiChatStream(), policy: fakePolicy(rules), ctx, holdBackChars: 0, scanStepChars: 1 });
    expect(await eager.push(first)).toBe(first);
    const careful = new StreamGuard({ shape: openaiChatStream(), policy: fakePolicy(rules), ctx, holdBackChars: 64 });
    expect(await careful.push(first)).toBe('');
  });

  it('never releases any part of a blocked secret, wherever it sits and however it is split (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), async (at, a, b) => {
        const filler = 'plain words flow here and there '.repeat(8);
        const { out, guard } = await run(openaiChunks(smallPieces(`${filler.slice(0, at)}${AWS}${filler}`, a)), {}, b);
        expect(readText(out).text).not.toContain('AKIA');
        expect(guard.result().decision).toBe('block');
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the scanning cost linear: each scan sees a bounded window', async () => {
    const policy = fakePolicy(rules);
    const text = 'lorem ipsum dolor sit amet '.repeat(400);
    await run(openaiChunks(smallPieces(text)), { policy, holdBackChars: 64, scanStepChars: 32 });
    // Every scan covers at most tail + hold-back + step + one chunk: total ≈ text × (2h+s)/s.
    expect(policy.scanned).toBeLessThan(text.length * 6);
    expect(policy.calls).toBeGreaterThan(text.length / 40);
  });

  it('restores placeholders split across chunks at every offset, in text and tool arguments', async () => {
    const vault = vaultFromEntries(new Map([['<EMAIL_ADDRESS_1>', 'jane@example.com']]));
    const answer = 'Mail <EMAIL_ADDRESS_1> now; <EMAIL is not one; end <EMAIL_ADDRESS_1>';
    for (let cut = 1; cut < answer.length; cut++) {
      const guard = new StreamGuard({ shape: openaiChatStream(), ctx, vault });
      const out = (await guard.push(openaiChunks([answer.slice(0, cut), answer.slice(cut)]))) + (await guard.end());
      expect(readText(out).text).toBe('Mail jane@example.com now; <EMAIL is not one; end jane@example.com');
    }
    const tool = (args: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args } }] }, finish_reason: null }] })}\n\n`;
    const guard = new StreamGuard({ shape: openaiChatStream(), ctx, vault });
    let out = '';
    for (const p of ['{"to":"<EMAIL_', 'ADDRESS_1>"}']) out += await guard.push(tool(p));
    out += await guard.push(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
    out += await guard.end();
    const args = out.split('\n\n').filter((l) => l.includes('arguments')).map((l) => (JSON.parse(l.slice(6)) as { choices: { delta: { tool_calls: { function: { arguments: string } }[] } }[] }).choices[0]?.delta.tool_calls[0]?.function.arguments).join('');
    expect(args).toBe('{"to":"jane@example.com"}');
  });

  it('hides the usage chunk it asked for on the client’s behalf', async () => {
    const src = openaiChunks(['Hi', ' there'], { usage: true }).replace(/"choices":\[\{/g, '"usage":null,"choices":[{');
    const guard = new StreamGuard({ shape: openaiChatStream({ stripUsage: true }), ctx });
    const out = (await guard.push(src)) + (await guard.end());
    expect(out).not.toContain('usage');
    expect(readText(out).text).toBe('Hi there');
    expect(guard.usage()).toEqual({ promptTokens: 5, completionTokens: 9 });
  });

  it('answers Anthropic streams with an Anthropic error event on block', async () => {
    const guard = new StreamGuard({ shape: anthropicStream(), policy: fakePolicy(rules), ctx });
    let out = '';
    for (const p of smallPieces(anthropicEvents(smallPieces(`key ${AWS} done`)))) out += await guard.push(p);
    out += await guard.end();
    const { text, errors } = readText(out);
    expect(text).not.toContain('AKIA');
    expect(JSON.parse(errors[0] as string)).toMatchObject({ type: 'error', error: { type: 'airlock_blocked', code: 'AIRLOCK_ERR_OUTPUT_BLOCKED' } });
    expect(out).toMatch(/event: error\ndata: /);
  });

  it('relays the provider’s own mid-stream error event and drops text still held', async () => {
    const guard = new StreamGuard({ shape: anthropicStream(), policy: fakePolicy(rules), ctx });
    const overloaded = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const events = anthropicEvents(['held text that was never checked']).split('event: content_block_stop')[0] as string;
    const out = (await guard.push(events)) + (await guard.push(overloaded)) + (await guard.end());
    expect(out).not.toContain('never checked');
    expect(out.endsWith(overloaded)).toBe(true);
    expect(guard.result().decision).toBe('error');
  });

  it('rewrites Responses done events to the text the client received', async () => {
    const ev = (o: Record<string, unknown>) => `event: ${String(o.type)}\ndata: ${JSON.stringify(o)}\n\n`;
    const full = 'mail amy@host.com soon';
    const src =
      smallPieces(full).map((d) => ev({ type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: d })).join('') +
      ev({ type: 'response.output_text.done', output_index: 0, content_index: 0, text: full }) +
      ev({ type: 'response.completed', response: { output: [{ type: 'message', content: [{ type: 'output_text', text: full }] }], usage: { input_tokens: 3, output_tokens: 4 } } });
    const guard = new StreamGuard({ shape: openaiResponsesStream(), policy: fakePolicy(rules), ctx });
    const out = (await guard.push(src)) + (await guard.end());
    expect(out).not.toContain('amy@host.com');
    expect(out).toContain('"text":"mail [REDACTED:EMAIL_ADDRESS] soon"');
    expect(guard.usage()).toEqual({ promptTokens: 3, completionTokens: 4 });

    // Text that only ever arrives whole (no deltas) is inspected too, not erased.
    const only = new StreamGuard({ shape: openaiResponsesStream(), policy: fakePolicy(rules), ctx });
    const done = ev({ type: 'response.output_text.done', output_index: 0, content_index: 0, text: full });
    const out2 = (await only.push(done)) + (await only.end());
    expect(out2).toContain('"text":"mail [REDACTED:EMAIL_ADDRESS] soon"');
  });

  it('ends malformed and cut streams with a clear terminal error and no held text', async () => {
    for (const bad of ['data: {not json}\n\n', `${openaiChunks(['hello there'])}`.slice(0, 60)]) {
      const guard = new StreamGuard({ shape: openaiChatStream(), policy: fakePolicy(rules), ctx });
      const out = (await guard.push(bad)) + (await guard.end());
      const { errors, text } = readText(out);
      expect(text).toBe('');
      expect(JSON.parse(errors[0] as string)).toMatchObject({ error: { code: 'AIRLOCK_ERR_UPSTREAM_UNAVAILABLE' } });
    }
    const guard = new StreamGuard({ shape: openaiChatStream(), policy: fakePolicy(rules), ctx });
    await guard.push(openaiChunks(['partial answer that is held']).slice(0, 120));
    const out = guard.fail();
    expect(JSON.parse(readText(out).errors[0] as string)).toMatchObject({ error: { message: expect.stringMatching(/closed the stream/) } });
    expect(await guard.push('data: {}\n\n')).toBe('');
  });
});
