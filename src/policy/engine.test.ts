import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDetector, registerDetectors, type Finding, type ScanInput } from '../detectors/index.js';
import type { TextView } from '../normalize/types.js';
import { compilePolicy } from './index.js';
import { policy, seg } from './test-helpers.js';
import { plainView } from './view.js';

/** A tiny email detector that matches on the view, as real detectors do. */
const email = defineDetector({
  id: 't-email',
  family: 'pii',
  stage: 'both',
  summary: 'test',
  entities: [{ type: 'EMAIL_ADDRESS', description: 'test' }],
  params: z.object({ min: z.number().default(0) }).strict(),
  create: () => ({
    scan(inputs: readonly ScanInput[]): Finding[] {
      const out: Finding[] = [];
      for (const i of inputs) {
        const layer = i.view.basic;
        for (const m of layer.text.matchAll(/[\w.]+@[\w.]+\.\w+/g)) {
          const [start, end] = layer.toOriginal(m.index, m.index + m[0].length);
          out.push({ detector: 'pii', type: 'EMAIL_ADDRESS', segment: i.index, start, end, score: 0.9, reason: 'email address' });
        }
      }
      return out;
    },
  }),
});
const key = defineDetector({
  id: 't-key',
  family: 'secrets',
  stage: 'input',
  summary: 'test',
  entities: [],
  params: z.object({}).strict(),
  create: () => ({
    scan: (inputs: readonly ScanInput[]): Finding[] =>
      inputs.flatMap((i) => [...i.segment.text.matchAll(/AKIA[A-Z0-9]{16}/g)].map((m) => ({
        detector: 'secrets', type: 'aws-access-key-id', segment: i.index, start: m.index, end: m.index + m[0].length, score: 1, reason: 'AWS key id',
      }))),
  }),
});
registerDetectors(email, key);

const ctx = { requestId: 'r' };

describe('deny and allow patterns', () => {
  const p = compilePolicy('p', policy({ deny_patterns: ['.*账号.*', '(?i)secret\\s+plan'], allow_patterns: ['(?i)weather', 'forecast'] }), {});

  it('blocks a denied word in any segment, naming the rule but not echoing the text', async () => {
    const v = await p.inspectInput([seg('weather today?'), seg('{"q":"my QQ 账号 is 1111111"}', 'assistant', 'tool_arguments')], ctx);
    expect(v).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_BLOCKED', rule: 'deny_patterns[0]' });
    expect(v.reason).not.toContain('1111111');
    expect(v.findings[0]).toMatchObject({ segment: 1 });
  });

  it('reports the first matching pattern and applies to tool results and system prompts', async () => {
    expect((await p.inspectInput([seg('weather'), seg('the SECRET   plan', 'tool', 'tool_result')], ctx)).rule).toBe('deny_patterns[1]');
    expect((await p.inspectInput([seg('my secret plan', 'system', 'system'), seg('weather')], ctx)).rule).toBe('deny_patterns[1]');
  });

  it('requires every user text to match an allow pattern; deny wins over allow', async () => {
    expect((await p.inspectInput([seg('weather in Paris'), seg('forecast for Rome')], ctx)).decision).toBe('allow');
    const v = await p.inspectInput([seg('weather in Paris'), seg('tell me a joke')], ctx);
    expect(v).toMatchObject({ decision: 'block', rule: 'allow_patterns' });
    expect((await p.inspectInput([seg('weather and 账号')], ctx)).rule).toBe('deny_patterns[0]');
    // Assistant turns need not match allow patterns.
    expect((await p.inspectInput([seg('weather'), seg('anything', 'assistant')], ctx)).decision).toBe('allow');
  });

  it('rejects an invalid RE2 pattern at compile time with its path', () => {
    expect(() => compilePolicy('p', { ...policy({}), deny_patterns: ['ok', '(unclosed'] }, {})).toThrow(/deny_patterns\[1\]: not a valid RE2 pattern/);
    expect(() => compilePolicy('p', { ...policy({}), deny_patterns: ['(a)\\1'] }, {})).toThrow(/deny_patterns\[0\]/);
  });

  it('sees a denied word through a zero-width space when a normalizer is wired', async () => {
    const strip = (t: string): TextView => {
      const v = plainView(t.replace(/\u200b/g, ''));
      return { ...v, original: t };
    };
    const q = compilePolicy('p', policy({ deny_patterns: ['账号'] }), {}, { normalize: strip });
    expect((await q.inspectInput([seg('QQ 账\u200b号 1111')], ctx)).decision).toBe('block');
  });
});

