import type { IncomingMessage, ServerResponse } from 'node:http';
import { countTokens } from 'gpt-tokenizer';
import type { Segment } from '../detectors/types.js';
import { AirlockError, ERRORS } from '../errors.js';
import { selectAdapter, selectStoredAnswer, type Adapter } from '../providers/index.js';
import type { PseudonymVault, Verdict, VaultStore } from '../policy/index.js';
import type { Logger } from '../telemetry/log.js';
import { upstreamError } from '../upstream/index.js';
import { ExchangeAbort, NEVER_ABORTED } from './abort.js';
import { readBody, type ReadBody } from './body.js';
import type { Admission, ExchangeRecord, GatewayHooks, Identity, Usage } from './hooks.js';
import { modelAllowed } from './models.js';
import { maskedPreview, valueHash } from './preview.js';
import { relay, type ResponseFilterFactory } from './relay.js';
import { redactedRequestBody } from './stored-body.js';
import { requestId } from './request-id.js';
import { sendError } from './respond.js';
import { resolveRoute, type Resolved } from './route.js';
import { prepareRequest, type PreparedRequest, type StreamOutcome } from '../stream/index.js';
import type { RuntimeState } from './runtime.js';
import { storedVault, vaultKeeper } from './vault-link.js';

export interface ExchangeDeps {
  readonly hooks?: GatewayHooks;
  readonly logger: Logger;
  readonly filter?: ResponseFilterFactory;
  /** Shared pseudonym mappings (`vault.store: redis`), for answers fetched later. */
  readonly vaults?: VaultStore;
}

const TRUSTED: Identity = Object.freeze({ role: 'anonymous' as const });
const NO_TIMINGS = { detectors_ms: 0, judge_ms: 0 };

/** Per-request facts gathered along the way, for the audit record. */
interface Trace {
  requestId: string;
  start: number;
  resolved?: Resolved;
  identity: Identity;
  model?: string;
  stream: boolean;
  segments: readonly Segment[];
  verdict?: Verdict;
  upstreamStart?: number;
  upstreamEnd?: number;
  usage?: Usage;
  output?: StreamOutcome;
  /** Kept only when the route's policy stores bodies in the audit trail. */
  stored?: { adapter: Adapter; json: unknown };
}

function estimate(segments: readonly Segment[], maxTokens: number | undefined): number {
  let n = maxTokens ?? 0;
  for (const s of segments) n += countTokens(s.text);
  return n;
}

/** Refuse a request above the key's cap; give one that sets no bound the cap as its bound. */
function capMaxTokens(adapter: Adapter, body: ReadBody, requested: number | undefined, cap: number): number {
  if (requested !== undefined) {
    if (requested > cap) {
      throw new AirlockError('AIRLOCK_ERR_MAX_TOKENS', {
        message: `This key may ask for at most ${cap} answer tokens; the request asked for ${requested}. Lower max_tokens.`,
        param: 'max_tokens',
      });
    }
    return requested;
  }
  const field = adapter.maxTokensField;
  if (field && typeof body.json === 'object' && body.json !== null && !Array.isArray(body.json)) {
    (body.json as Record<string, unknown>)[field] = cap;
    body.changed = true;
  }
  return cap;
}

function blockError(v: Verdict): AirlockError {
  const code = v.code ?? 'AIRLOCK_ERR_BLOCKED';
  const base = ERRORS[code].message;
  // The reason is what the caller needs to fix the prompt; policies never put matched values in it.
  const message = v.reason ? `${base.replace(/\.$/, '')}: ${v.reason}` : base;
  return new AirlockError(code, { message, details: { ...(v.rule ? { rule: v.rule } : {}), ...(v.reason ? { reason: v.reason } : {}) } });
}

/** Run the policy and produce the bytes to forward: the original ones unless something changed. */
async function inspect(trace: Trace, state: Resolved, adapter: Adapter, body: ReadBody, signal: AbortSignal): Promise<Buffer> {
  const unchanged = (): Buffer => (body.changed ? Buffer.from(JSON.stringify(body.json)) : body.raw);
  if (trace.segments.length === 0) return unchanged();
  const v = await state.route.policy.inspectInput(trace.segments, { requestId: trace.requestId, signal });
  trace.verdict = v;
  if (v.decision === 'block') throw blockError(v);
  if (v.decision === 'modify' && v.edits.length > 0) return Buffer.from(JSON.stringify(adapter.apply(body.json, trace.segments, v.edits)));
  return unchanged();
}

