import { loadConfigFile } from '../config/index.js';
import { InputError, openKeyService, ROLES, type KeyRecord, type KeyService, type Role } from '../identity/index.js';
import { Limiter, PriceTable, limitsConfigSchema, openStore, pricesConfigSchema } from '../limits/index.js';
import { println, processIO, type CliIO } from './io.js';

const HELP = `airlock keys — manage virtual keys

  airlock keys create --name NAME [--user U] [--team T] [--role user|developer|admin]
                      [--rpm N] [--tpm N] [--budget 25usd/month] [--models a,b] [--max-tokens N]
                      [--expires 30d] [--json]
  airlock keys list [--user U] [--json]
  airlock keys revoke ID
  airlock keys rotate ID [--json]
  airlock keys usage ID [--json]

Every command takes --data-dir DIR (default .airlock, the same directory as \`serve --data-dir\`)
and --config FILE (to reach a PostgreSQL key store or a Redis limits store).
The key is printed once, at create/rotate: store it then.`;

const VALUE_FLAGS = new Set(['name', 'user', 'team', 'role', 'rpm', 'tpm', 'budget', 'models', 'max-tokens', 'expires', 'data-dir', 'config']);
const BOOL_FLAGS = new Set(['json', 'help']);

class UsageError extends Error {}

