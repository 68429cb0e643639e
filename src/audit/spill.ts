import { appendFile, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from './types.js';

/**
 * The local append-only fallback when the database is down: one JSONL line per event. Appends are
 * serialized through one promise chain so lines never interleave. Replay moves the file aside
 * first, so events spilled during a replay land in a fresh file and are picked up next round.
 */
export class SpillFile {
  readonly path: string;
  private readonly replayPath: string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.path = join(dataDir, 'audit-spill.jsonl');
    this.replayPath = join(dataDir, 'audit-spill.replay.jsonl');
  }

  /** Run `fn` after every pending file operation (appends, rewrites). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
    return this.serial(() => appendFile(this.path, text, { mode: 0o600 }));
  }

  /** Wait for every append issued so far. */
  settled(): Promise<void> {
    return this.serial(async () => undefined);
  }

  pending(): boolean {
    return existsSync(this.path) || existsSync(this.replayPath);
  }

  /**
   * Feed spilled events to `insert` in chunks. A failure leaves the rest on disk for the next try;
   * inserts are idempotent on id, so a chunk sent twice is harmless.
   */
  async replay(insert: (chunk: AuditEvent[]) => Promise<void>, chunkSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.serial(async () => {
        if (existsSync(this.replayPath)) return true;
        if (!existsSync(this.path)) return false;
        await rename(this.path, this.replayPath);
        return true;
      });
      if (!moved) return total;
      const events = parseLines(await readFile(this.replayPath, 'utf8'));
      for (let i = 0; i < events.length; i += chunkSize) await insert(events.slice(i, i + chunkSize));
      await unlink(this.replayPath);
      total += events.length;
    }
  }

  /** Remove spilled events matching `drop` (erasure must reach events not yet in the database). */
  async rewrite(drop: (e: AuditEvent) => boolean): Promise<number> {
    return this.serial(async () => {
      let removed = 0;
      for (const p of [this.path, this.replayPath]) {
        if (!existsSync(p)) continue;
        const events = parseLines(await readFile(p, 'utf8'));
        const kept = events.filter((e) => !drop(e));
        removed += events.length - kept.length;
        if (kept.length === events.length) continue;
        if (kept.length === 0) await unlink(p);
        else await writeFile(p, kept.map((e) => JSON.stringify(e)).join('\n') + '\n', { mode: 0o600 });
      }
      return removed;
    });
  }

  async size(): Promise<number> {
    let n = 0;
    for (const p of [this.path, this.replayPath]) {
      try {
        n += (await stat(p)).size;
      } catch {
        // absent file: nothing pending
      }
    }
    return n;
  }
}

function parseLines(text: string): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as AuditEvent);
    } catch {
      // A torn last line after a crash: the rest of the file is still good.
    }
  }
  return out;
}
