import type { Segment } from '../detectors/types.js';
import type { SegmentEdit } from '../policy/types.js';

export type JsonObject = Record<string, unknown>;

/**
 * One API shape (OpenAI chat, Anthropic messages…). Adapters hold all provider-specific body
 * knowledge; the gateway only calls this interface.
 */
export interface Adapter {
  readonly name: string;
  /** True when this adapter understands requests to `path` (no query string). */
  matches(path: string): boolean;
  /**
   * Every text the model will see, with its JSON path. Throws AirlockError for a body whose texts
   * cannot be inspected (fail closed).
   */
  extract(body: unknown): Segment[];
  /** Write edited segment texts back into `body` (mutating it); returns the (possibly new) root. */
  apply(body: unknown, segments: readonly Segment[], edits: readonly SegmentEdit[]): unknown;
  model(body: unknown): string | undefined;
  stream(body: unknown): boolean;
  maxTokens(body: unknown): number | undefined;
  /**
   * For a path that fetches an answer the provider stored (`GET /v1/responses/{id}`): that id.
   * Such answers hold the placeholders the provider saw when the answer was made.
   */
  storedAnswerId?(path: string): string | undefined;
  /** The body field that bounds the answer's length, set when a key's cap applies and the client sent none. */
  readonly maxTokensField?: string;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
