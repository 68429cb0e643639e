import { describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import { anthropicMessages, genericJson, openaiChat, openaiCompletions, openaiEmbeddings, openaiResponses, selectAdapter } from './index.js';
import type { Adapter } from './types.js';

const texts = (a: Adapter, body: unknown) => a.extract(body).map((s) => [s.path, s.role, s.kind, s.text]);

/** Apply an upper-casing edit to every segment and return the new body. */
function shout(a: Adapter, body: unknown): unknown {
  const segs = a.extract(body);
  return a.apply(structuredClone(body), segs, segs.map((s, i) => ({ segment: i, text: s.text.toUpperCase() })));
}

describe('selectAdapter', () => {
  it('picks by path, chat before completions, generic for the rest', () => {
    expect(selectAdapter('/v1/chat/completions').name).toBe('openai.chat');
    expect(selectAdapter('/compatible-mode/v1/chat/completions').name).toBe('openai.chat');
    expect(selectAdapter('/openai/deployments/d/chat/completions').name).toBe('openai.chat');
    expect(selectAdapter('/v1/completions').name).toBe('openai.completions');
    expect(selectAdapter('/v1/embeddings').name).toBe('openai.embeddings');
    expect(selectAdapter('/v1/responses').name).toBe('openai.responses');
    expect(selectAdapter('/v1/messages').name).toBe('anthropic.messages');
    expect(selectAdapter('/v1/something/else').name).toBe('generic');
  });
});

describe('openai chat', () => {
  const body = {
    model: 'gpt-4o',
    stream: true,
    max_completion_tokens: 50,
    messages: [
      { role: 'system', content: 'be nice' },
      { role: 'user', name: 'bob', content: [{ type: 'text', text: 'hello' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }, { type: 'text', text: 'world' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"q":"secret"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'tool said hi' },
      { role: 'developer', content: 'dev note' },
    ],
    tools: [{ type: 'function', function: { name: 'f', description: 'finds things' } }],
  };

  it('extracts every role, parts, names, tool arguments and results', () => {
    expect(texts(openaiChat, body)).toEqual([
      ['messages[0].content', 'system', 'system', 'be nice'],
      ['messages[1].content[0].text', 'user', 'text', 'hello'],
      ['messages[1].content[2].text', 'user', 'text', 'world'],
      ['messages[1].name', 'user', 'text', 'bob'],
      ['messages[2].tool_calls[0].function.arguments', 'assistant', 'tool_arguments', '{"q":"secret"}'],
      ['messages[3].content', 'tool', 'tool_result', 'tool said hi'],
      ['messages[4].content', 'developer', 'system', 'dev note'],
      ['tools[0].function.description', 'system', 'system', 'finds things'],
    ]);
    expect(openaiChat.model(body)).toBe('gpt-4o');
    expect(openaiChat.stream(body)).toBe(true);
    expect(openaiChat.maxTokens(body)).toBe(50);
  });

  it('applies edits at the same paths', () => {
    const out = shout(openaiChat, body) as typeof body;
    expect(out.messages[1]?.content).toEqual([{ type: 'text', text: 'HELLO' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }, { type: 'text', text: 'WORLD' }]);
    expect(out.messages[2]?.tool_calls?.[0]?.function.arguments).toBe('{"Q":"SECRET"}');
    expect(out.messages[3]?.content).toBe('TOOL SAID HI');
  });

  it('inspects unexpected content shapes instead of skipping them', () => {
    expect(texts(openaiChat, { messages: [{ role: 'user', content: { weird: 'hidden text' } }] })).toEqual([['messages[0].content.weird', 'user', 'text', 'hidden text']]);
    expect(texts(openaiChat, { messages: 'not a list' })).toEqual([['messages', 'user', 'text', 'not a list']]);
  });
});

describe('completions and embeddings', () => {
  it('reads prompt and input as strings or string arrays', () => {
    expect(texts(openaiCompletions, { prompt: ['a', 'b'], suffix: 'c' })).toEqual([
      ['prompt[0]', 'prompt', 'text', 'a'],
      ['prompt[1]', 'prompt', 'text', 'b'],
      ['suffix', 'prompt', 'text', 'c'],
    ]);
    expect(texts(openaiEmbeddings, { input: 'x' })).toEqual([['input', 'input', 'text', 'x']]);
    expect((shout(openaiEmbeddings, { input: ['x', 'y'] }) as { input: string[] }).input).toEqual(['X', 'Y']);
  });

  it('refuses token-id input, which cannot be inspected', () => {
    expect(() => openaiCompletions.extract({ prompt: [1, 2, 3] })).toThrow(AirlockError);
    expect(() => openaiEmbeddings.extract({ input: [[1, 2]] })).toThrow(/token-id/);
  });
});

describe('responses', () => {
  const body = {
    model: 'gpt-4.1',
    instructions: 'sys',
    max_output_tokens: 9,
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'hi' }, { type: 'input_image', image_url: 'data:...' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'earlier answer' }] },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{"a":1}' },
      { type: 'function_call_output', call_id: 'c', output: 'result text' },
    ],
  };
  it('extracts instructions, items, function calls and outputs', () => {
    expect(texts(openaiResponses, body)).toEqual([
      ['instructions', 'system', 'system', 'sys'],
      ['input[0].content[0].text', 'user', 'text', 'hi'],
      ['input[1].content[0].text', 'assistant', 'text', 'earlier answer'],
      ['input[2].arguments', 'assistant', 'tool_arguments', '{"a":1}'],
      ['input[3].output', 'tool', 'tool_result', 'result text'],
    ]);
    expect(openaiResponses.maxTokens(body)).toBe(9);
    expect(texts(openaiResponses, { input: 'plain' })).toEqual([['input', 'user', 'text', 'plain']]);
    expect((shout(openaiResponses, body) as typeof body).input[3]).toMatchObject({ output: 'RESULT TEXT' });
  });
});

