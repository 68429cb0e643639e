/** The CLI as a user runs it: help, version, check-config, and serve's config-less modes. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRLOCK_BIN, startAirlock } from '../helpers/cli.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';
import { createTestCa, type TestCa } from '../helpers/tls.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));

async function airlock(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [AIRLOCK_BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let ca: TestCa;
let mock: MockProvider;
beforeAll(async () => {
  ca = createTestCa();
  mock = await startMockProvider(ca);
});
afterAll(async () => {
  await mock?.close();
  ca?.cleanup();
});

describe('airlock CLI', () => {
  it('--version prints the package version; --help lists the commands', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await airlock('--version')).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await airlock('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'check-config', 'scan', 'keys', 'audit', 'detectors']) expect(help.stdout).toContain(`airlock ${cmd}`);
  });

  it('check-config: exit 0 for a valid file, exit 1 with every problem and its path otherwise', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'policies:\n  default:\n    deny_patterns: ["secret"]\n');
    expect((await airlock('check-config', good)).code).toBe(0);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'policies:\n  default:\n    deny_patterns: ["a", "b", "(?<=x)y"]\n    input:\n      pii: { action: explode }\n');
    const r = await airlock('check-config', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^policies\.default\.deny_patterns\[2\]: not a valid RE2 pattern/m);
    expect(r.stderr).toMatch(/^policies\.default\.input\.pii\.action: /m);
    // References between sections are checked once the structure is valid.
    writeFileSync(bad, 'routes:\n  - upstream: nowhere\n');
    const refs = await airlock('check-config', bad);
    expect(refs.code).toBe(1);
    expect(refs.stderr).toMatch(/^routes\[0\]\.upstream: unknown upstream "nowhere"/m);
  });

  it('rejects unknown flags with a clear message', async () => {
    const r = await airlock('serve', '--prot', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--prot'");
  });

  it('serve --upstream: one provider in base-URL mode, its key from the usual variable', async () => {
    mock.reset();
    const gw = await startAirlock(
      ['--upstream', 'https://api.openai.com/v1', '--resolve', `api.openai.com:443:127.0.0.1:${mock.port}`, '--ca-file', ca.caFile, '--admin-port', '0', '--data-dir', join(dir, 'up')],
      { OPENAI_API_KEY: 'sk-from-env-canary' },
    );
    try {
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${gw.port}/v1`, apiKey: 'unused-by-airlock', maxRetries: 0 });
      const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
      expect(r.choices[0]?.message.content).toBeTruthy();
      expect(mock.requests[0]?.url).toBe('/v1/chat/completions');
      expect(mock.requests[0]?.headers.authorization).toBe('Bearer sk-from-env-canary');
      expect(gw.output()).not.toContain('sk-from-env-canary');
    } finally {
      await gw.stop();
    }
  });

  it('serve --preset pci blocks a card number with no config file (echo model)', async () => {
    const gw = await startAirlock(['--preset', 'pci', '--admin-port', '0', '--data-dir', join(dir, 'pci')], { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
    try {
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${gw.port}/v1`, apiKey: 'x', maxRetries: 0 });
      expect(gw.output()).toContain('built-in echo model');
      const ok = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'hello there' }] });
      expect(ok.choices[0]?.message.content).toBe('hello there');
      const err = await client.chat.completions
        .create({ model: 'echo', messages: [{ role: 'user', content: 'my card is 4111 1111 1111 1111' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('AIRLOCK_ERR_BLOCKED');
      expect(String((err as Error).message)).not.toContain('4111');
    } finally {
      await gw.stop();
    }
  });
});
