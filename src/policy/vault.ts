import type { PseudonymVault } from './types.js';

/** Placeholder label for a finding type: `EMAIL_ADDRESS`, `aws-access-key-id` → `AWS_ACCESS_KEY_ID`. */
export function entityLabel(type: string): string {
  const s = type.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return s === '' ? 'ENTITY' : s.slice(0, 48);
}

const PLACEHOLDER = /<([A-Z0-9_]{1,60}_\d{1,6})>/g;
/** Longest placeholder we ever mint: `<` + 48-char label + `_` + 6 digits + `>`. */
const MAX_PLACEHOLDER = 57;

/**
 * One request's placeholders. The same value gets the same placeholder across all segments of the
 * request, so the model sees consistent references and the answer can be restored.
 */
export class RequestVault implements PseudonymVault {
  private readonly map = new Map<string, string>();
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  get entries(): ReadonlyMap<string, string> {
    return this.map;
  }

  placeholderFor(type: string, value: string): string {
    const label = entityLabel(type);
    const key = `${label}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known) return known;
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const ph = `<${label}_${n}>`;
    this.byValue.set(key, ph);
    this.map.set(ph, value);
    return ph;
  }

  restore(text: string): string {
    if (this.map.size === 0 || !text.includes('<')) return text;
    return text.replace(PLACEHOLDER, (whole) => this.map.get(whole) ?? whole);
  }
}

/**
 * For stream restoring: the index where a placeholder may be starting at the very end of `text`
 * (`…please write to <EMAIL_ADD`), or -1. Hold back text from there until the next chunk. With a
 * vault, only prefixes of placeholders it actually minted count, so ordinary `<` is not held.
 */
export function partialPlaceholderStart(text: string, vault?: PseudonymVault): number {
  const from = Math.max(0, text.length - MAX_PLACEHOLDER);
  const lt = text.lastIndexOf('<');
  if (lt < from) return -1;
  const tail = text.slice(lt);
  if (tail.includes('>') || !/^<[A-Z0-9_]*$/.test(tail)) return -1;
  if (!vault) return lt;
  for (const ph of vault.entries.keys()) if (ph.startsWith(tail)) return lt;
  return -1;
}
