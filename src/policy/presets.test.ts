import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allDetectors, defineDetector, getDetector, registerDetectors } from '../detectors/index.js';
import { expandPresets, presetNames } from './index.js';
import { policy } from './test-helpers.js';

// The real PII detector registers itself when it exists; otherwise a stand-in with the same id.
if (!getDetector('pii')) {
  registerDetectors(
    defineDetector({
      id: 'pii',
      family: 'pii',
      stage: 'both',
      summary: 'stand-in',
      entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'PERSON', 'US_SSN'].map((type) => ({ type, description: type })),
      params: z.object({ entities: z.array(z.string()).optional() }).strict(),
      create: () => ({ scan: () => [] }),
    }),
  );
}

describe('presets', () => {
  it('lists the compliance presets and all', () => {
    expect(presetNames()).toEqual(expect.arrayContaining(['gdpr', 'pci', 'hipaa', 'ccpa', 'all']));
  });

  it('pci blocks cards on input and redacts them on output', () => {
    const p = expandPresets(policy({ presets: ['pci'] }));
    expect(p.input).toEqual([{ id: 'pii', action: 'block', enabled: true, params: expect.objectContaining({ entities: ['CREDIT_CARD'] }) }]);
    expect(p.output.map((e) => e.action)).toEqual(['redact']);
  });

  it('combined presets scan each entity once, under its strongest action', () => {
    const p = expandPresets(policy({ presets: ['gdpr', 'pci', 'ccpa'] }));
    const ents = p.input.map((e) => [e.action, (e.params as { entities: string[] }).entities] as const);
    expect(ents[0]).toEqual(['block', ['CREDIT_CARD']]);
    const all = ents.flatMap(([, list]) => list);
    expect(new Set(all).size).toBe(all.length);
    expect(ents.find(([a]) => a === 'pseudonymize')?.[1]).toContain('EMAIL_ADDRESS');
  });

  it('explicit entries win over presets', () => {
    const p = expandPresets(policy({ presets: ['hipaa'], input: { pii: { action: 'flag', entities: ['PERSON'] } } }));
    expect(p.input).toEqual([{ id: 'pii', action: 'flag', enabled: true, params: expect.objectContaining({ entities: ['PERSON'] }) }]);
  });

  it('all turns on every built-in detector that needs no configuration, with block', () => {
    const p = expandPresets(policy({ presets: ['all'] }));
    const expected = allDetectors().filter((d) => d.id !== 'topics' && d.stage !== 'output' && d.params.safeParse({}).success).map((d) => d.id);
    expect(p.input.map((e) => e.id).sort()).toEqual(expected.sort());
    expect(p.input.every((e) => e.action === 'block')).toBe(true);
    expect(p.input.map((e) => e.id)).not.toContain('keywords');
  });

  it('rejects an unknown preset', () => {
    expect(() => expandPresets(policy({ presets: ['gdpr', 'sox'] }))).toThrow(/presets\[1\]: unknown preset "sox"/);
  });
});
