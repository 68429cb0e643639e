import { describe, expect, it } from 'vitest';
import { requestId } from './request-id.js';

describe('requestId', () => {
  it('is a version 7 UUID carrying the time', () => {
    const id = requestId(0x0123456789ab);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.slice(0, 13)).toBe('01234567-89ab');
    expect(requestId(1.5).slice(0, 13)).toBe('00000000-0001');
  });

  it('orders by time and stays unique within a millisecond', () => {
    expect(requestId(1000) < requestId(1001)).toBe(true);
    const ids = new Set(Array.from({ length: 10_000 }, () => requestId(5)));
    expect(ids.size).toBe(10_000);
  });
});
