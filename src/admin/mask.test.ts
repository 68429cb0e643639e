import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask.js';

describe('maskSecrets', () => {
  it('masks credential fields at any depth and credentials inside URLs', () => {
    const out = maskSecrets({
      upstreams: { a: { url: 'https://api.example.com', api_key: 'sk-1', headers: { authorization: 'Bearer x' } } },
      audit: { postgres_url: 'postgres://u:pw@h/db', hash_key: 'k'.repeat(20) },
      identity: { master_key: 'mk', keys: [{ key: 'alk_x', name: 'n' }] },
      guards: { g: { url: 'http://h/v1?token=t&x=1' } },
      server: { port: 1 },
    });
    expect(out).toEqual({
      upstreams: { a: { url: 'https://api.example.com', api_key: '***', headers: { authorization: '***' } } },
      audit: { postgres_url: 'postgres://u:***@h/db', hash_key: '***' },
      identity: { master_key: '***', keys: [{ key: '***', name: 'n' }] },
      guards: { g: { url: 'http://h/v1?token=***&x=1' } },
      server: { port: 1 },
    });
  });
});
