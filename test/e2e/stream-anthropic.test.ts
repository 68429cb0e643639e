import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/gateway/index.js';
import { smallPieces } from '../../src/stream/test-support.js';
import { startTestGateway } from '../helpers/gateway.js';
import { startStreamMock, type StreamMock } from '../helpers/stream-mock.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

/** Anthropic messages (with @anthropic-ai/sdk) and OpenAI Responses streams through Airlock. */
const AWS = 'AKIAIOSFODNN7EXAMPLE';
const PREAMBLE = 'Let me walk you through it carefully, one step at a time, so the whole picture is clear before we start. ';

let ca: TestCa;
let mock: StreamMock;
let gw: Gateway;
let base: string;
let direct: Agent;

beforeAll(async () => {
  ca = createTestCa();
  mock = await startStreamMock(ca);
  direct = new Agent({ connect: { ca: ca.caPem } });
  const output = { keywords: { action: 'block', lists: [{ name: 'aws-key', words: [AWS] }] }, toxicity: { action: 'redact', languages: ['en'] } };
  ({ gw, base } = await startTestGateway({
    upstreams: {
      anthropic: { url: mock.url, provider: 'anthropic', api_key: 'sk-ant-upstream-test', ca_file: ca.caFile },
      openai: { url: mock.url, provider: 'openai', api_key: 'sk-upstream-test', ca_file: ca.caFile },
    },
    routes: [
      { path_prefix: '/anthropic', strip_prefix: '/anthropic', upstream: 'anthropic' },
      { path_prefix: '/v1', upstream: 'openai' },
    ],
    policies: { default: { input: { keywords: { action: 'pseudonymize', lists: [{ name: 'person', words: ['Jane Roe'] }] } }, output } },
  }));
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await direct?.close();
  ca?.cleanup();
});

beforeEach(() => mock.reset());

const anthropic = () => new Anthropic({ baseURL: `${base}/anthropic`, apiKey: 'client-key', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${base}/v1`, apiKey: 'client-key', maxRetries: 0 });

async function anthropicText(content: string): Promise<{ text: string; error?: unknown; usage?: number }> {
  const stream = await anthropic().messages.create({ model: 'claude-test', max_tokens: 100, stream: true, messages: [{ role: 'user', content }] });
  let text = '';
  let usage: number | undefined;
  try {
    for await (const ev of stream) {
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      if (ev.type === 'message_delta') usage = ev.usage.output_tokens;
    }
  } catch (error) {
    return { text, error };
  }
  return { text, ...(usage !== undefined ? { usage } : {}) };
}

describe('Anthropic message streams', () => {
  it('relay a benign stream intact, byte-identical to the provider', async () => {
    mock.behavior.pieces = () => smallPieces(`${PREAMBLE}Done.`);
    expect(await anthropicText('hi')).toEqual({ text: `${PREAMBLE}Done.`, usage: 33 });
    const body = JSON.stringify({ model: 'claude-test', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
    const via = await (await request(`${base}/anthropic/v1/messages`, { method: 'POST', headers, body })).body.text();
    const straight = await (await request(`${mock.url}/v1/messages`, { method: 'POST', headers, body, dispatcher: direct })).body.text();
    expect(via).toBe(straight);
  });

  it('block a secret split into 1–3 character chunks with an Anthropic error event the SDK raises', async () => {
    mock.behavior.pieces = () => smallPieces(`${PREAMBLE}Use ${AWS} to sign in.`);
    const { text, error } = await anthropicText('key?');
    expect(text.startsWith('Let me walk')).toBe(true);
    expect(text).not.toContain('AKIA');
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'airlock_blocked', code: 'AIRLOCK_ERR_OUTPUT_BLOCKED' } });
  });

  it('restore a pseudonym split across chunks', async () => {
    mock.behavior.pieces = (body) => {
      const ph = /<PERSON_\d+>/.exec(JSON.stringify(body.messages))?.[0] ?? 'missing';
      return smallPieces(`Hello ${ph}, welcome back ${ph}.`);
    };
    expect((await anthropicText('Say hi to Jane Roe')).text).toBe('Hello Jane Roe, welcome back Jane Roe.');
  });
});

describe('OpenAI Responses streams', () => {
  it('redact in flight, including the whole-text done events', async () => {
    mock.behavior.pieces = () => smallPieces(`${PREAMBLE}That old plan was bullshit, honestly.`);
    const stream = await openai().responses.create({ model: 'gpt-test', input: 'plan?', stream: true });
    let deltas = '';
    let final = '';
    for await (const ev of stream) {
      if (ev.type === 'response.output_text.delta') deltas += ev.delta;
      if (ev.type === 'response.completed') final = ev.response.output_text ?? JSON.stringify(ev.response.output);
    }
    expect(deltas).toBe(`${PREAMBLE}That old plan was [REDACTED:PROFANITY], honestly.`);
    expect(final).toContain('[REDACTED:PROFANITY]');
    expect(final).not.toContain('bullshit');
  });

  it('block a secret with an error event the openai SDK raises', async () => {
    mock.behavior.pieces = () => smallPieces(`${PREAMBLE}Key: ${AWS}.`);
    const stream = await openai().responses.create({ model: 'gpt-test', input: 'key?', stream: true });
    let deltas = '';
    const err = await (async () => {
      for await (const ev of stream) if (ev.type === 'response.output_text.delta') deltas += ev.delta;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('AIRLOCK_ERR_OUTPUT_BLOCKED');
    expect(deltas).not.toContain('AKIA');
  });
});
