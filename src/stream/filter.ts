import type { RequestFacts } from '../detectors/types.js';
import { AirlockError } from '../errors.js';
import type { Usage } from '../gateway/hooks.js';
import type { CompiledPolicy, PseudonymVault } from '../policy/types.js';
import { answerUsage, inspectAnswer } from './answer.js';
import { answerIdOf } from './answer-id.js';
import { StreamGuard, type StreamOutcome } from './guard.js';
import { streamShapeFor } from './usage.js';

/** What the gateway's relay hands a response filter (a structural subset of its RelayContext). */
export interface AnswerContext {
  readonly requestId: string;
  readonly adapter: { readonly name: string };
  readonly policy: CompiledPolicy;
  readonly vault?: PseudonymVault;
  readonly signal?: AbortSignal;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** From `prepareRequest`. */
  readonly facts?: RequestFacts;
  readonly stripUsage?: boolean;
  /** Per-route overrides of the factory's hold-back settings (the policy's `stream:`). */
  readonly holdBackChars?: number;
  readonly scanStepChars?: number;
  /**
   * Keep this request's pseudonyms for answers fetched later (the vault store), under the
   * provider's answer id when known. Awaited before the answer's last bytes go out, so a client
   * that has the id can already fetch the answer, restored, through any replica. Never rejects.
   */
  readonly keepVault?: (answerId: string | undefined) => Promise<void>;
}

/** The gateway's ResponseFilter seam, plus the hooks that let it stop, fail and record cleanly. */
export interface AnswerFilter {
  chunk(data: Buffer): Promise<Buffer>;
  end(): Promise<Buffer>;
  /** True once a terminal event was sent: stop reading upstream (the relay aborts it). */
  done(): boolean;
  /** Upstream failed mid-answer: the provider-shaped terminal event to end the stream with. */
  fail(err: unknown): Buffer;
  usage(): Usage | undefined;
  outcome(): StreamOutcome;
}

export interface OutputFilterOptions {
  /** Characters held back per text channel while a match could still be forming (default 64). */
  readonly holdBackChars?: number;
  /** Characters gathered between scans (default 32). */
  readonly scanStepChars?: number;
  /** Largest non-streamed answer read for inspection (default 64 MiB). */
  readonly maxAnswerBytes?: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Build the output filter for one answer, or undefined when there is nothing to do (error
 * answers, no output detectors, no pseudonyms and no usage to hide): then bytes pass untouched.
 */
export function createAnswerFilter(ctx: AnswerContext, opts: OutputFilterOptions = {}): AnswerFilter | undefined {
  if (ctx.status < 200 || ctx.status >= 300) return undefined;
  const inspects = ctx.policy.inspectsOutput;
  const restores = ctx.vault !== undefined && ctx.vault.entries.size > 0;
  if (!inspects && !restores && !ctx.stripUsage) return undefined;
  const encoding = ctx.headers['content-encoding'];
  const compressed = typeof encoding === 'string' && encoding !== '' && encoding !== 'identity';
  const type = ctx.headers['content-type'];
  const sse = typeof type === 'string' && type.includes('text/event-stream');
  const inspectCtx = { requestId: ctx.requestId, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.facts ? { request: ctx.facts } : {}) };

  if (compressed) {
    // Compressed text cannot be inspected: refuse rather than relay it unchecked.
    const refuse = () => Promise.reject(new AirlockError('AIRLOCK_ERR_UPSTREAM_UNAVAILABLE', { message: 'The upstream answered with a compressed body, which Airlock cannot inspect.' }));
    return { chunk: refuse, end: refuse, done: () => false, fail: () => EMPTY, usage: () => undefined, outcome: () => ({ decision: 'error', findings: [] }) };
  }

  if (sse) {
    const shape = streamShapeFor(ctx.adapter.name, { stripUsage: ctx.stripUsage ?? false });
    if (!shape) return undefined;
    const keep = ctx.keepVault;
    // Saved as soon as the first event names the answer, without holding that event back.
    let kept: Promise<void> | undefined;
    const guard = new StreamGuard({
      ...(keep ? { onAnswerId: (id: string) => void (kept ??= keep(id)) } : {}),
      shape,
      policy: ctx.policy,
      ctx: inspectCtx,
      ...(ctx.vault ? { vault: ctx.vault } : {}),
      ...((ctx.holdBackChars ?? opts.holdBackChars) !== undefined ? { holdBackChars: ctx.holdBackChars ?? opts.holdBackChars } : {}),
      ...((ctx.scanStepChars ?? opts.scanStepChars) !== undefined ? { scanStepChars: ctx.scanStepChars ?? opts.scanStepChars } : {}),
    });
    return {
      chunk: async (data) => Buffer.from(await guard.push(data)),
      end: async () => {
        const out = await guard.end();
        if (keep) await (kept ?? keep(undefined));
        return Buffer.from(out);
      },
      done: () => guard.done,
      fail: (err) => Buffer.from(guard.fail(err instanceof Error && /timeout/i.test(err.name + err.message) ? 'The upstream provider stopped sending the answer in time.' : undefined)),
      usage: () => guard.usage(),
      outcome: () => guard.result(),
    };
  }

  // A whole answer: read it all, inspect, send once.
  const max = opts.maxAnswerBytes ?? 64 * 1024 * 1024;
  const parts: Buffer[] = [];
  let size = 0;
  let usage: Usage | undefined;
  let outcome: StreamOutcome = { decision: 'allow', findings: [] };
  return {
    chunk(data) {
      size += data.length;
      if (size > max) return Promise.reject(new AirlockError('AIRLOCK_ERR_UPSTREAM_UNAVAILABLE', { message: `The upstream answer exceeds ${max} bytes, the most Airlock inspects.` }));
      parts.push(data);
      return Promise.resolve(EMPTY);
    },
    async end() {
      const raw = Buffer.concat(parts);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        if (!inspects) {
          await ctx.keepVault?.(undefined);
          return raw;
        }
        throw new AirlockError('AIRLOCK_ERR_UPSTREAM_UNAVAILABLE', { message: 'The upstream answer is not JSON, so Airlock cannot inspect it.' });
      }
      usage = answerUsage(json);
      const answerId = answerIdOf(json);
      try {
        const r = await inspectAnswer(ctx.adapter.name, json, { policy: ctx.policy, ctx: inspectCtx, ...(ctx.vault ? { vault: ctx.vault } : {}) });
        const findings = (r.verdict?.findings ?? []).map((f) => ({ ...f, channel: 'body' }));
        outcome = { decision: r.changed ? 'modify' : 'allow', findings, ...(usage ? { usage } : {}) };
        await ctx.keepVault?.(answerId);
        return r.changed ? Buffer.from(JSON.stringify(r.body)) : raw;
      } catch (err) {
        if (err instanceof AirlockError) outcome = { decision: 'block', code: err.code, findings: [], ...(usage ? { usage } : {}) };
        throw err;
      }
    },
    done: () => false,
    fail: () => EMPTY,
    usage: () => usage,
    outcome: () => outcome,
  };
}

/** Factory form for the gateway's `responseFilter` option. */
export function outputFilter(opts: OutputFilterOptions = {}): (ctx: AnswerContext) => AnswerFilter | undefined {
  return (ctx) => createAnswerFilter(ctx, opts);
}
