import type { Usage } from '../gateway/hooks.js';
import type { SseEvent } from './sse.js';

export type JsonObject = Record<string, unknown>;
export type JsonPath = readonly (string | number)[];

/**
 * A text channel is one independently growing text: a choice's content, one tool call's
 * arguments, one Anthropic content block, one Responses output part. Detectors and the hold-back
 * window work per channel.
 */
export interface ChannelText {
  /**
   * Stable key within one stream, ending in `;` so that close prefixes never match a longer index:
   * `c0:content;`, `c0:t1;` (tool call 1 of choice 0), `b2;` (Anthropic block 2), `o1:0;`, `o1:args;`.
   */
  readonly channel: string;
  readonly kind: 'text' | 'tool_arguments';
  /** Where the text sits inside the event's JSON. */
  readonly path: JsonPath;
  readonly text: string;
}

/** What one upstream event means to the guard. */
export interface ReadEvent {
  readonly sse: SseEvent;
  /** Parsed `data` (absent for comments, `[DONE]`). */
  readonly json?: JsonObject;
  /** Incremental text this event appends to its channels. */
  readonly deltas: readonly ChannelText[];
  /**
   * Fields that repeat a channel's WHOLE text (Responses `*.done`, `response.completed`): they are
   * rewritten to the text the client actually received, so a redacted value cannot leak through them.
   */
  readonly finals: readonly ChannelText[];
  /** Prefixes of the channels that end with this event (held text is flushed after a final check). */
  readonly closes: readonly string[];
  /** Do not relay this event (the usage chunk the client did not ask for). */
  readonly drop: boolean;
  /** The shape changed `json` itself (e.g. removed a `usage: null` the client did not ask for). */
  readonly mutated: boolean;
}

export interface TerminalError {
  /** AIRLOCK_ERR_* code. */
  readonly code: string;
  readonly type: string;
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

/** One API shape's stream: stateful, one instance per response. */
export interface StreamShape {
  readonly name: string;
  /** Interpret one event. Throws StreamFormatError when the event cannot be understood. */
  read(ev: SseEvent): ReadEvent;
  /** The provider's own terminal error event, which its SDK raises as an API error. */
  errorEvent(err: TerminalError): string;
  /** Token usage seen so far (complete once the stream has ended). */
  usage(): Usage | undefined;
}

export class StreamFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamFormatError';
  }
}

/**
 * The provider's own error event mid-stream (overloaded, server error): relayed as is, so the SDK
 * sees the real error type (and its retry logic works); text still held back is dropped.
 */
export class UpstreamErrorEvent extends Error {
  constructor(readonly raw: string) {
    super('the upstream reported an error mid-stream');
    this.name = 'UpstreamErrorEvent';
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseData(ev: SseEvent): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(ev.data);
  } catch {
    throw new StreamFormatError('the upstream sent an event whose data is not JSON');
  }
  if (!isObject(v)) throw new StreamFormatError('the upstream sent an event whose data is not a JSON object');
  return v;
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function setPath(root: JsonObject, path: JsonPath, value: unknown): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, unknown>)[path[i] as string | number];
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value;
}

export function plain(sse: SseEvent): ReadEvent {
  return { sse, deltas: [], finals: [], closes: [], drop: false, mutated: false };
}
