import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AirlockError } from '../errors.js';
import type { Identity } from '../gateway/hooks.js';
import { InputError, ROLES, type KeyRecord, type KeyService } from '../identity/index.js';
import type { Limiter } from '../limits/index.js';

/**
 * Key, usage and provider-credential routes of the admin API. Mounted by the admin server; every
 * request is authenticated here again from its Authorization header, so the app is safe alone.
 *
 * Roles: admin manages everything; developer manages and reads only their own keys (same `user`,
 * or created by them) and can never mint or touch an admin key; user may not use this API.
 */

export type KeysEnv = { Variables: { identity: Identity } };
export type UsageReader = Pick<Limiter, 'usage'>;
export type AdminAuthenticate = (authorization: string | undefined) => Promise<Identity | undefined>;

export interface KeysAppOptions {
  readonly keys: KeyService;
  /** Where per-key spend is read from (the Limiter of createAccessHooks). */
  readonly usage?: UsageReader;
  /** Same as `usage` (older name). */
  readonly limiter?: UsageReader;
  readonly authenticate: AdminAuthenticate;
  /** Path prefix the routes live under (default `/api`: `/api/keys`, `/api/credentials`). */
  readonly basePath?: string;
}

function fail(err: AirlockError): Response {
  return new Response(JSON.stringify(err.toBody()), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...err.headers },
  });
}

/** 401 without a valid key; sets `identity`. */
export function authenticateRequest(authenticate: AdminAuthenticate): MiddlewareHandler<KeysEnv> {
  return async (c, next) => {
    let id: Identity | undefined;
    try {
      id = await authenticate(c.req.header('authorization'));
    } catch (e) {
      if (e instanceof AirlockError) return fail(e);
      throw e;
    }
    if (!id) return fail(new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', { message: 'An Airlock admin or developer key is required (Authorization: Bearer alk_…).' }));
    c.set('identity', id);
    await next();
  };
}

/** 403 unless the authenticated identity has one of `roles`. */
export function requireRole(...roles: Identity['role'][]): MiddlewareHandler<KeysEnv> {
  return async (c, next) => {
    const id = c.get('identity');
    if (!id || !roles.includes(id.role)) {
      return fail(new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: `This action needs a key with role ${roles.join(' or ')}.` }));
    }
    await next();
  };
}

const createBody = z
  .object({
    name: z.string(),
    user: z.string().optional(),
    team: z.string().optional(),
    role: z.enum(ROLES).optional(),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
    budget: z.union([z.string(), z.array(z.string())]).optional(),
    models: z.array(z.string()).optional(),
    max_tokens: z.number().int().positive().optional(),
    expires: z.string().optional(),
  })
  .strict();

const credentialBody = z.object({ name: z.string(), provider: z.string(), api_key: z.string() }).strict();

async function body<T>(c: Context<KeysEnv>, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AirlockError('AIRLOCK_ERR_BAD_JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new AirlockError('AIRLOCK_ERR_BAD_QUERY', { message: `${i.path.join('.') || 'body'}: ${i.message}`, param: i.path.join('.') || null });
  }
  return r.data;
}

function owns(id: Identity, k: KeyRecord): boolean {
  if (id.role === 'admin') return true;
  // A developer never acts on an admin key, even one carrying their user name: rotating it would hand them admin.
  if (k.role === 'admin') return false;
  return (id.user !== undefined && k.user === id.user) || (id.keyId !== undefined && k.createdBy === id.keyId);
}

