/**
 * The README and docs/detectors.md must stay true: every built-in detector and every entity type
 * it can report is documented, every client-visible error code is listed, and the generated
 * reference matches the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../src/detectors/index.js';
import { ERRORS } from '../src/errors.js';
import { renderDetectorDocs } from '../scripts/detector-docs.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('documentation', () => {
  it('the README names every detector and every entity type', () => {
    const missing: string[] = [];
    for (const d of allDetectors()) {
      if (!readme.includes(`\`${d.id}\``)) missing.push(d.id);
      for (const e of d.entities) if (!readme.includes(`\`${e.type}\``)) missing.push(`${d.id}:${e.type}`);
    }
    expect(missing).toEqual([]);
  });

  it('the README lists every error code', () => {
    expect(Object.keys(ERRORS).filter((c) => !readme.includes(`\`${c}\``))).toEqual([]);
  });

  it('docs/detectors.md is generated from the current manifest (npm run docs)', () => {
    expect(readFileSync(new URL('../docs/detectors.md', import.meta.url), 'utf8')).toBe(renderDetectorDocs());
  });
});