function parseArgs(argv: string[]): { pos: string[]; flags: Map<string, string>; bools: Set<string> } {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      bools.add('help');
      continue;
    }
    if (!a.startsWith('--')) {
      pos.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (BOOL_FLAGS.has(name)) {
      bools.add(name);
    } else if (VALUE_FLAGS.has(name)) {
      const v = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { pos, flags, bools };
}

function int(flags: Map<string, string>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return Number(v);
}

function status(k: KeyRecord, now: number): string {
  if (k.revokedAt !== undefined) return 'revoked';
  if (k.expiresAt !== undefined && k.expiresAt <= now) return 'expired';
  return 'active';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

interface Ctx {
  readonly io: CliIO;
  readonly flags: Map<string, string>;
  readonly json: boolean;
  readonly config: { identity?: unknown; limits?: unknown; prices?: unknown; server?: { data_dir?: string } };
  readonly dataDir: string;
}

async function create(keys: KeyService, c: Ctx): Promise<number> {
  const f = c.flags;
  const name = f.get('name');
  if (!name) throw new UsageError('keys create needs --name');
  const role = f.get('role') ?? 'user';
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const models = f.get('models')?.split(',').map((m) => m.trim()).filter((m) => m !== '');
  const { key, record } = await keys.create({
    name,
    user: f.get('user'),
    team: f.get('team'),
    role: role as Role,
    rpm: int(f, 'rpm'),
    tpm: int(f, 'tpm'),
    budget: f.get('budget'),
    models,
    maxTokens: int(f, 'max-tokens'),
    expires: f.get('expires'),
    createdBy: 'cli',
  });
  if (c.json) println(c.io.stdout, JSON.stringify({ ...record, key }));
  else {
    println(c.io.stdout, `Created ${record.id} (${record.name}, role ${record.role}).`);
    println(c.io.stdout, `\n  ${key}\n`);
    println(c.io.stdout, 'This is the only time the key is shown: store it now.');
  }
  return 0;
}

async function list(keys: KeyService, c: Ctx): Promise<number> {
  const recs = await keys.list(c.flags.has('user') ? { user: c.flags.get('user') } : {});
  if (c.json) {
    println(c.io.stdout, JSON.stringify(recs));
    return 0;
  }
  if (recs.length === 0) {
    println(c.io.stdout, 'No keys. Create one with: airlock keys create --name NAME');
    return 0;
  }
  const now = Date.now();
  const rows = [['ID', 'NAME', 'PREFIX', 'USER', 'TEAM', 'ROLE', 'LIMITS', 'STATUS', 'CREATED']];
  for (const k of recs) {
    const limits = [k.rpm && `${k.rpm} rpm`, k.tpm && `${k.tpm} tpm`, ...k.budgets].filter(Boolean).join(', ') || '-';
    rows.push([k.id, k.name, `${k.prefix}…`, k.user ?? '-', k.team ?? '-', k.role, limits, status(k, now), new Date(k.createdAt).toISOString().slice(0, 19) + 'Z']);
  }
  println(c.io.stdout, table(rows));
  return 0;
}

async function usage(keys: KeyService, id: string, c: Ctx): Promise<number> {
  const rec = await keys.get(id);
  if (!rec) {
    println(c.io.stderr, `airlock keys: no key with id ${id}`);
    return 1;
  }
  const limitsCfg = limitsConfigSchema.parse(c.config.limits ?? {});
  const store = await openStore(limitsCfg, c.dataDir);
  try {
    const limiter = new Limiter(store, limitsCfg, new PriceTable(pricesConfigSchema.parse(c.config.prices ?? {})));
    const u = await limiter.usage('key', id, rec.budgets);
    if (c.json) println(c.io.stdout, JSON.stringify({ id, name: rec.name, ...u }));
    else {
      const rows = [['PERIOD', 'REQUESTS', 'TOKENS', 'SPEND (USD)', 'RESETS']];
      for (const p of [u.day, u.month]) rows.push([p.period, String(p.requests), String(p.tokens), String(p.spend_usd), p.resets_at]);
      println(c.io.stdout, `${rec.id} (${rec.name})\n${table(rows)}`);
      for (const b of u.budgets) println(c.io.stdout, `budget ${b.budget}: $${b.spent_usd} spent, $${b.remaining_usd} left, resets ${b.resets_at}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `airlock keys …` — returns the process exit code (0 ok, 1 not found / refused, 2 usage error). */
export async function keysCommand(argv: string[], io: CliIO = processIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    println(io.stderr, `airlock keys: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [sub, id] = parsed.pos;
  if (parsed.bools.has('help') || sub === undefined || sub === 'help') {
    println(sub === undefined && !parsed.bools.has('help') ? io.stderr : io.stdout, HELP);
    return sub === undefined && !parsed.bools.has('help') ? 2 : 0;
  }
  const needsId = ['revoke', 'rotate', 'usage'].includes(sub);
  if (!['create', 'list', ...(needsId ? [sub] : [])].includes(sub)) {
    println(io.stderr, `airlock keys: unknown subcommand "${sub}"\n\n${HELP}`);
    return 2;
  }
  if (needsId && !id) {
    println(io.stderr, `airlock keys ${sub}: needs a key id (see airlock keys list)`);
    return 2;
  }
  const cfgFile = parsed.flags.get('config');
  const config: Ctx['config'] = cfgFile ? loadConfigFile(cfgFile, { env: io.env }) : {};
  const dataDir = parsed.flags.get('data-dir') ?? config.server?.data_dir ?? '.airlock';
  const c: Ctx = { io, flags: parsed.flags, json: parsed.bools.has('json'), config, dataDir };
  const keys = await openKeyService({ config, dataDir, env: io.env });
  try {
    switch (sub) {
      case 'create':
        return await create(keys, c);
      case 'list':
        return await list(keys, c);
      case 'revoke': {
        if (!(await keys.revoke(id!))) {
          println(io.stderr, `airlock keys: no key with id ${id}`);
          return 1;
        }
        println(io.stdout, `Revoked ${id}. It is refused from the next request on.`);
        return 0;
      }
      case 'rotate': {
        const r = await keys.rotate(id!);
        if (!r) {
          println(io.stderr, `airlock keys: no active key with id ${id}`);
          return 1;
        }
        if (c.json) println(io.stdout, JSON.stringify({ ...r.record, key: r.key }));
        else println(io.stdout, `Rotated ${id}; the old key no longer works.\n\n  ${r.key}\n\nThis is the only time the key is shown: store it now.`);
        return 0;
      }
      default:
        return await usage(keys, id!, c);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      println(io.stderr, `airlock keys ${sub}: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await keys.close();
  }
}