describe('anthropic messages', () => {
  const body = {
    model: 'claude',
    max_tokens: 100,
    system: [{ type: 'text', text: 'sys block' }],
    messages: [
      { role: 'user', content: 'plain' },
      { role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'tool_use', id: 't', name: 'f', input: { city: 'Paris', nested: { n: 'deep' } } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'sunny' }] }, { type: 'image', source: { type: 'base64', data: 'AAAA' } }] },
    ],
  };
  it('extracts system blocks, text, tool_use input leaves and tool results', () => {
    expect(texts(anthropicMessages, body)).toEqual([
      ['system[0].text', 'system', 'system', 'sys block'],
      ['messages[0].content', 'user', 'text', 'plain'],
      ['messages[1].content[0].text', 'assistant', 'text', 'a'],
      ['messages[1].content[1].input.city', 'assistant', 'tool_arguments', 'Paris'],
      ['messages[1].content[1].input.nested.n', 'assistant', 'tool_arguments', 'deep'],
      ['messages[2].content[0].content[0].text', 'tool', 'tool_result', 'sunny'],
    ]);
    expect(texts(anthropicMessages, { system: 'sys', messages: [] })).toEqual([['system', 'system', 'system', 'sys']]);
    const out = shout(anthropicMessages, body) as typeof body;
    expect(out.messages[1]?.content[1]).toMatchObject({ input: { city: 'PARIS', nested: { n: 'DEEP' } } });
  });
});

describe('generic', () => {
  it('extracts every string, including odd keys and a bare string root', () => {
    const body = { a: 'x', 'we.ird': ['y', { b: 'z' }], n: 1 };
    expect(texts(genericJson, body).map((t) => t[0])).toEqual(['a', '["we.ird"][0]', '["we.ird"][1].b']);
    expect(shout(genericJson, body)).toEqual({ a: 'X', 'we.ird': ['Y', { b: 'Z' }], n: 1 });
    expect(shout(genericJson, 'root')).toBe('ROOT');
  });
});

describe('inferProvider and profiles', () => {
  it('infers the provider from the host, OpenAI-compatible by default', async () => {
    const { inferProvider, providerProfile } = await import('./index.js');
    expect(inferProvider('https://api.anthropic.com')).toBe('anthropic');
    expect(inferProvider('https://acme.openai.azure.com/openai')).toBe('azure');
    expect(inferProvider('https://dashscope.aliyuncs.com/compatible-mode/v1')).toBe('dashscope');
    expect(inferProvider('https://api.openai.com/v1')).toBe('openai');
    expect(inferProvider('https://llm.internal:8443')).toBe('openai');
    expect(inferProvider('echo://local')).toBe('echo');
    expect([providerProfile('anthropic').keyHeader, providerProfile('azure').keyHeader, providerProfile('dashscope').keyValue('k')]).toEqual(['x-api-key', 'api-key', 'Bearer k']);
  });
});