describe('detectors, rules and actions', () => {
  it('redacts with typed labels, pseudonymizes stably across segments and restores', async () => {
    const p = compilePolicy('p', policy({ input: { 't-email': { action: 'pseudonymize' } } }), {});
    const v = await p.inspectInput([seg('mail jane@example.com or bob@example.org'), seg('again jane@example.com')], ctx);
    expect(v.decision).toBe('modify');
    expect(v.edits).toEqual([
      { segment: 0, text: 'mail <EMAIL_ADDRESS_1> or <EMAIL_ADDRESS_2>' },
      { segment: 1, text: 'again <EMAIL_ADDRESS_1>' },
    ]);
    expect(v.vault?.restore('Reply to <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>, not <EMAIL_ADDRESS_9>')).toBe('Reply to bob@example.org and jane@example.com, not <EMAIL_ADDRESS_9>');
    const r = compilePolicy('r', policy({ input: { 't-email': { action: 'redact' } } }), {});
    expect((await r.inspectInput([seg('x jane@example.com y')], ctx)).edits).toEqual([{ segment: 0, text: 'x [REDACTED:EMAIL_ADDRESS] y' }]);
  });

  it('blocks naming detector and type, never the value; block beats redaction', async () => {
    const p = compilePolicy('p', policy({ input: { 't-email': { action: 'redact' }, 't-key': {} } }), {});
    const v = await p.inspectInput([seg('a@b.co key AKIAABCDEFGHIJKLMNOP')], ctx);
    expect(v).toMatchObject({ decision: 'block', rule: 'secrets:aws-access-key-id', edits: [] });
    expect(v.reason).toContain('secrets (aws-access-key-id)');
    expect(v.reason).not.toContain('AKIAABCDEFGHIJKLMNOP');
  });

  it('flag records only; named regex rules carry their own action', async () => {
    const p = compilePolicy('p', policy({ input: { 't-email': { action: 'flag' } }, rules: [{ name: 'ticket', pattern: 'TICKET-\\d+', action: 'redact' }] }), {});
    const v = await p.inspectInput([seg('a@b.co about TICKET-42 and TICKET-7')], ctx);
    expect(v.decision).toBe('modify');
    expect(v.edits).toEqual([{ segment: 0, text: 'a@b.co about [REDACTED:TICKET] and [REDACTED:TICKET]' }]);
    expect(v.findings.map((f) => `${f.detector}:${f.type}:${f.action}`).sort()).toEqual(['pii:EMAIL_ADDRESS:flag', 'regex:ticket:redact', 'regex:ticket:redact']);
  });

  it('scans decoded blobs and maps findings onto the encoded run', async () => {
    const hidden = Buffer.from('write to jane@example.com').toString('base64');
    const text = `decode ${hidden} please`;
    const start = text.indexOf(hidden);
    const normalize = (t: string): TextView => {
      const v = plainView(t);
      const i = t.indexOf(hidden);
      if (i < 0) return v;
      return { ...v, decoded: [{ start: i, end: i + hidden.length, encoding: 'base64', view: plainView(Buffer.from(hidden, 'base64').toString()) }] };
    };
    const p = compilePolicy('p', policy({ input: { 't-email': { action: 'redact' } } }), {}, { normalize });
    const v = await p.inspectInput([seg(text)], ctx);
    expect(v.findings[0]).toMatchObject({ start, end: start + hidden.length });
    expect(v.edits[0]!.text).toBe('decode [REDACTED:EMAIL_ADDRESS] please');
  });

  it('runs output detectors only on output, and reports it', async () => {
    const p = compilePolicy('p', policy({ output: { 't-email': { action: 'block' } } }), {});
    expect(p.inspectsOutput).toBe(true);
    expect((await p.inspectInput([seg('a@b.co')], ctx)).decision).toBe('allow');
    expect(await p.inspectOutput([seg('a@b.co', 'assistant')], ctx)).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_OUTPUT_BLOCKED' });
    expect(() => compilePolicy('q', policy({ output: { 't-key': {} } }), {})).toThrow(/runs on input only/);
  });
});

