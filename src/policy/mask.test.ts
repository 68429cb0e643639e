import { describe, expect, it } from 'vitest';
import { maskPreview, valueHash } from './mask.js';

describe('maskPreview', () => {
  it('shows shapes, never the value', () => {
    expect(maskPreview('EMAIL_ADDRESS', 'jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskPreview('CREDIT_CARD', '4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskPreview('aws-access-key-id', 'AKIAABCDEFGHIJKLMNOP')).toBe('AK********OP');
    expect(maskPreview('US_SSN', '123-45-6789')).toBe('1********9');
    expect(maskPreview('PIN', '1234')).toBe('****');
  });

  it('hashes with a salt, stably and differently per salt', () => {
    expect(valueHash('x', 's1')).toBe(valueHash('x', 's1'));
    expect(valueHash('x', 's1')).not.toBe(valueHash('x', 's2'));
    expect(valueHash('x', 's1')).toMatch(/^[0-9a-f]{16}$/);
  });
});