async function run(req: IncomingMessage, res: ServerResponse, state: RuntimeState, deps: ExchangeDeps, trace: Trace, abort: ExchangeAbort): Promise<number> {
  const resolved = resolveRoute(state, req);
  trace.resolved = resolved;
  const { route } = resolved;
  const signal = route.waits ? abort.signal : NEVER_ABORTED;
  if (deps.hooks?.authenticate) trace.identity = await deps.hooks.authenticate(req.headers, route.auth);
  else if (route.auth === 'virtual_key') throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', { message: 'This route requires an Airlock virtual key, but no key store is configured.' });

  const server = state.config.server;
  const body = await readBody(req, { maxBytes: server.max_body_bytes, maxDepth: server.max_json_depth });
  const adapter = selectAdapter(resolved.pathname);
  // A stored answer fetched later: its text is read (inspected, restored) as the shape it has.
  const stored = req.method === 'GET' && !body ? selectStoredAnswer(resolved.pathname) : undefined;
  let maxTokens: number | undefined;
  if (body) {
    trace.segments = adapter.extract(body.json);
    // A copy before anything (caps, redaction) edits the body in place.
    if (route.storeBodies) trace.stored = { adapter, json: structuredClone(body.json) };
    trace.model = adapter.model(body.json);
    trace.stream = adapter.stream(body.json);
    maxTokens = adapter.maxTokens(body.json);
  }
  const id = trace.identity;
  if (body && !modelAllowed(id.models, trace.model)) {
    throw new AirlockError('AIRLOCK_ERR_MODEL_NOT_ALLOWED', {
      message: `This key may not use ${trace.model === undefined ? 'an unnamed model' : 'this model'}; allowed: ${(id.models ?? []).join(', ')}.`,
      param: 'model',
    });
  }
  if (body && id.maxTokensCap !== undefined) maxTokens = capMaxTokens(adapter, body, maxTokens, id.maxTokensCap);

  let admission: Admission | undefined;
  let estimated: number | undefined;
  if (deps.hooks?.admit) {
    admission = await deps.hooks.admit({
      requestId: trace.requestId,
      route: route.name,
      upstream: route.upstream.name,
      path: resolved.pathname,
      ...(trace.model !== undefined ? { model: trace.model } : {}),
      stream: trace.stream,
      identity: id,
      // A getter: the limiter counts tokens only when a token limit, budget or meter applies.
      get estimatedTokens() {
        return (estimated ??= estimate(trace.segments, maxTokens));
      },
    });
  }
  let settled = false;
  try {
    let forward = body ? await inspect(trace, resolved, adapter, body, signal) : undefined;
    // After input inspection: ask for stream usage, plant the canary, note the system prompts.
    let prepared: PreparedRequest | undefined;
    if (body && forward) {
      const json: unknown = forward === body.raw || body.changed ? body.json : JSON.parse(forward.toString('utf8'));
      prepared = prepareRequest(adapter.name, json, trace.segments, { canary: route.canary === true });
      if (prepared.changed) forward = Buffer.from(JSON.stringify(prepared.body));
    }
    // Looked up while the upstream answers: a miss or a store failure leaves the placeholders.
    const restoring: Promise<PseudonymVault | undefined> | undefined = stored && deps.vaults ? storedVault(deps.vaults, stored.id, trace.identity) : undefined;
    trace.upstreamStart = performance.now();
    const up = await route.upstream.send({
      method: req.method ?? 'GET',
      path: resolved.upstreamPath,
      headers: req.headers,
      ...(forward ? { body: forward, json: prepared?.body ?? body?.json } : {}),
      signal: abort,
    });
    const own = trace.verdict?.vault;
    const vault = own && own.entries.size > 0 ? own : ((await restoring) ?? own);
    const keepVault = vaultKeeper(deps.vaults, trace.requestId, trace.identity, trace.verdict?.vault);
    const result = await relay(
      res,
      up,
      { requestId: trace.requestId, adapter: stored?.adapter ?? adapter, stream: trace.stream, policy: route.policy, ...(vault ? { vault } : {}), ...(keepVault ? { keepVault } : {}), ...(prepared ? { facts: prepared.facts, stripUsage: prepared.stripUsage } : {}), ...(route.stream ? { holdBackChars: route.stream.hold_back_chars, scanStepChars: route.stream.scan_step_chars } : {}), signal },
      {
        ...(deps.filter ? { filter: deps.filter } : {}),
        wantUsage: admission !== undefined || deps.hooks?.record !== undefined,
        extraHeaders: admission?.headers ? { ...admission.headers, 'x-airlock-request-id': trace.requestId } : { 'x-airlock-request-id': trace.requestId },
      },
    ).catch((err: unknown) => {
      throw err instanceof AirlockError ? err : upstreamError(err);
    });
    trace.upstreamEnd = performance.now();
    if (result.usage) trace.usage = result.usage;
    if (result.output) trace.output = result.output;
    settled = true;
    await admission?.settle(result.usage);
    return result.status;
  } finally {
    if (!settled && admission) await Promise.resolve(admission.settle(undefined)).catch(() => undefined);
  }
}

