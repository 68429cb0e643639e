/**
 * Test doubles shared by the stream unit tests and e2e suites: a tiny regex policy (so the guard's
 * tests do not depend on the detector catalogue) and builders of provider-shaped streams.
 */
import type { Action } from '../config/schema.js';
import type { CompiledPolicy, PolicyFinding, Verdict } from '../policy/types.js';
import { SseParser } from './sse.js';

export interface FakeRule {
  readonly re: RegExp;
  readonly type: string;
  readonly action: Action;
}

export function fakePolicy(rules: readonly FakeRule[]): CompiledPolicy & { calls: number; scanned: number } {
  const p = {
    name: 'fake',
    inspectsOutput: true,
    calls: 0,
    scanned: 0,
    inspectInput: () => Promise.reject(new Error('not used')),
    inspectOutput(segments: readonly { text: string }[]): Promise<Verdict> {
      p.calls++;
      const findings: PolicyFinding[] = [];
      const edits: { segment: number; text: string }[] = [];
      segments.forEach((s, i) => {
        p.scanned += s.text.length;
        let text = '';
        let last = 0;
        for (const r of rules) {
          for (const m of s.text.matchAll(new RegExp(r.re.source, 'g'))) {
            const start = m.index;
            findings.push({ detector: 'regex', type: r.type, segment: i, start, end: start + m[0].length, score: 1, reason: `${r.type} found`, action: r.action });
          }
        }
        const red = findings.filter((f) => f.segment === i && f.action === 'redact').sort((a, b) => a.start - b.start);
        for (const f of red) {
          if (f.start < last) continue;
          text += s.text.slice(last, f.start) + `[REDACTED:${f.type}]`;
          last = f.end;
        }
        if (red.length > 0) edits.push({ segment: i, text: text + s.text.slice(last) });
      });
      const block = findings.find((f) => f.action === 'block');
      const v: Verdict = block
        ? { decision: 'block', code: 'AIRLOCK_ERR_OUTPUT_BLOCKED', reason: `The answer contains ${block.type}.`, rule: `regex:${block.type}`, findings, edits: [], timings: { detectors_ms: 0, judge_ms: 0 } }
        : { decision: edits.length > 0 ? 'modify' : 'allow', findings, edits, timings: { detectors_ms: 0, judge_ms: 0 } };
      return Promise.resolve(v);
    },
  };
  return p;
}

export function openaiChunks(pieces: readonly string[], opts: { usage?: boolean } = {}): string {
  const id = 'chatcmpl-1';
  let s = pieces
    .map((c, i) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: c } : { content: c }, finish_reason: null }] })}\n\n`)
    .join('');
  s += `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
  if (opts.usage) s += `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } })}\n\n`;
  return `${s}data: [DONE]\n\n`;
}

export function anthropicEvents(pieces: readonly string[]): string {
  const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  return [
    ev('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'c', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }),
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...pieces.map((t) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
    ev('content_block_stop', { index: 0 }),
    ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 30 } }),
    ev('message_stop', {}),
  ].join('');
}

/** Split `text` into pieces of 1–3 characters (deterministic from `seed`). */
export function smallPieces(text: string, seed = 7): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < text.length; ) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % 3);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Concatenated text of every chat delta / Anthropic text delta, plus error events, of a stream. */
export function readText(stream: string): { text: string; errors: string[]; events: number } {
  const p = new SseParser();
  const evs = [...p.push(stream), ...p.end()];
  let text = '';
  const errors: string[] = [];
  for (const e of evs) {
    if (!e.hasData || e.data === '[DONE]') continue;
    const j = JSON.parse(e.data) as Record<string, unknown>;
    if (e.event === 'error' || j.error) {
      errors.push(e.data);
      continue;
    }
    const ch = (j.choices as { delta?: { content?: string } }[] | undefined)?.[0];
    if (typeof ch?.delta?.content === 'string') text += ch.delta.content;
    const d = j.delta as { text?: string } | undefined;
    if (j.type === 'content_block_delta' && typeof d?.text === 'string') text += d.text;
  }
  return { text, errors, events: evs.length };
}
