import type { Usage } from '../gateway/hooks.js';
import { serializeEvent, type SseEvent } from './sse.js';
import { isObject, num, parseData, plain, UpstreamErrorEvent, type ChannelText, type JsonObject, type ReadEvent, type StreamShape, type TerminalError } from './shape.js';

/**
 * Readers for the three streamed API shapes. Each knows where its text deltas live, which events
 * end a text channel and where usage is reported; the guard itself is shape-agnostic.
 */

export interface OpenAIChatOptions {
  /** Airlock added `stream_options.include_usage`: drop the usage chunk and `usage: null` fields. */
  readonly stripUsage?: boolean;
}

function errorJson(err: TerminalError): JsonObject {
  return { message: err.message, type: err.type, code: err.code, param: null, ...err.extra };
}

/** OpenAI chat completions: `choices[i].delta.content`, `delta.tool_calls[j].function.arguments`. */
export function openaiChatStream(opts: OpenAIChatOptions = {}): StreamShape {
  let usage: Usage | undefined;
  return {
    name: 'openai.chat',
    read(sse: SseEvent): ReadEvent {
      if (!sse.hasData) return plain(sse);
      if (sse.data.trim() === '[DONE]') return plain(sse);
      const json = parseData(sse);
      if (isObject(json.error)) throw new UpstreamErrorEvent(sse.raw);
      const deltas: ChannelText[] = [];
      const closes: string[] = [];
      let mutated = false;
      let drop = false;
      if (isObject(json.usage)) {
        usage = { promptTokens: num(json.usage.prompt_tokens), completionTokens: num(json.usage.completion_tokens) };
      }
      const choices = Array.isArray(json.choices) ? json.choices : [];
      if (opts.stripUsage && 'usage' in json) {
        if (choices.length === 0 && json.usage !== null) drop = true;
        else {
          delete json.usage;
          mutated = true;
        }
      }
      choices.forEach((ch, ci) => {
        if (!isObject(ch)) return;
        const idx = typeof ch.index === 'number' ? ch.index : ci;
        // Legacy completions stream `choices[i].text`.
        if (typeof ch.text === 'string') deltas.push({ channel: `c${idx}:text;`, kind: 'text', path: ['choices', ci, 'text'], text: ch.text });
        const delta = ch.delta;
        if (isObject(delta)) {
          for (const field of ['content', 'refusal', 'reasoning_content'] as const) {
            if (typeof delta[field] === 'string') deltas.push({ channel: `c${idx}:${field};`, kind: 'text', path: ['choices', ci, 'delta', field], text: delta[field] });
          }
          if (Array.isArray(delta.tool_calls)) {
            delta.tool_calls.forEach((tc, k) => {
              if (!isObject(tc) || !isObject(tc.function) || typeof tc.function.arguments !== 'string') return;
              const t = typeof tc.index === 'number' ? tc.index : k;
              deltas.push({ channel: `c${idx}:t${t};`, kind: 'tool_arguments', path: ['choices', ci, 'delta', 'tool_calls', k, 'function', 'arguments'], text: tc.function.arguments });
            });
          }
        }
        // A finish reason ends every channel of the choice.
        if (typeof ch.finish_reason === 'string') closes.push(`c${idx}:`);
      });
      return { sse, json, deltas, finals: [], closes, drop, mutated };
    },
    errorEvent: (err) => serializeEvent({ data: JSON.stringify({ error: errorJson(err) }) }),
    usage: () => usage,
  };
}

