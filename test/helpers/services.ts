import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real Redis and PostgreSQL servers for tests, on loopback, in temp dirs. Installed with apt when
 * missing; never skipped (under CI=true a missing server is a failure, not a skip).
 */

export interface RedisService {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface PostgresService {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
// A crashed test run must not leave servers behind on a shared machine.
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function aptInstall(pkgs: string[]): void {
  const root = process.getuid?.() === 0;
  const cmd = root ? 'apt-get' : 'sudo';
  const pre = root ? [] : ['-n', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync(cmd, [...pre, 'install', '-y', ...pkgs], { stdio: 'ignore', env });
  } catch {
    execFileSync(cmd, [...pre, 'update'], { stdio: 'ignore', env });
    execFileSync(cmd, [...pre, 'install', '-y', ...pkgs], { stdio: 'ignore', env });
  }
}

function findRedis(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  aptInstall(['redis-server']);
  return '/usr/bin/redis-server';
}

function findPgBin(): string {
  const base = '/usr/lib/postgresql';
  const pick = (): string | undefined => {
    if (!existsSync(base)) return undefined;
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(base, versions[0], 'bin') : undefined;
  };
  const found = pick();
  if (found) return found;
  aptInstall(['postgresql']);
  const after = pick();
  if (!after) throw new Error('PostgreSQL binaries not found after apt-get install postgresql');
  return after;
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early (code ${child.exitCode}): ${log()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready in 60 s: ${log()}`);
}

function rawProbe(port: number, send: string, expect: (s: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    let buf = '';
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.on('connect', () => sock.write(send));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (expect(buf)) done(true);
    });
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      children.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

export async function startRedis(): Promise<RedisService> {
  const bin = findRedis();
  const dir = mkdtempSync(join(tmpdir(), 'airlock-redis-'));
  const port = await freePort();
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  await waitFor(() => rawProbe(port, 'PING\r\n', (s) => s.includes('+PONG')), 'redis-server', child, () => out);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startPostgres(): Promise<PostgresService> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'airlock-pg-'));
  const dataDir = join(dir, 'data');
  // PostgreSQL refuses to run as root: run it as the postgres user, which must own the temp dir.
  const asRoot = process.getuid?.() === 0;
  let ids: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    ids = { uid, gid };
    chownSync(dir, uid, gid);
  }
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], {
    stdio: 'ignore',
    env,
    cwd: dir,
    ...(ids ?? {}),
  });
  const port = await freePort();
  const child = spawn(
    join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: dir, ...(ids ?? {}) },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const ready = async (): Promise<boolean> => {
    try {
      execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(ready, 'postgres', child, () => out);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      // SIGINT = fast shutdown: rolls back open sessions instead of waiting for clients.
      await stopChild(child, 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
