import { createHash } from 'node:crypto';

/**
 * A masked preview of a caught value for the audit trail: enough to recognise its shape, never
 * the value itself (first and last character at most, only for values long enough to spare them).
 */
export function maskedPreview(value: string): string {
  const chars = [...value];
  const n = chars.length;
  if (n <= 6) return '*'.repeat(Math.max(n, 1));
  const stars = '*'.repeat(Math.min(n - 2, 16));
  return `${chars[0]}${stars}${chars[n - 1]}`;
}

/** A short, salted-by-purpose hash so equal values can be correlated without being stored. */
export function valueHash(value: string): string {
  return createHash('sha256').update('airlock-finding:').update(value).digest('hex').slice(0, 16);
}
