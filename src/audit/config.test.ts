import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/root.js';
import { auditConfigSchema, parseDuration } from './config.js';

describe('audit config', () => {
  it('defaults to SQLite with 30 days of retention', () => {
    expect(auditConfigSchema.parse({})).toMatchObject({ store: 'sqlite', retention: 30 * 86_400_000, purge_interval: 3_600_000 });
    expect(configSchema().parse({}).audit.retention).toBe(30 * 86_400_000);
  });

  it('reads durations and rejects bad ones and unknown keys', () => {
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(auditConfigSchema.parse({ retention: '7d' }).retention).toBe(7 * 86_400_000);
    expect(auditConfigSchema.safeParse({ retention: 'forever' }).success).toBe(false);
    expect(auditConfigSchema.safeParse({ retension: '7d' }).success).toBe(false);
    expect(auditConfigSchema.safeParse({ store: 'postgres' }).error?.issues[0]?.path).toEqual(['postgres_url']);
  });

  it('needs a 32-byte key to keep bodies', () => {
    expect(auditConfigSchema.safeParse({ bodies: { enabled: true } }).error?.issues[0]?.path).toEqual(['bodies', 'key']);
    expect(auditConfigSchema.safeParse({ bodies: { enabled: true, key: 'c2hvcnQ=' } }).success).toBe(false);
    expect(auditConfigSchema.safeParse({ bodies: { enabled: true, key: Buffer.alloc(32, 3).toString('base64') } }).success).toBe(true);
  });
});
