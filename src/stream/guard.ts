import { ERRORS } from '../errors.js';
import type { Usage } from '../gateway/hooks.js';
import type { CompiledPolicy, InspectContext, PolicyFinding, PseudonymVault } from '../policy/types.js';
import { answerIdOf } from './answer-id.js';
import { Channel, StreamBlocked } from './channel.js';
import { setPath, StreamFormatError, UpstreamErrorEvent, type ChannelText, type ReadEvent, type StreamShape, type TerminalError } from './shape.js';
import { serializeEvent, SseError, SseParser } from './sse.js';

export interface StreamGuardOptions {
  readonly shape: StreamShape;
  /** The route's policy; without one (or without output detectors) text is only restored. */
  readonly policy?: CompiledPolicy;
  readonly ctx: InspectContext;
  /** Pseudonym vault of the request: placeholders in the answer are restored. */
  readonly vault?: PseudonymVault;
  /** Characters kept back per channel while a match could still be forming (default 64). */
  readonly holdBackChars?: number;
  /** Extra characters gathered before each scan; larger = fewer scans, later release (default 32). */
  readonly scanStepChars?: number;
  /** Called once, with the provider's answer id from the first event that carries one. */
  readonly onAnswerId?: (id: string) => void;
}

export interface StreamOutcome {
  readonly decision: 'allow' | 'modify' | 'block' | 'error';
  readonly code?: string;
  readonly rule?: string;
  readonly reason?: string;
  /** Findings per channel (offsets relative to the scanned window; no matched text). */
  readonly findings: readonly (PolicyFinding & { channel: string })[];
  readonly usage?: Usage;
}

interface Queued {
  readonly ev: ReadEvent;
  readonly ranges: readonly { readonly d: ChannelText; readonly ch: Channel; readonly a: number; readonly b: number }[];
}

export const DEFAULT_HOLD_BACK = 64;
export const DEFAULT_SCAN_STEP = 32;

/**
 * Inspects one streamed answer as it flows. Feed it upstream bytes; it returns the text to write
 * to the client. Events whose text is untouched are relayed byte for byte; an event is released
 * once every character it carries has been decided. On a block it returns the provider's own
 * error event and `done` becomes true: the caller closes the response and aborts the upstream.
 */
export class StreamGuard {
  private readonly parser = new SseParser();
  private readonly channels = new Map<string, Channel>();
  private readonly queue: Queued[] = [];
  /** Per channel, the last delta event: a template for text released at channel end. */
  private readonly templates = new Map<string, { ev: ReadEvent; d: ChannelText }>();
  /** Channels whose only text came in a whole-text field (no deltas): rendered once from it. */
  private readonly finalOnly = new Map<Channel, string>();
  private readonly holdBack: number;
  private readonly step: number;
  private outcome: Omit<StreamOutcome, 'findings' | 'usage'> = { decision: 'allow' };
  /** Set once a terminal event was produced (block, malformed stream, upstream fault). */
  done = false;
  private idSeen = false;

  constructor(private readonly opts: StreamGuardOptions) {
    const inspects = opts.policy?.inspectsOutput ?? false;
    this.holdBack = inspects ? Math.max(0, opts.holdBackChars ?? DEFAULT_HOLD_BACK) : 0;
    this.step = inspects ? Math.max(1, opts.scanStepChars ?? DEFAULT_SCAN_STEP) : 0;
  }

  /** Upstream bytes in; text for the client out (possibly empty while text is held back). */
  async push(chunk: Uint8Array | string): Promise<string> {
    if (this.done) return '';
    try {
      // All events of a chunk first, then one scan per channel: a gateway that fell behind (many
      // events per read) scans bigger windows less often instead of falling further behind.
      const touched = new Set<Channel>();
      for (const ev of this.parser.push(chunk)) await this.onEvent(ev, touched);
      for (const ch of touched) if (!ch.closed && ch.due()) await ch.decide(false);
      return this.drain();
    } catch (err) {
      return this.terminal(err);
    }
  }

