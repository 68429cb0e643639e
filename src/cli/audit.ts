import { parseArgs } from 'node:util';
import { createAuditStore, parseDuration } from '../audit/index.js';
import { AuditTrail } from '../audit/trail.js';
import type { AuditConfig } from '../audit/config.js';
import type { EventFilter } from '../audit/types.js';
import { println, processIO, type CliIO } from './io.js';

const USAGE = `usage:
  airlock audit export [--since TIME|DURATION] [--until TIME] [--format jsonl] [--data-dir DIR | --config FILE | --postgres-url URL]
  airlock audit erase (--user U | --key KEY_ID) [--data-dir DIR | --config FILE | --postgres-url URL]
  airlock audit purge [--retention 30d] [--data-dir DIR | --config FILE | --postgres-url URL]

TIME is an ISO date/time (2026-11-01, 2026-11-01T12:00:00Z); a DURATION such as 7d means "that long ago".`;

const OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string', default: 'jsonl' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  'postgres-url': { type: 'string' },
  user: { type: 'string' },
  key: { type: 'string' },
  retention: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function parseTime(v: string, now: number): number {
  if (/^\d+(\.\d+)?\s*(ms|s|m|h|d|w)$/.test(v)) return now - parseDuration(v);
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new UsageError(`invalid time "${v}" (expected e.g. 2026-11-01, 2026-11-01T12:00:00Z or 7d)`);
  return t;
}

async function resolveStore(values: { 'data-dir'?: string; config?: string; 'postgres-url'?: string }, io: CliIO): Promise<{ cfg: AuditConfig; dataDir: string }> {
  let dataDir = values['data-dir'] ?? '.airlock';
  let cfg: AuditConfig | undefined;
  if (values.config) {
    const { loadConfigFile } = await import('../config/loader.js');
    const full = loadConfigFile(values.config, { env: io.env });
    cfg = full.audit;
    dataDir = values['data-dir'] ?? full.server.data_dir;
  }
  const { auditConfigSchema } = await import('../audit/config.js');
  const base = cfg ?? auditConfigSchema.parse({});
  if (values['postgres-url']) return { cfg: { ...base, store: 'postgres', postgres_url: values['postgres-url'] }, dataDir };
  return { cfg: base, dataDir };
}

/** `airlock audit export|erase|purge`: reads the same store the server writes (SQLite in WAL mode, or PostgreSQL). */
export async function auditCommand(argv: string[], io: CliIO = processIO): Promise<number> {
  const [sub, ...rest] = argv;
  let values;
  try {
    values = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (e) {
    println(io.stderr, `airlock audit: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help || !sub || !['export', 'erase', 'purge'].includes(sub)) {
    println(values.help ? io.stdout : io.stderr, USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const { cfg, dataDir } = await resolveStore(values, io);
    const store = createAuditStore(cfg, dataDir);
    await store.init();
    try {
      if (sub === 'export') return await exportEvents(store, values, io);
      const trail = new AuditTrail({
        store,
        dataDir,
        retentionMs: values.retention ? parseDuration(values.retention) : cfg.retention,
        ...(cfg.hash_key ? { hashKey: cfg.hash_key } : {}),
      });
      if (sub === 'purge') {
        const n = await trail.purge();
        println(io.stdout, `purged ${n} event(s)`);
        return 0;
      }
      if ((values.user === undefined) === (values.key === undefined)) throw new UsageError('erase needs exactly one of --user U or --key KEY_ID');
      const n = values.user !== undefined ? await trail.erase({ user: values.user }, 'cli') : await trail.erase({ keyId: values.key as string }, 'cli');
      await trail.flush();
      println(io.stdout, `erased ${n} event(s)`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      println(io.stderr, `airlock audit ${sub}: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    // Driver messages can quote connection strings; show the class and code only.
    const err = e as { name?: string; code?: string; message?: string };
    const safe = err.code ? `${err.name ?? 'Error'} (${err.code})` : (err.message ?? 'failed').replace(/\/\/[^@\s]*@/g, '//***@');
    println(io.stderr, `airlock audit ${sub}: ${safe}`);
    return 1;
  }
}

async function exportEvents(
  store: ReturnType<typeof createAuditStore>,
  values: { since?: string; until?: string; format?: string },
  io: CliIO,
): Promise<number> {
  if ((values.format ?? 'jsonl') !== 'jsonl') throw new UsageError(`unsupported format "${values.format}" (only jsonl)`);
  const now = Date.now();
  const filter: EventFilter = {
    ...(values.since ? { from: parseTime(values.since, now) } : {}),
    ...(values.until ? { to: parseTime(values.until, now) } : {}),
  };
  for await (const e of store.iterate(filter, 1000)) {
    const line = `${JSON.stringify(e)}\n`;
    // Respect back-pressure on large exports piped to a slow consumer.
    if (!io.stdout.write(line)) await new Promise<void>((r) => io.stdout.once('drain', () => r()));
  }
  return 0;
}
