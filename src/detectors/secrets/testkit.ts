import type { TextView } from '../../normalize/types.js';
import type { CompiledDetector, Finding } from '../types.js';
import { compileSecrets, secretsParams } from './index.js';

/** Test helpers: an identity view (no normalization) and a deterministic token generator. */
export function identityView(text: string): TextView {
  const layer = { text, toOriginal: (s: number, e: number): [number, number] => [s, e] };
  return { original: text, basic: layer, digits: layer, folded: layer, decoded: [], invisible: [] };
}

const compiled = new Map<string, CompiledDetector>();

export function scanWith(text: string, params: unknown = {}, view: TextView = identityView(text)): Finding[] {
  const key = JSON.stringify(params);
  let det = compiled.get(key);
  if (!det) {
    det = compileSecrets(secretsParams.parse(params));
    compiled.set(key, det);
  }
  return det.scan([{ index: 0, segment: { path: 'p', role: 'user', kind: 'text', text }, view }], { stage: 'input' });
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
export const DIGITS = '0123456789';
export const ALNUM = LOWER + UPPER + DIGITS;
export const HEX = DIGITS + 'abcdef';
export const LOWER_ALNUM = LOWER + DIGITS;

/** Deterministic pseudo-random string (xorshift), so fixtures are stable and look random. */
export function rand(alphabet: string, n: number, seed = 7): string {
  let x = seed * 2654435761 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[Math.abs(x) % alphabet.length];
  }
  return out;
}