describe('with the project normalizer', () => {
  it('finds a denied word hidden in base64', async () => {
    const p = compilePolicy('p', policy({ deny_patterns: ['(?i)internal meeting'] }), {});
    const hidden = Buffer.from('notes of the Internal Meeting on Sept 10').toString('base64');
    const v = await p.inspectInput([seg(`please decode ${hidden}`)], ctx);
    expect(v).toMatchObject({ decision: 'block', rule: 'deny_patterns[0]' });
  });
});

describe('tool-call arguments', () => {
  it('sees through JSON escapes in tool arguments for deny patterns and detectors', async () => {
    const p = compilePolicy('p', policy({ deny_patterns: ['账号'], input: { 't-email': { action: 'redact' } } }), {}, { normalize: plainView });
    const args = JSON.stringify({ q: 'x' }).replace('x', '\\u8d26\\u53f7');
    expect((await p.inspectInput([seg(args, 'assistant', 'tool_arguments')], ctx)).rule).toBe('deny_patterns[0]');
    const mail = '{"to":"jane\\u0040example.com"}';
    const v = await p.inspectInput([seg(mail, 'assistant', 'tool_arguments')], ctx);
    expect(v.findings[0]).toMatchObject({ type: 'EMAIL_ADDRESS', start: 0, end: mail.length });
    expect(v.edits).toEqual([{ segment: 0, text: '[REDACTED:EMAIL_ADDRESS]' }]);
  });
});

describe('hostile input', () => {
  it('redacts every one of 10,000 rule matches in a large text and keeps the rest intact', async () => {
    const p = compilePolicy('p', policy({ rules: [{ name: 'id', pattern: 'ID-[0-9]+', action: 'redact' }] }), {});
    const text = 'a\u{1F600}b ID-7 '.repeat(10_000);
    const v = await p.inspectInput([seg(text)], ctx);
    expect(v.findings).toHaveLength(10_000);
    expect(v.edits[0]!.text).toBe('a\u{1F600}b [REDACTED:ID] '.repeat(10_000));
  });

  it('handles a megabyte of one character and lone surrogates without findings or errors', async () => {
    const p = compilePolicy('p', policy({ deny_patterns: ['x{3}y'], rules: [{ pattern: '\\d{4}', action: 'redact' }] }), {});
    expect((await p.inspectInput([seg('x'.repeat(1 << 20)), seg('\ud800 lone \udc00')], ctx)).decision).toBe('allow');
  });
});

describe('request facts', () => {
  it('passes the request facts on to detectors', async () => {
    const seen: unknown[] = [];
    registerDetectors(
      defineDetector({
        id: 't-facts', family: 'canary', stage: 'output', summary: 'test', entities: [], params: z.object({}).strict(),
        create: () => ({ scan: (_i: readonly ScanInput[], c) => (seen.push(c.request), []) }),
      }),
    );
    const p = compilePolicy('p', policy({ output: { 't-facts': {} } }), {});
    await p.inspectOutput([seg('answer', 'assistant')], { requestId: 'r', request: { canaries: ['c-1'] } });
    expect(seen).toEqual([{ canaries: ['c-1'] }]);
  });
});
