import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, guardOrigin, loadConfigFile, parseConfigText, watchConfig, type AirlockConfig } from './index.js';

const manifest = readFileSync(new URL('../../test/fixtures/asm-llm-proxy.yaml', import.meta.url), 'utf8');

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config loading', () => {
  it('substitutes ${VAR} and ${VAR:-default} in values', () => {
    const cfg = parseConfigText(
      'upstreams:\n  a:\n    url: ${BASE:-https://api.openai.com}\n    api_key: ${KEY}\nroutes:\n  - upstream: a\n    path_prefix: /\n',
      { env: { KEY: 'sk-test-123' } },
    );
    expect(cfg.upstreams.a?.url).toBe('https://api.openai.com');
    expect(cfg.upstreams.a?.api_key).toBe('sk-test-123');
  });

  it('reports a missing variable with its path instead of sending an empty key', () => {
    const p = problems(() => parseConfigText('upstreams:\n  a:\n    url: https://x.example\n    api_key: ${NOPE}\n', { env: {} }));
    expect(p).toEqual(['upstreams.a.api_key: environment variable NOPE is not set (use ${NOPE:-default} for a default)']);
  });

  it('treats unknown keys as errors, so a typo cannot silently disable a rule', () => {
    const p = problems(() => parseConfigText('policies:\n  default:\n    deny_pattern: [x]\n', { env: {} }));
    expect(p.join('\n')).toMatch(/policies\.default: Unrecognized key\(s\) in object: 'deny_pattern'/);
  });

  it('names every invalid RE2 pattern with its path', () => {
    const p = problems(() =>
      parseConfigText('policies:\n  default:\n    deny_patterns: ["ok", "fine", "(?=lookahead)", "a(b"]\n', { env: {} }),
    );
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^policies\.default\.deny_patterns\[2\]: not a valid RE2 pattern/);
    expect(p[1]).toMatch(/^policies\.default\.deny_patterns\[3\]: not a valid RE2 pattern/);
  });

  it('checks references between sections', () => {
    const p = problems(() =>
      parseConfigText('upstreams: {}\nroutes:\n  - upstream: nowhere\n    policy: strict\npolicies:\n  default:\n    guard: judge\n', { env: {} }),
    );
    expect(p).toEqual([
      'routes[0].upstream: unknown upstream "nowhere"',
      'routes[0].policy: unknown policy "strict"',
      'policies.default.guard: unknown guard "judge"',
    ]);
  });

  it('never quotes the offending value (a key typed into the wrong field must not reach a log)', () => {
    const p = problems(() => parseConfigText('upstreams:\n  a:\n    url: https://x.example\n    provider: sk-live-canary-123\n', { env: {} }));
    expect(p.join('\n')).toMatch(/^upstreams\.a\.provider: Invalid enum value/);
    expect(p.join('\n')).not.toContain('sk-live-canary-123');
  });

  it('reports YAML syntax errors with a line', () => {
    const p = problems(() => parseConfigText('server:\n  port: [1,\n', { env: {} }));
    expect(p[0]).toMatch(/^line \d+:/);
  });

  it('refuses an empty file (a file caught mid-write must not drop every rule)', () => {
    expect(problems(() => parseConfigText('', { env: {} }))).toEqual([': the configuration is empty']);
  });

  it('freezes the config so nothing can mutate the one in force', () => {
    const cfg = parseConfigText('server:\n  port: 1234\n', { env: {} });
    expect(Object.isFrozen(cfg.server)).toBe(true);
  });
});

describe('ASM WasmPlugin import', () => {
  it("maps the tutorial's manifest, unchanged, onto Airlock's config", () => {
    const cfg = parseConfigText(manifest, { env: { DASHSCOPE_API_KEY: 'sk-canary-dashscope' } });
    expect(cfg.upstreams['dashscope.aliyuncs.com']).toMatchObject({
      url: 'https://dashscope.aliyuncs.com',
      hosts: ['dashscope.aliyuncs.com'],
      api_key: 'sk-canary-dashscope',
    });
    expect(cfg.policies.default?.deny_patterns).toEqual(['.*账号.*']);
    expect(cfg.policies.default?.guard).toBe('intelligent_guard');
    expect(cfg.guards.intelligent_guard).toMatchObject({
      host: 'dashscope.aliyuncs.com',
      port: 80,
      path: '/compatible-mode/v1/chat/completions',
      model: 'qwen-turbo',
      api_key: 'sk-canary-dashscope',
    });
    expect(cfg.routes).toEqual([
      expect.objectContaining({ upstream: 'dashscope.aliyuncs.com', path_prefix: '/', auth: 'trusted', policy: 'default' }),
    ]);
  });

  it('maps the guard port per the mesh rule: 80 and 443 are HTTPS, others plain HTTP', () => {
    expect(guardOrigin('judge.internal', 80)).toBe('https://judge.internal:443');
    expect(guardOrigin('judge.internal', 443)).toBe('https://judge.internal:443');
    expect(guardOrigin('judge.internal', 8000)).toBe('http://judge.internal:8000');
  });

  it('rejects unknown pluginConfig fields with their path', () => {
    const bad = manifest.replace('deny_patterns:', 'deny_paterns:');
    const p = problems(() => parseConfigText(bad, { env: { DASHSCOPE_API_KEY: 'k' } }));
    expect(p.join('\n')).toMatch(/spec\.pluginConfig: Unrecognized key\(s\) in object: 'deny_paterns'/);
  });
});

describe('reload', () => {
  it('applies a valid edit and keeps the old config on an invalid one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-cfg-'));
    const file = join(dir, 'airlock.yaml');
    writeFileSync(file, 'server:\n  port: 1111\n');
    expect(loadConfigFile(file).server.port).toBe(1111);
    const applied: AirlockConfig[] = [];
    const rejected: Error[] = [];
    const w = watchConfig(file, { apply: (c) => applied.push(c), rejected: (e) => rejected.push(e) });
    try {
      writeFileSync(file, 'server:\n  port: 2222\n');
      w.reload();
      writeFileSync(file, 'server:\n  prot: 3333\n');
      w.reload();
    } finally {
      w.close();
    }
    expect(applied.map((c) => c.server.port)).toEqual([2222]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.message).toMatch(/Unrecognized key\(s\) in object: 'prot'/);
  });

  it('notices a file edit without a signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-cfg-'));
    const file = join(dir, 'airlock.yaml');
    writeFileSync(file, 'server:\n  port: 1111\n');
    const seen = new Promise<number>((resolve) => {
      const w = watchConfig(file, {
        apply: (c) => {
          w.close();
          resolve(c.server.port);
        },
        rejected: () => undefined,
      });
      setTimeout(() => writeFileSync(file, 'server:\n  port: 4444\n'), 50);
    });
    expect(await seen).toBe(4444);
  });
});