/** OpenAI Responses: `response.output_text.delta`, `response.function_call_arguments.delta`, `*.done`. */
export function openaiResponsesStream(): StreamShape {
  let usage: Usage | undefined;
  const textChannel = (j: JsonObject) => `o${num(j.output_index)}:${num(j.content_index)};`;
  const argsChannel = (j: JsonObject) => `o${num(j.output_index)}:args;`;
  /** Whole-text fields inside one output item (`response.output_item.done`, `response.completed`). */
  function itemFinals(item: unknown, oi: number, base: (string | number)[], out: ChannelText[]): void {
    if (!isObject(item)) return;
    if (typeof item.arguments === 'string') out.push({ channel: `o${oi}:args;`, kind: 'tool_arguments', path: [...base, 'arguments'], text: item.arguments });
    if (Array.isArray(item.content)) {
      item.content.forEach((part, ci) => {
        if (isObject(part) && typeof part.text === 'string') out.push({ channel: `o${oi}:${ci};`, kind: 'text', path: [...base, 'content', ci, 'text'], text: part.text });
      });
    }
  }
  return {
    name: 'openai.responses',
    read(sse: SseEvent): ReadEvent {
      if (!sse.hasData || sse.data.trim() === '[DONE]') return plain(sse);
      const json = parseData(sse);
      const type = typeof json.type === 'string' ? json.type : (sse.event ?? '');
      const deltas: ChannelText[] = [];
      const finals: ChannelText[] = [];
      const closes: string[] = [];
      switch (type) {
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          if (typeof json.delta === 'string') deltas.push({ channel: textChannel(json), kind: 'text', path: ['delta'], text: json.delta });
          break;
        case 'response.function_call_arguments.delta':
          if (typeof json.delta === 'string') deltas.push({ channel: argsChannel(json), kind: 'tool_arguments', path: ['delta'], text: json.delta });
          break;
        case 'response.output_text.done':
        case 'response.refusal.done':
          for (const f of ['text', 'refusal'] as const) {
            if (typeof json[f] === 'string') finals.push({ channel: textChannel(json), kind: 'text', path: [f], text: json[f] });
          }
          closes.push(textChannel(json));
          break;
        case 'response.function_call_arguments.done':
          if (typeof json.arguments === 'string') finals.push({ channel: argsChannel(json), kind: 'tool_arguments', path: ['arguments'], text: json.arguments });
          closes.push(argsChannel(json));
          break;
        case 'response.content_part.done':
          if (isObject(json.part) && typeof json.part.text === 'string') finals.push({ channel: textChannel(json), kind: 'text', path: ['part', 'text'], text: json.part.text });
          closes.push(textChannel(json));
          break;
        case 'response.output_item.done':
          itemFinals(json.item, num(json.output_index), ['item'], finals);
          closes.push(`o${num(json.output_index)}:`);
          break;
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed': {
          const r = json.response;
          if (isObject(r)) {
            if (isObject(r.usage)) usage = { promptTokens: num(r.usage.input_tokens), completionTokens: num(r.usage.output_tokens) };
            if (Array.isArray(r.output)) r.output.forEach((item, oi) => itemFinals(item, oi, ['response', 'output', oi], finals));
          }
          closes.push('o');
          break;
        }
        case 'error':
          throw new UpstreamErrorEvent(sse.raw);
        default:
          break;
      }
      return { sse, json, deltas, finals, closes, drop: false, mutated: false };
    },
    errorEvent(err) {
      // `error` carries the Responses error fields; the nested `error` makes the SDK raise APIError.
      const body = errorJson(err);
      return serializeEvent({ event: 'error', data: JSON.stringify({ type: 'error', ...body, error: body }) });
    },
    usage: () => usage,
  };
}

/** Anthropic messages: `content_block_delta` (text, input JSON, thinking), `message_delta` usage. */
export function anthropicStream(): StreamShape {
  let input = 0;
  let output = 0;
  let seen = false;
  const readUsage = (u: unknown) => {
    if (!isObject(u)) return;
    seen = true;
    if (typeof u.input_tokens === 'number') input = u.input_tokens;
    if (typeof u.output_tokens === 'number') output = u.output_tokens;
  };
  return {
    name: 'anthropic.messages',
    read(sse: SseEvent): ReadEvent {
      if (!sse.hasData) return plain(sse);
      const json = parseData(sse);
      const type = typeof json.type === 'string' ? json.type : (sse.event ?? '');
      const deltas: ChannelText[] = [];
      const closes: string[] = [];
      const ch = `b${num(json.index)};`;
      switch (type) {
        case 'message_start':
          if (isObject(json.message)) readUsage(json.message.usage);
          break;
        case 'content_block_start': {
          const b = json.content_block;
          if (isObject(b)) {
            if (typeof b.text === 'string' && b.text.length > 0) deltas.push({ channel: ch, kind: 'text', path: ['content_block', 'text'], text: b.text });
            if (typeof b.thinking === 'string' && b.thinking.length > 0) deltas.push({ channel: ch, kind: 'text', path: ['content_block', 'thinking'], text: b.thinking });
          }
          break;
        }
        case 'content_block_delta': {
          const d = json.delta;
          if (!isObject(d)) break;
          if (d.type === 'text_delta' && typeof d.text === 'string') deltas.push({ channel: ch, kind: 'text', path: ['delta', 'text'], text: d.text });
          else if (d.type === 'input_json_delta' && typeof d.partial_json === 'string') deltas.push({ channel: ch, kind: 'tool_arguments', path: ['delta', 'partial_json'], text: d.partial_json });
          else if (d.type === 'thinking_delta' && typeof d.thinking === 'string') deltas.push({ channel: ch, kind: 'text', path: ['delta', 'thinking'], text: d.thinking });
          break;
        }
        case 'content_block_stop':
          closes.push(ch);
          break;
        case 'message_delta':
          readUsage(json.usage);
          break;
        case 'message_stop':
          closes.push('b');
          break;
        case 'error':
          throw new UpstreamErrorEvent(sse.raw);
        default:
          break;
      }
      return { sse, json, deltas, finals: [], closes, drop: false, mutated: false };
    },
    errorEvent: (err) =>
      serializeEvent({ event: 'error', data: JSON.stringify({ type: 'error', error: { type: err.type, message: err.message, code: err.code, ...err.extra } }) }),
    usage: () => (seen ? { promptTokens: input, completionTokens: output } : undefined),
  };
}