export function createKeysApp(opts: KeysAppOptions): Hono<KeysEnv> {
  const base = opts.basePath ?? '/api';
  const app = new Hono<KeysEnv>();
  const { keys } = opts;
  const limiter = opts.usage ?? opts.limiter;

  app.onError((err) => {
    if (err instanceof AirlockError) return fail(err);
    if (err instanceof InputError) return fail(new AirlockError('AIRLOCK_ERR_BAD_QUERY', { message: err.message }));
    return fail(new AirlockError('AIRLOCK_ERR_INTERNAL'));
  });

  const auth = authenticateRequest(opts.authenticate);
  const staff = requireRole('admin', 'developer');
  const adminOnly = requireRole('admin');

  /** The key behind :id if the caller may see it; 404 otherwise (no hint that someone else's exists). */
  const visibleKey = async (c: Context<KeysEnv>): Promise<KeyRecord> => {
    const k = await keys.get(c.req.param('id') ?? '');
    if (!k || !owns(c.get('identity'), k)) throw new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'No such key.' });
    return k;
  };

  const keyRoutes = new Hono<KeysEnv>();
  keyRoutes.use('*', auth, staff);

  keyRoutes.post('/', async (c) => {
    const me = c.get('identity');
    const b = await body(c, createBody);
    let user = b.user;
    let team = b.team;
    if (me.role !== 'admin') {
      if (b.role === 'admin') throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'Only an admin may create admin keys.' });
      if (b.user !== undefined && b.user !== me.user) throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'A developer may create keys only for their own user.' });
      if (b.team !== undefined && b.team !== me.team) throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'A developer may create keys only for their own team.' });
      user = me.user;
      team = me.team;
    }
    const { key, record } = await keys.create({
      name: b.name,
      user,
      team,
      role: b.role,
      rpm: b.rpm,
      tpm: b.tpm,
      budget: b.budget,
      models: b.models,
      maxTokens: b.max_tokens,
      expires: b.expires,
      createdBy: me.keyId,
    });
    return c.json({ ...record, key }, 201);
  });

  keyRoutes.get('/', async (c) => {
    const me = c.get('identity');
    const wanted = c.req.query('user');
    const all = await keys.list(wanted !== undefined ? { user: wanted } : {});
    return c.json({ data: all.filter((k) => owns(me, k)) });
  });

  // Reachable under /keys/ because the admin server forwards only /api/keys*; key ids start with `key_`.
  keyRoutes.route('/credentials', credentialRoutes());

  keyRoutes.get('/:id', async (c) => c.json(await visibleKey(c)));

  keyRoutes.post('/:id/revoke', async (c) => {
    const k = await visibleKey(c);
    await keys.revoke(k.id);
    return c.json({ id: k.id, revoked: true });
  });

  keyRoutes.post('/:id/rotate', async (c) => {
    const k = await visibleKey(c);
    const r = await keys.rotate(k.id);
    if (!r) throw new AirlockError('AIRLOCK_ERR_BAD_QUERY', { message: 'A revoked key cannot be rotated; create a new one.' });
    return c.json({ ...r.record, key: r.key });
  });

  keyRoutes.get('/:id/usage', async (c) => {
    const k = await visibleKey(c);
    if (!limiter) throw new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'Usage is not available on this server.' });
    try {
      return c.json({ id: k.id, name: k.name, ...(await limiter.usage('key', k.id, k.budgets)) });
    } catch {
      throw new AirlockError('AIRLOCK_ERR_STORE_UNAVAILABLE', { message: 'The limits store is unavailable; retry later.' });
    }
  });

  function credentialRoutes(): Hono<KeysEnv> {
    const r = new Hono<KeysEnv>();
    r.use('*', auth, adminOnly);
    r.get('/', async (c) => c.json({ data: await keys.listCredentials() }));
    r.post('/', async (c) => {
      const b = await body(c, credentialBody);
      return c.json(await keys.putCredential(b.name, b.provider, b.api_key), 201);
    });
    r.delete('/:name', async (c) => {
      if (!(await keys.deleteCredential(c.req.param('name')))) throw new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'No such credential.' });
      return c.json({ name: c.req.param('name'), deleted: true });
    });
    return r;
  }

  app.route(`${base}/keys`, keyRoutes);
  app.route(`${base}/credentials`, credentialRoutes());
  return app;
}
