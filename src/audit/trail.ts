import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExchangeRecord } from '../gateway/hooks.js';
import type { Logger } from '../telemetry/log.js';
import { buildEvent, compact, type BuildOptions } from './event.js';
import { openBodies, sealBodies, type AuditBodies } from './seal.js';
import { SpillFile } from './spill.js';
import type { AuditEvent, AuditStore, ErasureSubject, EventFilter, EventPage, Stats } from './types.js';

/** What the trail reports to metrics (implemented by src/telemetry/metrics.ts). */
export interface AuditMetricsSink {
  observeExchange(rec: ExchangeRecord, costUsd: number): void;
  setQueueDepth(n: number): void;
  storeError(op: string): void;
  spilled(n: number): void;
}

export interface AuditTrailOptions extends BuildOptions {
  readonly store: AuditStore;
  /** Where the spill file and the hashing salt live. */
  readonly dataDir: string;
  readonly queue?: { max_events?: number; batch_size?: number; flush_ms?: number; retry_ms?: number };
  /** Events older than this are purged (ms); 0 disables purging. */
  readonly retentionMs?: number;
  readonly purgeIntervalMs?: number;
  readonly metrics?: AuditMetricsSink;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Secret keying hashes (config `audit.hash_key`); else one generated in the data dir. */
  readonly hashKey?: string;
  /** AES-256 key for stored bodies; without it bodies are never stored. */
  readonly bodyKey?: Buffer;
}

/** What the gateway passes: the record, plus redacted bodies when the policy asked to keep them. */
export type RecordInput = ExchangeRecord & { readonly bodies?: AuditBodies };

export interface AuditHealth {
  readonly store: 'sqlite' | 'postgres';
  readonly ok: boolean;
  readonly queued: number;
  readonly spill_bytes: number;
}

/**
 * The audit trail: a bounded in-memory queue written in batches off the request path. When the
 * database fails, batches go to the spill file and a retry loop replays them once it answers.
 */
export class AuditTrail {
  readonly store: AuditStore;
  private readonly spill: SpillFile;
  private readonly queue: AuditEvent[] = [];
  private readonly max: number;
  private readonly batch: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> | undefined;
  private recovering: Promise<void> | undefined;
  private degraded = false;
  /** False until the schema exists: a database down at start-up is set up when it returns. */
  private ready = false;
  private closed = false;
  private readonly salt: string;
  private readonly now: () => number;

  constructor(private readonly opts: AuditTrailOptions) {
    this.store = opts.store;
    this.spill = new SpillFile(opts.dataDir);
    this.max = opts.queue?.max_events ?? 10_000;
    this.batch = opts.queue?.batch_size ?? 500;
    this.now = opts.now ?? Date.now;
    this.salt = opts.hashKey ?? loadSalt(opts.dataDir);
  }

  /** Open the store, replay what a previous run spilled, start the flush/retry/purge timers. */
  async start(): Promise<void> {
    try {
      await this.store.init();
      this.ready = true;
      await this.recover();
    } catch (e) {
      this.degraded = true;
      this.fail('init', e);
    }
    const t = (fn: () => void, ms: number): void => {
      const h = setInterval(fn, ms);
      h.unref();
      this.timers.push(h);
    };
    t(() => void this.flush(), this.opts.queue?.flush_ms ?? 200);
    t(() => {
      if (this.degraded || this.spill.pending()) void this.recover();
    }, this.opts.queue?.retry_ms ?? 1000);
    const retention = this.opts.retentionMs ?? 30 * 86_400_000;
    if (retention > 0) {
      t(() => void this.purge().catch((e: unknown) => this.fail('purge', e)), this.opts.purgeIntervalMs ?? 3_600_000);
      void this.purge().catch((e: unknown) => this.fail('purge', e));
    }
  }

  /** The gateway hook: never throws, never blocks on I/O. */
  record(rec: RecordInput): void {
    try {
      let ev = buildEvent(rec, { costOf: this.opts.costOf, hashKey: this.salt });
      if (rec.bodies && this.opts.bodyKey) ev = { ...ev, body: sealBodies(this.opts.bodyKey, rec.bodies, ev.id) };
      this.opts.metrics?.observeExchange(rec, ev.cost_usd);
      this.enqueue(ev);
    } catch (e) {
      this.fail('record', e);
    }
  }

  enqueue(ev: AuditEvent): void {
    const e = compact(ev);
    if (this.queue.length >= this.max) {
      // Full queue: go straight to disk rather than drop the event or grow without bound.
      this.opts.metrics?.spilled(1);
      void this.spill.append([e]).catch((err: unknown) => this.fail('spill', err));
      return;
    }
    this.queue.push(e);
    this.opts.metrics?.setQueueDepth(this.queue.length);
    if (this.queue.length >= this.batch) void this.flush();
  }

