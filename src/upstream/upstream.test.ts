import { describe, expect, it } from 'vitest';
import { clientHeaders, upstreamHeaders } from './headers.js';
import { parseResolve } from './resolve.js';

describe('parseResolve', () => {
  it('parses HOST:PORT:ADDR:PORT, IPv6 in brackets', () => {
    expect(parseResolve('API.example.com:443:127.0.0.1:8443')).toEqual({ host: 'api.example.com', port: 443, addr: '127.0.0.1', addrPort: 8443 });
    expect(parseResolve('h:80:[::1]:81')).toEqual({ host: 'h', port: 80, addr: '::1', addrPort: 81 });
  });
  it('rejects malformed entries with the entry in the message', () => {
    expect(() => parseResolve('h:443:1.2.3.4')).toThrow(/HOST:PORT:ADDR:PORT/);
    expect(() => parseResolve('h:x:1.2.3.4:5')).toThrow(/not a port/);
  });
});

describe('upstreamHeaders', () => {
  const plan = { drop: new Set(['authorization', 'api-key', 'x-api-key', 'proxy-authorization']), set: { authorization: 'Bearer sk-upstream' }, defaults: { 'anthropic-version': '2023-06-01' } };
  it('drops hop-by-hop and client credentials, injects the key, keeps the rest', () => {
    const out = upstreamHeaders(
      { host: 'localhost', connection: 'keep-alive, x-hop', 'x-hop': '1', authorization: 'Bearer client', 'x-api-key': 'c', 'content-encoding': 'gzip', 'content-length': '99', 'transfer-encoding': 'chunked', 'user-agent': 'ua', 'anthropic-version': '2024' },
      plan,
      12,
    );
    expect(out).toEqual({ 'user-agent': 'ua', 'anthropic-version': '2024', authorization: 'Bearer sk-upstream', 'accept-encoding': 'identity', 'content-length': '12' });
  });
  it('adds defaults the client did not send', () => {
    expect(upstreamHeaders({}, plan, undefined)['anthropic-version']).toBe('2023-06-01');
  });
});

describe('clientHeaders', () => {
  it('drops hop-by-hop response headers and content-length when the body may change', () => {
    expect(clientHeaders({ 'content-type': 'a', 'content-length': '3', connection: 'keep-alive', 'transfer-encoding': 'chunked', 'x-request-id': 'r' }, true)).toEqual({ 'content-type': 'a', 'x-request-id': 'r' });
  });
});