  /** Upstream finished normally: final checks on everything still held, then release it. */
  async end(): Promise<string> {
    if (this.done) return '';
    try {
      for (const ev of this.parser.end()) await this.onEvent(ev, new Set());
      for (const ch of this.channels.values()) await this.close(ch);
      const out = this.drain();
      this.done = true;
      if (this.queue.length > 0) throw new StreamFormatError('the stream ended with events still held');
      return out;
    } catch (err) {
      this.done = false;
      return this.terminal(err);
    }
  }

  /** Upstream failed mid-stream (reset, timeout): held text is dropped, never released unchecked. */
  fail(message = 'The upstream provider closed the stream before the answer was complete.'): string {
    if (this.done) return '';
    return this.terminal(new UpstreamFault(message));
  }

  usage(): Usage | undefined {
    return this.opts.shape.usage();
  }

  result(): StreamOutcome {
    const findings: (PolicyFinding & { channel: string })[] = [];
    let modified = false;
    for (const ch of this.channels.values()) {
      for (const f of ch.findings) findings.push({ ...f, channel: ch.key });
      modified ||= ch.redacted;
    }
    const decision = this.outcome.decision === 'allow' && modified ? 'modify' : this.outcome.decision;
    const usage = this.usage();
    return { ...this.outcome, decision, findings, ...(usage ? { usage } : {}) };
  }

  private channel(d: ChannelText): Channel {
    let ch = this.channels.get(d.channel);
    if (!ch) {
      ch = new Channel(d.channel, d.kind, {
        ...(this.opts.policy?.inspectsOutput ? { policy: this.opts.policy } : {}),
        ...(this.opts.vault ? { vault: this.opts.vault } : {}),
        ctx: this.opts.ctx,
        holdBack: this.holdBack,
        step: this.step,
        maxPending: Math.max(4096, this.holdBack * 16),
      });
      this.channels.set(d.channel, ch);
    }
    return ch;
  }

  private async onEvent(sse: Parameters<StreamShape['read']>[0], touched: Set<Channel>): Promise<void> {
    const ev = this.opts.shape.read(sse);
    if (!this.idSeen && ev.json && this.opts.onAnswerId) {
      const id = answerIdOf(ev.json);
      if (id !== undefined) {
        this.idSeen = true;
        this.opts.onAnswerId(id);
      }
    }
    const ranges: Queued['ranges'][number][] = [];
    for (const d of ev.deltas) {
      const ch = this.channel(d);
      if (ch.closed) throw new StreamFormatError('the upstream sent text for a part it had already ended');
      const [a, b] = ch.append(d.text);
      ranges.push({ d, ch, a, b });
      touched.add(ch);
      this.templates.set(d.channel, { ev, d });
    }
    // A whole-text field for a channel that streamed nothing: its text must still be inspected.
    for (const f of ev.finals) {
      const ch = this.channel(f);
      if (ch.received === 0 && !ch.closed && f.text.length > 0) {
        ch.append(f.text);
        this.finalOnly.set(ch, f.text);
      }
    }
    this.queue.push({ ev, ranges });
    for (const prefix of ev.closes) {
      for (const ch of this.channels.values()) if (ch.key.startsWith(prefix)) await this.close(ch);
    }
    for (const f of ev.finals) await this.close(this.channel(f));
  }

  private async close(ch: Channel): Promise<void> {
    if (ch.closed) return;
    await ch.decide(true);
    ch.closed = true;
  }

  /** Release queued events from the head while everything they carry is decided. */
  private drain(): string {
    let out = '';
    while (this.queue.length > 0) {
      const q = this.queue[0] as Queued;
      if (q.ranges.some((r) => r.ch.decided < r.b)) break;
      if (q.ev.finals.some((f) => !this.channels.get(f.channel)?.closed)) break;
      this.queue.shift();
      out += this.closingText(q.ev) + this.render(q);
    }
    return out;
  }

