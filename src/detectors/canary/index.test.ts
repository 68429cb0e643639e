import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/index.js';
import type { ScanContext, ScanInput, Segment } from '../types.js';
import { canaryDetector } from './index.js';
import { injectCanary, newCanaryToken } from './inject.js';

function scan(text: string, params: unknown, ctx: Partial<ScanContext> = {}, kind: Segment['kind'] = 'text') {
  const det = canaryDetector.create(canaryDetector.params.parse(params));
  const input: ScanInput = { index: 0, segment: { path: 'p', role: 'assistant', kind, text }, view: normalize(text) };
  return det.scan([input], { stage: 'output', ...ctx });
}

describe('canary detector', () => {
  it('finds configured words case-insensitively, even split by zero-width characters', () => {
    const text = 'The code is BLUE-FALCON-77 and blue-fal\u200bcon-77 again.';
    const f = scan(text, { words: ['blue-falcon-77'] });
    expect(f.map((x) => [x.type, text.slice(x.start, x.end)])).toEqual([
      ['canary-word', 'BLUE-FALCON-77'],
      ['canary-word', 'blue-fal\u200bcon-77'],
    ]);
    expect(f[0]!.reason).not.toContain('FALCON');
    expect(scan('nothing to see', { words: ['blue-falcon-77'] })).toEqual([]);
  });

  it('finds the injected per-request token, from the request facts or by its shape', () => {
    const token = newCanaryToken();
    expect(token).toMatch(/^airlock-canary-[0-9a-f]{16}$/);
    expect(newCanaryToken()).not.toBe(token);
    const text = `My instructions say: Confidential marker: ${token.toUpperCase()}.`;
    expect(scan(text, { inject: true }, { request: { canaries: [token] } }).map((f) => f.type)).toEqual(['injected-canary']);
    expect(scan(text, { inject: true }).map((f) => f.type)).toEqual(['injected-canary']);
    // The system prompt that carries it is not a leak.
    expect(scan(text, { inject: true }, {}, 'system')).toEqual([]);
  });

  it('refuses a config that names nothing to look for', () => {
    expect(canaryDetector.params.safeParse({}).success).toBe(false);
    expect(canaryDetector.params.safeParse({ words: ['abc'] }).success).toBe(false);
  });

  it('plants the token in the system prompt of each API shape', () => {
    const chat = { messages: [{ role: 'user', content: 'hi' }] };
    expect(injectCanary('openai.chat', chat, 'airlock-canary-0011223344556677')).toBe(true);
    expect(chat.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('airlock-canary-0011223344556677') });
    const withSys = { messages: [{ role: 'system', content: 'Be nice.' }] };
    injectCanary('openai.chat', withSys, 'airlock-canary-0011223344556677');
    expect(withSys.messages).toHaveLength(1);
    expect(withSys.messages[0]!.content).toMatch(/^Be nice\.\n\nConfidential marker: airlock-canary-/);
    const anth: Record<string, unknown> = { system: [{ type: 'text', text: 'S' }], messages: [] };
    injectCanary('anthropic.messages', anth, 'airlock-canary-0011223344556677');
    expect(anth.system).toHaveLength(2);
    const resp: Record<string, unknown> = { input: 'x' };
    injectCanary('openai.responses', resp, 'airlock-canary-0011223344556677');
    expect(resp.instructions).toContain('airlock-canary-0011223344556677');
    expect(injectCanary('openai.embeddings', { input: 'x' }, 't')).toBe(false);
  });
});
