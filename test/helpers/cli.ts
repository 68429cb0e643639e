import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const AIRLOCK_BIN = fileURLToPath(new URL('../../bin/airlock', import.meta.url));

export interface RunningAirlock {
  readonly child: ChildProcess;
  readonly port: number;
  readonly adminPort?: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<number | null>;
}

/** Start `airlock serve …` as a real process and wait until it reports its listening port. */
export async function startAirlock(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningAirlock> {
  const child = spawn(process.execPath, [AIRLOCK_BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const t = setInterval(() => {
      const m = /gateway on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearInterval(t);
        resolve(Number(m[1]));
      } else if (child.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`airlock exited ${child.exitCode}: ${out}`));
      }
    }, 50);
  });
  const admin = /admin API and console on http:\/\/[^:]+:(\d+)/.exec(out);
  return {
    child,
    port,
    ...(admin ? { adminPort: Number(admin[1]) } : {}),
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