function record(hooks: GatewayHooks, req: IncomingMessage, t: Trace, status: number, err?: AirlockError): void {
  const v = t.verdict;
  const r = t.resolved;
  const findings = (v?.findings ?? []).map((f) => {
    const seg = t.segments[f.segment];
    const value = seg ? seg.text.slice(f.start, f.end) : '';
    return { ...f, path: seg?.path ?? '', preview: maskedPreview(value), hash: valueHash(value) };
  });
  // Output inspection (stream/): answer findings carry no text of their own, so no preview.
  const o = t.output;
  const outBlock = err?.code === 'AIRLOCK_ERR_OUTPUT_BLOCKED' || o?.decision === 'block';
  for (const { channel, ...f } of o?.findings ?? []) findings.push({ ...f, path: `answer:${channel}`, preview: '', hash: '' });
  const outRule = o?.rule ?? (typeof err?.details.rule === 'string' ? err.details.rule : undefined);
  const now = performance.now();
  let bodies: ExchangeRecord['bodies'];
  try {
    if (t.stored) bodies = { request: redactedRequestBody(t.stored.adapter, t.stored.json, t.segments, v?.findings ?? []) };
  } catch {
    bodies = undefined; // a body that cannot be rebuilt is not stored; the event itself still is
  }
  const rec: ExchangeRecord = {
    requestId: t.requestId,
    time: Date.now(),
    identity: t.identity,
    route: r?.route.name ?? '',
    upstream: r?.route.upstream.name ?? '',
    method: req.method ?? '',
    path: r?.pathname ?? (req.url ?? '').split('?')[0] ?? '',
    ...(t.model !== undefined ? { model: t.model } : {}),
    stream: t.stream,
    verdict: outBlock ? 'block' : err || o?.decision === 'error' ? (v?.decision === 'block' ? 'block' : 'error') : o?.decision === 'modify' && v?.decision !== 'block' ? 'modify' : (v?.decision ?? 'allow'),
    ...(outBlock ? { stage: 'output' as const } : v ? { stage: 'input' as const } : {}),
    ...(outBlock ? (outRule ? { rule: outRule } : {}) : v?.rule ? { rule: v.rule } : {}),
    ...(outBlock ? (o?.reason ? { reason: o.reason } : {}) : v?.reason ? { reason: v.reason } : {}),
    findings,
    actions: [...new Set(findings.map((f) => f.action))],
    status,
    ...(err ? { errorCode: err.code } : o?.decision === 'error' && o.code ? { errorCode: o.code } : {}),
    ...(t.usage ? { usage: t.usage } : {}),
    timings: {
      ...(v?.timings ?? NO_TIMINGS),
      upstream_ms: t.upstreamStart !== undefined ? (t.upstreamEnd ?? now) - t.upstreamStart : 0,
      total_ms: now - t.start,
    },
    ...(bodies ? { bodies } : {}),
  };
  try {
    hooks.record?.(rec);
  } catch {
    // The audit sink must not break the request path.
  }
}

/** One request, end to end: route → identify → limits → body → inspect → upstream → relay → record. */
export async function handleExchange(req: IncomingMessage, res: ServerResponse, state: RuntimeState, deps: ExchangeDeps): Promise<void> {
  const trace: Trace = { requestId: requestId(), start: performance.now(), identity: TRUSTED, stream: false, segments: [] };
  // A client that goes away cancels the judge call and the upstream request.
  const abort = new ExchangeAbort(res);
  let status = 0;
  let failure: AirlockError | undefined;
  try {
    status = await run(req, res, state, deps, trace, abort);
  } catch (err) {
    if (abort.aborted) {
      status = 499;
      res.destroy();
    } else {
      // The rest of an oversized body is never read: close the connection instead of draining it.
      if (err instanceof AirlockError && err.code === 'AIRLOCK_ERR_BODY_TOO_LARGE' && !res.headersSent) res.setHeader('connection', 'close');
      failure = sendError(res, err, trace.requestId);
      status = failure.status;
      if (!(err instanceof AirlockError)) deps.logger.error({ requestId: trace.requestId, err: errorSummary(err) }, 'request failed');
      else if (failure.status >= 500) deps.logger.warn({ requestId: trace.requestId, code: failure.code, cause: errorSummary(failure.cause) }, 'upstream or guard failure');
    }
  } finally {
    abort.detach();
  }
  if (deps.hooks?.record) record(deps.hooks, req, trace, status, failure);
}

/** Name and code of an error, never its full object (which could hold headers or bodies). */
function errorSummary(err: unknown): Record<string, unknown> | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message.slice(0, 300), ...(typeof code === 'string' ? { code } : {}) };
}
