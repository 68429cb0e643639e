/**
 * Incremental server-sent-events parser and serializer.
 *
 * The parser is fed raw bytes as they arrive and may be cut anywhere: inside a multi-byte UTF-8
 * character, between `\r` and `\n`, inside a field name. Each event keeps its exact source text
 * (`raw`) so an event the gateway does not touch is relayed byte for byte.
 */

export interface SseEvent {
  /** `event:` field, when present. */
  readonly event?: string;
  /** `data:` lines joined with `\n` (empty when the block had no data line). */
  readonly data: string;
  /** True when the block had at least one `data:` line (comment-only blocks have none). */
  readonly hasData: boolean;
  readonly id?: string;
  /** The block exactly as received, terminating blank line included. */
  readonly raw: string;
}

export class SseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SseError';
  }
}

export interface SseParserOptions {
  /** Refuse a single event larger than this many characters (a stream that never ends a block). */
  readonly maxEventChars?: number;
}

const DEFAULT_MAX_EVENT = 16 * 1024 * 1024;

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly maxEventChars: number;
  /** Undecoded text carried over: the current, incomplete line. */
  private line = '';
  /** Raw text of the current block's complete lines. */
  private raw = '';
  private dataLines: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  /** The previous chunk ended in `\r`: a leading `\n` in the next one belongs to that line end. */
  private pendingCr = false;
  /** A blank line ended in that `\r`: dispatch once we know whether a `\n` belongs to it. */
  private dispatchPending = false;
  private failed = false;

  constructor(opts: SseParserOptions = {}) {
    this.maxEventChars = opts.maxEventChars ?? DEFAULT_MAX_EVENT;
  }

  /** Feed bytes (or already decoded text); returns every event completed by them. */
  push(chunk: Uint8Array | string): SseEvent[] {
    if (this.failed) throw new SseError('the SSE stream already failed');
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    } catch {
      return this.fail('the upstream stream is not valid UTF-8');
    }
    return this.consume(text);
  }

  /** The stream ended: flush and check nothing was left half-sent. */
  end(): SseEvent[] {
    if (this.failed) throw new SseError('the SSE stream already failed');
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch {
      return this.fail('the upstream stream ended inside a UTF-8 character');
    }
    const out = this.consume(tail);
    if (this.dispatchPending) {
      this.dispatchPending = false;
      this.pendingCr = false;
      out.push(this.dispatch());
    }
    // A final line without its terminator still counts as a line; an unterminated block is a cut.
    if (this.line.length > 0) out.push(...this.consume('\n'));
    if (this.raw.length > 0 && (this.dataLines.length > 0 || this.event !== undefined)) {
      return this.fail('the upstream stream ended in the middle of an event');
    }
    return out;
  }

  private fail(message: string): never {
    this.failed = true;
    throw new SseError(message);
  }

  private consume(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let i = 0;
    if (this.pendingCr && text.length > 0) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) {
        this.raw += '\n';
        i = 1;
      }
      if (this.dispatchPending) {
        this.dispatchPending = false;
        out.push(this.dispatch());
      }
    }
    while (i < text.length) {
      let j = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 10 || c === 13) break;
        j++;
      }
      if (j === text.length) {
        this.line += text.slice(i);
        if (this.line.length + this.raw.length > this.maxEventChars) this.fail(`an upstream event exceeds ${this.maxEventChars} characters`);
        break;
      }
      const line = this.line + text.slice(i, j);
      this.line = '';
      let end = text[j] as string;
      if (end === '\r') {
        if (j + 1 < text.length) {
          if (text.charCodeAt(j + 1) === 10) {
            end = '\r\n';
          }
        } else {
          this.pendingCr = true;
        }
      }
      i = j + end.length;
      this.raw += line + end;
      if (this.raw.length > this.maxEventChars) this.fail(`an upstream event exceeds ${this.maxEventChars} characters`);
      if (line.length === 0) {
        if (this.pendingCr) this.dispatchPending = true;
        else out.push(this.dispatch());
      } else {
        this.field(line);
      }
    }
    return out;
  }

  private field(line: string): void {
    if (line.charCodeAt(0) === 58 /* : */) return; // comment
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (name === 'data') this.dataLines.push(value);
    else if (name === 'event') this.event = value;
    else if (name === 'id') this.id = value;
    // `retry` and unknown fields are kept in `raw` only.
  }

  private dispatch(): SseEvent {
    const ev: SseEvent = {
      ...(this.event !== undefined ? { event: this.event } : {}),
      ...(this.id !== undefined ? { id: this.id } : {}),
      data: this.dataLines.join('\n'),
      hasData: this.dataLines.length > 0,
      raw: this.raw,
    };
    this.raw = '';
    this.dataLines = [];
    this.event = undefined;
    this.id = undefined;
    return ev;
  }
}

/** One event in canonical form: `event:` then one `data:` line per data line, blank line. */
export function serializeEvent(ev: { event?: string; data: string; id?: string }): string {
  let s = '';
  if (ev.event !== undefined) s += `event: ${ev.event}\n`;
  if (ev.id !== undefined) s += `id: ${ev.id}\n`;
  for (const line of ev.data.split(/\r\n|\r|\n/)) s += `data: ${line}\n`;
  return `${s}\n`;
}
