import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { AirlockError } from '../errors.js';
import type { Usage } from './hooks.js';
import type { Adapter } from '../providers/index.js';
import { completeUsage, mergeUsage, readUsage } from '../providers/index.js';
import type { CompiledPolicy, PseudonymVault } from '../policy/types.js';
import type { RequestFacts } from '../detectors/types.js';
import type { StreamOutcome } from '../stream/index.js';
import { clientHeaders, type UpstreamResponse } from '../upstream/index.js';

/** What a response filter knows about the exchange it is filtering. */
export interface RelayContext {
  readonly requestId: string;
  readonly adapter: Adapter;
  /** The client asked for a stream (`stream: true`). */
  readonly stream: boolean;
  readonly policy: CompiledPolicy;
  /** Pseudonyms to restore in the answer, when the input was pseudonymized. */
  readonly vault?: PseudonymVault;
  readonly signal: AbortSignal;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Request facts for output detectors (system prompts, planted canary): see stream/prepareRequest. */
  readonly facts?: RequestFacts;
  /** Airlock added `stream_options.include_usage`: the filter hides the extra usage chunk. */
  readonly stripUsage?: boolean;
  /** The route policy's hold-back window for streamed answers (`stream:` in the policy). */
  readonly holdBackChars?: number;
  readonly scanStepChars?: number;
  /** Keep the request's pseudonyms for answers fetched later (see stream/AnswerContext). */
  readonly keepVault?: (answerId: string | undefined) => Promise<void>;
}

/**
 * The seam for output inspection (issue 4). A filter sees every upstream chunk as it arrives and
 * returns what may be sent now (possibly nothing: held back while a match could still be forming);
 * `end` flushes what is left. Throwing an AirlockError before anything was sent answers with it;
 * after that the connection is cut.
 */
export interface ResponseFilter {
  chunk(data: Buffer): Buffer | Promise<Buffer>;
  end(): Buffer | Promise<Buffer>;
  /** True once the filter sent a terminal event (a block): stop reading, which aborts the upstream. */
  done?(): boolean;
  /** The upstream failed after the answer started: a terminal event that ends the stream cleanly. */
  fail?(err: unknown): Buffer;
  /** Usage the filter read (it sees events the client may not). */
  usage?(): Usage | undefined;
  /** What output inspection decided, for the audit record. */
  outcome?(): StreamOutcome;
}

export type ResponseFilterFactory = (ctx: RelayContext) => ResponseFilter | undefined;

export interface RelayResult {
  readonly status: number;
  readonly usage?: Usage;
  readonly output?: StreamOutcome;
}

/** Pulls token usage out of an answer on the side, without holding the answer back. */
class UsageTap {
  private usage: Partial<Usage> | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private readonly whole: Buffer[] | undefined;

  constructor(private readonly sse: boolean) {
    this.whole = sse ? undefined : [];
  }

  push(chunk: Buffer): void {
    if (this.whole) {
      this.whole.push(chunk);
      return;
    }
    const text = this.carry + this.decoder.write(chunk);
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (!line.startsWith('data:') || !line.includes('"usage"')) return;
    try {
      this.usage = mergeUsage(this.usage, readUsage(JSON.parse(line.slice(5))));
    } catch {
      // A malformed event carries no usage we can trust.
    }
  }

  result(): Usage | undefined {
    if (this.whole) {
      try {
        return completeUsage(readUsage(JSON.parse(Buffer.concat(this.whole).toString('utf8'))));
      } catch {
        return undefined;
      }
    }
    this.line(this.carry + this.decoder.end());
    return completeUsage(this.usage);
  }
}

function write(res: ServerResponse, data: Buffer): Promise<void> | undefined {
  if (data.length === 0 || res.write(data)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** No filter: plain event-driven piping, the cheapest path (no async iteration per chunk). */
function pipe(res: ServerResponse, up: UpstreamResponse, tap: UsageTap | undefined): Promise<void> {
  const body = up.body;
  return new Promise((resolve, reject) => {
    const resume = () => body.resume();
    body.on('data', (chunk: Buffer) => {
      tap?.push(chunk);
      if (!res.write(chunk)) {
        body.pause();
        res.once('drain', resume);
      }
    });
    body.once('end', () => {
      res.off('drain', resume);
      res.end();
      resolve();
    });
    body.once('error', (err) => {
      res.off('drain', resume);
      reject(err);
    });
  });
}

/** With a filter: chunks go through it in order, each awaited before the next is read. */
async function filtered(res: ServerResponse, up: UpstreamResponse, tap: UsageTap | undefined, filter: ResponseFilter, head: () => void): Promise<void> {
  try {
    for await (const chunk of up.body as AsyncIterable<Buffer>) {
      tap?.push(chunk);
      const out = await filter.chunk(chunk);
      if (out.length > 0) {
        head();
        const wait = write(res, out);
        if (wait) await wait;
      }
      // done(): the filter sent a terminal event (a block); leaving the loop aborts the upstream.
      if (res.destroyed || filter.done?.()) break;
    }
    const rest = await filter.end();
    head();
    if (rest.length > 0) res.write(rest);
  } catch (err) {
    up.body.destroy();
    // Mid-stream upstream failure: end with the provider-shaped error event instead of a cut.
    if (filter.fail && res.headersSent && !res.destroyed && !(err instanceof AirlockError)) {
      res.end(filter.fail(err));
      return;
    }
    throw err;
  }
  res.end();
}

/**
 * Relay an upstream answer to the client chunk by chunk: each chunk is written as soon as it
 * arrives (streams are never buffered), with backpressure from the client honoured.
 */
export async function relay(
  res: ServerResponse,
  up: UpstreamResponse,
  ctx: Omit<RelayContext, 'status' | 'headers'>,
  opts: { filter?: ResponseFilterFactory; wantUsage: boolean; extraHeaders?: Record<string, string> },
): Promise<RelayResult> {
  const filter = opts.filter?.({ ...ctx, status: up.status, headers: up.headers });
  const contentType = up.headers['content-type'];
  const sse = typeof contentType === 'string' && contentType.includes('text/event-stream');
  // A filter that reads usage itself parses every event anyway: no second pass.
  const tap = opts.wantUsage && up.status < 300 && !filter?.usage ? new UsageTap(sse) : undefined;
  const headers = clientHeaders(up.headers, filter !== undefined);
  if (opts.extraHeaders) Object.assign(headers, opts.extraHeaders);
  let headWritten = false;
  const head = () => {
    if (headWritten) return;
    headWritten = true;
    res.writeHead(up.status, headers);
    // Flush headers at once so a stream's first byte is not held for the first chunk.
    if (sse) res.flushHeaders();
  };
  if (filter) {
    await filtered(res, up, tap, filter, head);
  } else {
    head();
    await pipe(res, up, tap);
  }
  const usage = filter?.usage ? filter.usage() : tap?.result();
  const output = filter?.outcome?.();
  return { status: up.status, ...(usage ? { usage } : {}), ...(output ? { output } : {}) };
}
