import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../errors.js';
import type { CompiledPolicy } from '../policy/types.js';
import type { Upstream } from '../upstream/index.js';
import { resolveRoute } from './route.js';
import type { RouteInfo, RuntimeState } from './runtime.js';

const policy = { name: 'p' } as CompiledPolicy;
const up = (name: string, basePath: string, hosts: string[]): Upstream => ({ name, basePath, hosts }) as unknown as Upstream;
const openai = up('openai', '', ['api.openai.com']);
const dash = up('dash', '/compatible-mode', ['dashscope.aliyuncs.com', 'internal.example:8443']);

const r = (name: string, u: Upstream, prefix: string, strip?: string): RouteInfo => ({ name, upstream: u, policy, auth: 'trusted', prefix, ...(strip ? { strip } : {}) });
const routes = [r('dash', dash, '/dash', '/dash'), r('openai', openai, '/v1')];
const state = {
  prefixRoutes: routes,
  hostRoutes: new Map([
    ['api.openai.com', [routes[1]]],
    ['dashscope.aliyuncs.com', [routes[0]]],
    ['internal.example:8443', [routes[0]]],
  ]),
} as unknown as RuntimeState;

const req = (url: string, host = 'localhost:8080') => ({ url, headers: { host } }) as IncomingMessage;

function refused(url: string, host?: string): string {
  try {
    resolveRoute(state, req(url, host));
    return 'routed';
  } catch (err) {
    return (err as AirlockError).code;
  }
}

describe('resolveRoute', () => {
  it('base-URL mode: prefix, strip and base path', () => {
    expect(resolveRoute(state, req('/v1/chat/completions?x=1'))).toMatchObject({ mode: 'base_url', pathname: '/v1/chat/completions', upstreamPath: '/v1/chat/completions?x=1', route: { name: 'openai' } });
    expect(resolveRoute(state, req('/dash/v1/chat/completions'))).toMatchObject({ upstreamPath: '/compatible-mode/v1/chat/completions', route: { name: 'dash' } });
    // A client whose base URL already carries the upstream's base path is not doubled.
    expect(resolveRoute(state, req('/dash/compatible-mode/v1/chat/completions')).upstreamPath).toBe('/compatible-mode/v1/chat/completions');
  });

  it('does not match a prefix in the middle of a segment', () => {
    expect(refused('/v10/chat')).toBe('AIRLOCK_ERR_NO_ROUTE');
  });

  it('Host mode: the provider host (no port, 80, 443, or a configured host:port)', () => {
    expect(resolveRoute(state, req('/compatible-mode/v1/chat/completions', 'dashscope.aliyuncs.com'))).toMatchObject({ mode: 'host', upstreamPath: '/compatible-mode/v1/chat/completions', route: { name: 'dash' } });
    expect(resolveRoute(state, req('/x', 'API.OPENAI.COM:443')).mode).toBe('host');
    expect(resolveRoute(state, req('/x', 'internal.example:8443')).route.name).toBe('dash');
    // A Host with another port is a call to Airlock itself: fall back to the prefix table.
    expect(refused('/x', 'api.openai.com:8080')).toBe('AIRLOCK_ERR_NO_ROUTE');
  });

  it('forward-proxy mode: configured hosts only, never an open proxy', () => {
    expect(resolveRoute(state, req('http://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions?a=b'))).toMatchObject({ mode: 'forward_proxy', upstreamPath: '/compatible-mode/v1/chat/completions?a=b' });
    expect(refused('http://evil.example/v1/chat/completions')).toBe('AIRLOCK_ERR_HOST_NOT_ALLOWED');
    expect(refused('http://api.openai.com:9999/v1/chat/completions')).toBe('AIRLOCK_ERR_HOST_NOT_ALLOWED');
    expect(refused('ftp://api.openai.com/x')).toBe('AIRLOCK_ERR_HOST_NOT_ALLOWED');
  });
});