  /** Write everything queued so far (to the database, or the spill file when it is down). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return Promise.resolve();
    this.flushing = (async () => {
      try {
        while (this.queue.length > 0) {
          const chunk = this.queue.splice(0, this.batch);
          this.opts.metrics?.setQueueDepth(this.queue.length);
          await this.writeChunk(chunk);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  private async writeChunk(chunk: AuditEvent[]): Promise<void> {
    if (!this.degraded) {
      try {
        await this.store.insert(chunk);
        return;
      } catch (e) {
        this.degraded = true;
        this.fail('insert', e);
      }
    }
    this.opts.metrics?.spilled(chunk.length);
    try {
      await this.spill.append(chunk);
    } catch (e) {
      this.fail('spill', e);
    }
  }

  /** Replay the spill file once the database answers again. */
  recover(): Promise<void> {
    if (this.recovering) return this.recovering;
    this.recovering = (async () => {
      try {
        if (this.ready) await this.store.ping();
        else {
          await this.store.init();
          this.ready = true;
        }
        const n = await this.spill.replay((c) => this.store.insert(c), this.batch);
        if (this.degraded || n > 0) this.opts.logger?.info({ replayed: n }, 'audit store available again; spilled events replayed');
        this.degraded = false;
      } catch (e) {
        if (!this.degraded) this.fail('replay', e);
        this.degraded = true;
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }

  /** Flush the queue and wait for spill writes (SIGTERM path). Replays if the store is back. */
  async drain(): Promise<void> {
    await this.flush();
    await this.spill.settled();
    if (this.spill.pending()) await this.recover();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.drain();
    await this.recovering;
    await this.store.close();
  }

  health(): Promise<AuditHealth> {
    return this.spill.size().then((spill) => ({ store: this.store.kind, ok: !this.degraded, queued: this.queue.length, spill_bytes: spill }));
  }

  query(filter: EventFilter, page: { limit: number; cursor?: string }): Promise<EventPage> {
    return this.store.query(filter, page);
  }

  get(id: string): Promise<AuditEvent | undefined> {
    return this.store.get(id);
  }

  /** Decrypt an event's stored bodies (admin API only). Undefined when none were kept. */
  openBody(ev: AuditEvent): AuditBodies | undefined {
    if (!ev.body || !this.opts.bodyKey) return undefined;
    return openBodies(this.opts.bodyKey, ev.body, ev.id);
  }

  stats(filter: EventFilter): Promise<Stats> {
    return this.store.stats(filter);
  }

  async purge(): Promise<number> {
    const retention = this.opts.retentionMs ?? 30 * 86_400_000;
    const n = await this.store.purge(this.now() - retention);
    if (n > 0) this.opts.logger?.info({ purged: n }, 'audit retention purge');
    return n;
  }

  /**
   * Erase every event of a user or key — stored, queued or spilled — then record the erasure
   * itself. The record holds a salted hash of the subject, not the identifier being forgotten.
   */
  async erase(subject: ErasureSubject, actor?: string): Promise<number> {
    const match = (e: AuditEvent): boolean => (subject.user !== undefined ? e.user === subject.user : e.key_id === subject.keyId);
    await this.flush();
    let n = await this.store.erase(subject);
    n += await this.spill.rewrite(match);
    const by = subject.user !== undefined ? 'user' : 'key';
    const value = subject.user ?? subject.keyId;
    this.enqueue({
      id: randomUUID(),
      time: this.now(),
      kind: 'admin',
      route: 'admin',
      upstream: '',
      method: 'DELETE',
      path: `/audit/${by}`,
      stream: false,
      verdict: 'admin',
      findings: [],
      actions: ['erase'],
      status: 200,
      prompt_tokens: 0,
      completion_tokens: 0,
      cost_usd: 0,
      timings: { detectors_ms: 0, judge_ms: 0, upstream_ms: 0, total_ms: 0 },
      admin: { action: `erase_${by}`, actor, target_hash: this.hashSubject(by, value ?? ''), count: n },
    });
    await this.flush();
    return n;
  }

  hashSubject(kind: string, value: string): string {
    return createHash('sha256').update(`${this.salt}:${kind}:${value}`).digest('hex').slice(0, 24);
  }

  private fail(op: string, e: unknown): void {
    this.opts.metrics?.storeError(op);
    // Only the error's class and code: a driver message could quote a row.
    const err = e as { name?: string; code?: string };
    this.opts.logger?.warn({ op, error: err?.name ?? 'Error', code: err?.code }, 'audit store operation failed');
  }
}

function loadSalt(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const p = join(dataDir, 'audit.salt');
  if (existsSync(p)) return readFileSync(p, 'utf8').trim();
  const s = randomBytes(32).toString('hex');
  writeFileSync(p, s, { mode: 0o600 });
  return s;
}
