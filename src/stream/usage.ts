import { isObject } from './shape.js';
import { anthropicStream, openaiChatStream, openaiResponsesStream } from './shapes.js';
import type { StreamShape } from './shape.js';

export interface PreparedStream {
  /** The request body to send upstream (mutated in place when usage was added). */
  readonly body: unknown;
  /** Airlock asked for usage the client did not: the reader strips it from the relayed stream. */
  readonly stripUsage: boolean;
}

/**
 * OpenAI chat/completions streams report usage only when asked: ask for it upstream so budgets
 * are metered on real numbers, and remember to hide it from a client that did not ask.
 */
export function prepareStreamRequest(adapter: string, body: unknown): PreparedStream {
  if ((adapter !== 'openai.chat' && adapter !== 'openai.completions') || !isObject(body) || body.stream !== true) return { body, stripUsage: false };
  const so = body.stream_options;
  if (isObject(so) && so.include_usage === true) return { body, stripUsage: false };
  body.stream_options = { ...(isObject(so) ? so : {}), include_usage: true };
  return { body, stripUsage: true };
}

/** The stream reader for an adapter name, or undefined when the shape does not stream text. */
export function streamShapeFor(adapter: string, opts: { readonly stripUsage?: boolean } = {}): StreamShape | undefined {
  switch (adapter) {
    case 'openai.chat':
    case 'openai.completions':
      return openaiChatStream({ stripUsage: opts.stripUsage ?? false });
    case 'openai.responses':
      return openaiResponsesStream();
    case 'anthropic.messages':
      return anthropicStream();
    default:
      return undefined;
  }
}
