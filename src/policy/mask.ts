import { createHmac } from 'node:crypto';

/**
 * Previews for audit and console: enough to recognise a value's shape, never enough to
 * reconstruct it. Emails keep one leading character of the user and domain; cards at most the
 * last 4 digits; everything else at most 2 leading and 2 trailing characters of a long value.
 */
export function maskPreview(type: string, value: string): string {
  const v = value.trim();
  if (v.length === 0) return '';
  const t = type.toUpperCase();
  const at = v.lastIndexOf('@');
  if ((t.includes('EMAIL') || at > 0) && at > 0 && at < v.length - 1) {
    const user = v.slice(0, at);
    const domain = v.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const tld = dot > 0 && domain.length - dot <= 7 ? domain.slice(dot) : '';
    return `${[...user][0]}***@${[...domain][0]}***${tld}`;
  }
  const digits = v.replace(/\D/g, '');
  if (t.includes('CARD') || t === 'CREDIT_CARD') {
    return digits.length >= 12 ? `**** **** **** ${digits.slice(-4)}` : '****';
  }
  const chars = [...v];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 8) return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
  const keep = chars.length >= 16 ? 2 : 1;
  return `${chars.slice(0, keep).join('')}${'*'.repeat(Math.min(8, chars.length - 2 * keep))}${chars.slice(-keep).join('')}`;
}

/** A stable, salted fingerprint (HMAC-SHA256, hex, 16 chars): equal values correlate, nothing leaks. */
export function valueHash(value: string, salt: string): string {
  return createHmac('sha256', salt).update(value, 'utf8').digest('hex').slice(0, 16);
}