  /** Text a restorer still holds when its channel ends, sent as one more delta before the end. */
  private closingText(ev: ReadEvent): string {
    const keys = new Set<string>();
    for (const p of ev.closes) for (const k of this.channels.keys()) if (k.startsWith(p)) keys.add(k);
    for (const f of ev.finals) keys.add(f.channel);
    let out = '';
    for (const k of keys) {
      const ch = this.channels.get(k);
      const t = this.templates.get(k);
      if (!ch || !t) continue;
      const text = ch.flushRestorer();
      if (text.length === 0 || !t.ev.json) continue;
      const json = structuredClone(t.ev.json);
      for (const d of t.ev.deltas) setPath(json, d.path, d === t.d ? text : '');
      out += serializeEvent({ ...(t.ev.sse.event !== undefined ? { event: t.ev.sse.event } : {}), data: JSON.stringify(json) });
    }
    return out;
  }

  private render(q: Queued): string {
    const { ev } = q;
    if (ev.drop) return '';
    let changed = ev.mutated;
    for (const r of q.ranges) {
      const text = r.ch.render(r.a, r.b, r.d.text);
      if (text !== r.d.text && ev.json) {
        setPath(ev.json, r.d.path, text);
        changed = true;
      }
    }
    for (const f of ev.finals) {
      const ch = this.channels.get(f.channel);
      const only = ch ? this.finalOnly.get(ch) : undefined;
      if (ch && only !== undefined) {
        this.finalOnly.delete(ch);
        ch.render(0, ch.received, only);
        ch.flushRestorer();
      }
      if (ch && ch.out !== f.text && ev.json) {
        setPath(ev.json, f.path, ch.out);
        changed = true;
      }
    }
    if (!changed || !ev.json) return ev.sse.raw;
    return serializeEvent({ ...(ev.sse.event !== undefined ? { event: ev.sse.event } : {}), ...(ev.sse.id !== undefined ? { id: ev.sse.id } : {}), data: JSON.stringify(ev.json) });
  }

  private terminal(err: unknown): string {
    this.done = true;
    this.queue.length = 0;
    if (err instanceof UpstreamErrorEvent) {
      this.outcome = { decision: 'error', code: 'AIRLOCK_ERR_UPSTREAM_UNAVAILABLE', reason: err.message };
      return err.raw;
    }
    let te: TerminalError;
    if (err instanceof StreamBlocked) {
      const code = err.verdict.code ?? 'AIRLOCK_ERR_OUTPUT_BLOCKED';
      const def = ERRORS[code];
      const reason = err.verdict.reason;
      te = { code, type: def.type, message: reason ? `${def.message.replace(/\.$/, '')}: ${reason}` : def.message, extra: { ...(err.verdict.rule ? { rule: err.verdict.rule } : {}), ...(reason ? { reason } : {}) } };
      this.outcome = { decision: 'block', code, ...(err.verdict.rule ? { rule: err.verdict.rule } : {}), ...(reason ? { reason } : {}) };
      for (const f of err.verdict.findings) {
        const owner = [...this.channels.values()].find((c) => !c.closed);
        if (owner) owner.findings.push(f);
      }
    } else {
      const upstream = err instanceof UpstreamFault;
      const message = err instanceof SseError || err instanceof StreamFormatError || upstream ? err.message : 'The gateway failed while inspecting the answer.';
      const code = upstream || err instanceof SseError || err instanceof StreamFormatError ? 'AIRLOCK_ERR_UPSTREAM_UNAVAILABLE' : 'AIRLOCK_ERR_INTERNAL';
      te = { code, type: ERRORS[code].type, message: upstream ? message : `${ERRORS[code].message} ${message}` };
      this.outcome = { decision: 'error', code, reason: message };
    }
    return this.opts.shape.errorEvent(te);
  }
}

class UpstreamFault extends Error {}
