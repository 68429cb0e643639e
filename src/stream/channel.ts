import type { Segment } from '../detectors/types.js';
import type { CompiledPolicy, InspectContext, PolicyFinding, Verdict } from '../policy/types.js';
import { StreamRestorer } from './restore.js';
import type { PseudonymVault } from '../policy/types.js';

/** A block decided while streaming; the guard turns it into the provider's error event. */
export class StreamBlocked extends Error {
  constructor(
    readonly verdict: Pick<Verdict, 'code' | 'reason' | 'rule' | 'findings'>,
    message = 'The answer was blocked by policy.',
  ) {
    super(message);
    this.name = 'StreamBlocked';
  }
}

interface Replacement {
  /** Range in the channel's original (upstream) text … */
  readonly s: number;
  readonly e: number;
  /** … and what the client gets instead. */
  readonly r: string;
}

export interface ChannelOptions {
  readonly policy?: CompiledPolicy;
  readonly ctx: InspectContext;
  readonly vault?: PseudonymVault;
  readonly holdBack: number;
  readonly step: number;
  /** Past this much undecided text a decision is forced, so memory stays bounded. */
  readonly maxPending: number;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * One text channel. Text is "decided" in order: a prefix of what arrived is scanned together with
 * the last `holdBack` decided characters (so a match spanning the boundary is seen), while the
 * newest `holdBack` characters stay undecided because a match could still be forming over them.
 * Every scan covers at most ~2×holdBack+step characters, so the total cost is linear in the answer.
 */
export class Channel {
  /** Characters received from upstream (original coordinates). */
  received = 0;
  /** Original offset up to which text is decided. */
  decided = 0;
  closed = false;
  /** Everything written to the client for this channel (restored): Responses' `*.done` fields. */
  out = '';
  private pending = '';
  private tail = '';
  private repl: Replacement[] = [];
  private readonly restorer?: StreamRestorer;
  readonly findings: PolicyFinding[] = [];
  redacted = false;

  constructor(
    readonly key: string,
    readonly kind: Segment['kind'] | 'tool_arguments',
    private readonly opts: ChannelOptions,
  ) {
    if (opts.vault && opts.vault.entries.size > 0) this.restorer = new StreamRestorer(opts.vault);
  }

  /** Append upstream text; returns its original range. */
  append(text: string): [number, number] {
    const a = this.received;
    this.received += text.length;
    this.pending += text;
    return [a, this.received];
  }

  /** True when enough undecided text piled up to release some. */
  due(): boolean {
    return !this.opts.policy || this.pending.length >= this.opts.holdBack + this.opts.step;
  }

  /** Decide what can be decided; `final` decides everything (channel end). Throws StreamBlocked. */
  async decide(final: boolean): Promise<void> {
    if (this.pending.length === 0) return;
    const policy = this.opts.policy;
    if (!policy) {
      this.commit(this.pending, this.pending);
      return;
    }
    const tail = this.tail;
    const w = tail + this.pending;
    const v = await this.scan(policy, w);
    let cut = final ? w.length : w.length - this.opts.holdBack;
    // Latest start first: moving the cut back can only make earlier matches straddle it.
    const active = v.findings.filter((f) => f.action !== 'flag').sort((x, y) => y.start - x.start);
    // Never cut through a match: it may still grow, so keep all of it back.
    for (const f of active) if (f.start < cut && f.end > cut) cut = f.start;
    // A match that keeps growing cannot hold the channel forever: past the cap, decide it all.
    if (!final && cut <= tail.length && this.pending.length > this.opts.maxPending) cut = w.length;
    for (const f of active) {
      if (f.start < tail.length && f.end > 0) {
        // Part of the match was already sent: redacting the rest would still leak; stop instead.
        throw new StreamBlocked({ code: 'AIRLOCK_ERR_OUTPUT_BLOCKED', reason: `a ${f.type} match spans text already sent; raise hold_back_chars`, rule: `${f.detector}:${f.type}`, findings: [f] });
      }
    }
    for (const f of v.findings) if (f.start >= tail.length && f.start < cut) this.findings.push(f);
    if (cut <= tail.length) return;
    const orig = this.pending.slice(0, cut - tail.length);
    let det = orig;
    if (active.some((f) => f.start < cut)) {
      const v2 = await this.scan(policy, w.slice(0, cut));
      const edited = v2.edits.find((e) => e.segment === 0)?.text ?? w.slice(0, cut);
      if (!edited.startsWith(tail)) {
        throw new StreamBlocked({ code: 'AIRLOCK_ERR_OUTPUT_BLOCKED', reason: 'a redaction reaches into text already sent', rule: 'stream:hold_back', findings: v2.findings });
      }
      det = edited.slice(tail.length);
      if (det !== orig) this.redacted = true;
    }
    this.commit(orig, det);
  }

  private async scan(policy: CompiledPolicy, text: string): Promise<Verdict> {
    const seg: Segment = { path: `stream:${this.key}`, role: 'assistant', kind: this.kind === 'tool_arguments' ? 'tool_arguments' : 'text', text };
    const v = await policy.inspectOutput([seg], { ...this.opts.ctx, partial: true });
    if (v.decision === 'block') throw new StreamBlocked(v);
    return v;
  }

  private commit(orig: string, det: string): void {
    if (det !== orig) {
      const p = commonPrefix(orig, det);
      const q = commonSuffix(orig, det, Math.min(orig.length, det.length) - p);
      this.repl.push({ s: this.decided + p, e: this.decided + orig.length - q, r: det.slice(p, det.length - q) });
    }
    this.decided += orig.length;
    this.pending = this.pending.slice(orig.length);
    const h = this.opts.holdBack;
    this.tail = h > 0 ? (this.tail + det).slice(-h) : '';
  }

  /**
   * The client's text for the original range [a, b) (which must be decided): replacements
   * applied, placeholders restored. Call for consecutive ranges, in order.
   */
  render(a: number, b: number, original: string): string {
    let det = '';
    let pos = a;
    for (const r of this.repl) {
      if (r.e <= pos && r.s < pos) continue;
      if (r.s >= b) break;
      if (r.s >= pos) {
        det += original.slice(pos - a, r.s - a) + r.r;
        pos = Math.min(b, Math.max(r.e, r.s));
      } else {
        pos = Math.min(b, r.e);
      }
    }
    det += original.slice(pos - a);
    // Ranges wholly behind us are never needed again.
    while (this.repl.length > 0 && (this.repl[0] as Replacement).e <= b && (this.repl[0] as Replacement).s < b) this.repl.shift();
    const text = this.restorer ? this.restorer.push(det) : det;
    this.out += text;
    return text;
  }

  /** At channel end: text the restorer still holds (not a placeholder after all). */
  flushRestorer(): string {
    if (!this.restorer) return '';
    const t = this.restorer.flush();
    this.out += t;
    return t;
  }
}
