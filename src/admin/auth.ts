import type { MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { AirlockError } from '../errors.js';
import type { Identity } from '../gateway/hooks.js';

export type AdminEnv = { Bindings: Partial<HttpBindings>; Variables: { identity: Identity } };
export type Authenticate = (authorization: string | undefined) => Promise<Identity | undefined>;

export function errorResponse(err: AirlockError): Response {
  return new Response(JSON.stringify(err.toBody()), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...err.headers },
  });
}

/** True only for a real socket from a loopback address (in-process requests have no socket). */
export function fromLoopback(env: Partial<HttpBindings> | undefined): boolean {
  const addr = env?.incoming?.socket?.remoteAddress;
  if (!addr) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

/**
 * Admin and developer keys only. A user-role key is recognised (403) but never let in; a missing
 * or unknown key is 401. Without an authenticator nothing is let in: fail closed.
 */
export function requireAdminOrDeveloper(authenticate: Authenticate | undefined): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let id: Identity | undefined;
    try {
      id = header && authenticate ? await authenticate(header) : undefined;
    } catch (e) {
      if (e instanceof AirlockError && e.status === 403) return errorResponse(e);
      id = undefined;
    }
    if (!id) return errorResponse(new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', { message: 'An Airlock admin or developer key is required (Authorization: Bearer …).' }));
    if (id.role !== 'admin' && id.role !== 'developer') {
      return errorResponse(new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'This key has the user role; the admin API needs an admin or developer key.' }));
    }
    c.set('identity', id);
    await next();
  };
}

export function requireAdmin(): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (c.get('identity').role !== 'admin') {
      return errorResponse(new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'This action needs an admin key.' }));
    }
    await next();
  };
}
