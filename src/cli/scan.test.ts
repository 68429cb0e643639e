import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scanCommand } from './scan.js';

async function run(argv: string[], input: string): Promise<{ code: number; out: string[]; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end(input);
  const code = await scanCommand(argv, { stdin, stdout, stderr, env: {} });
  return { code, out: out.split('\n').filter((l) => l !== ''), err };
}

const dir = mkdtempSync(join(tmpdir(), 'airlock-scan-'));
const config = join(dir, 'airlock.yaml');
writeFileSync(
  config,
  ['policies:', '  default:', '    deny_patterns: [".*账号.*"]', '    rules:', '      - { name: ticket, pattern: "TICKET-[0-9]+", action: redact }', '      - { name: note, pattern: "(?i)fyi", action: flag }'].join('\n'),
);

describe('airlock scan', () => {
  it('writes one result per JSONL line, in order, with exit 1 when something was found', async () => {
    const lines = [JSON.stringify({ text: 'hello there' }), JSON.stringify({ text: 'fix TICKET-12 now' }), JSON.stringify({ text: 'my QQ 账号 is 1' }), JSON.stringify({ text: 'FYI only' })];
    const r = await run(['--config', config, '--jsonl'], lines.join('\n') + '\n');
    expect(r.code).toBe(1);
    expect(r.out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { findings: [], verdict: 'allow' },
      { findings: [{ detector: 'regex', type: 'ticket', start: 4, end: 13, score: 1 }], verdict: 'modify' },
      { findings: [expect.objectContaining({ detector: 'regex', type: 'deny_patterns[0]' })], verdict: 'block' },
      { findings: [{ detector: 'regex', type: 'note', start: 0, end: 3, score: 1 }], verdict: 'flag' },
    ]);
  });

  it('exits 0 on clean text from stdin', async () => {
    const r = await run(['--config', config], 'nothing to see');
    expect(r).toMatchObject({ code: 0, out: ['{"findings":[],"verdict":"allow"}'] });
  });

  it('exits 2 with a clear message on bad input and bad options', async () => {
    const bad = await run(['--config', config, '--jsonl'], '{"text": "ok"}\nnot json\n');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out[1]!)).toEqual({ error: 'line 2: expected a JSON object with a "text" string' });
    expect((await run(['--preset', 'nope'], 'x')).err).toMatch(/unknown preset "nope"/);
    expect((await run(['--config', join(dir, 'missing.yaml')], 'x')).code).toBe(2);
    expect((await run(['--frobnicate'], 'x')).code).toBe(2);
  });
});
