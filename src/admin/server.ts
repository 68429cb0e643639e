import { serve, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AuditTrail } from '../audit/trail.js';
import { AirlockError } from '../errors.js';
import type { Logger } from '../telemetry/log.js';
import { errorResponse, fromLoopback, requireAdminOrDeveloper, type AdminEnv, type Authenticate } from './auth.js';
import { eventsApi } from './events-api.js';
import { maskSecrets } from './mask.js';
import { CONSOLE_HEADERS, defaultConsoleDir, loadStatic } from './static.js';

/** Anything with a web-standard `fetch`: the identity engineer's key routes (a Hono app). */
export interface FetchApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

export interface AdminOptions {
  readonly host?: string;
  readonly port: number;
  /** The effective config in force (called per request, so reloads show up). */
  readonly config: () => unknown;
  readonly audit?: AuditTrail;
  /** Key management routes (`createKeysApp`), reached at `/api/keys*` and `/api/credentials*` (full path kept). */
  readonly keys?: FetchApp;
  /** `createMetrics()` or a bare prom-client Registry. */
  readonly metrics?: { render(): Promise<string>; readonly contentType: string } | Registry;
  /** Resolve `Authorization` to an identity (admin/developer/user role); undefined = unknown key. */
  readonly authenticate?: Authenticate;
  readonly logger?: Logger;
  /** Serve `/metrics` without a key to non-loopback clients too (default false). */
  readonly publicMetrics?: boolean;
  readonly consoleDir?: string;
  /** Serve the web console at `/` (default true). */
  readonly console?: boolean;
}

export function createAdminApp(opts: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const files = opts.console === false ? new Map<string, never>() : loadStatic(opts.consoleDir ?? defaultConsoleDir());
  const auth = requireAdminOrDeveloper(opts.authenticate);

  app.onError((err, c) => {
    if (err instanceof AirlockError) return errorResponse(err);
    opts.logger?.error({ error: err.name, path: c.req.path }, 'admin API error');
    return errorResponse(new AirlockError('AIRLOCK_ERR_INTERNAL'));
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/metrics', async (c) => {
    if (!opts.metrics) return errorResponse(new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'Metrics are disabled.' }));
    if (!opts.publicMetrics && !fromLoopback(c.env)) {
      // Off loopback, /metrics is an authenticated route like the rest.
      const denied = await auth(c, async () => undefined);
      if (denied) return denied;
    }
    const m = opts.metrics;
    const text = 'render' in m ? await m.render() : await m.metrics();
    return new Response(text, { headers: { 'content-type': m.contentType } });
  });

  app.use('/api/*', auth);
  app.get('/api/whoami', (c) => {
    const id = c.get('identity');
    return c.json({ role: id.role, key_id: id.keyId ?? null, key_name: id.keyName ?? null, user: id.user ?? null, team: id.team ?? null });
  });
  app.get('/api/config', (c) => c.json(maskSecrets(opts.config())));
  app.get('/api/health', async (c) => {
    const audit = opts.audit ? await opts.audit.health() : undefined;
    return c.json({ status: audit && !audit.ok ? 'degraded' : 'ok', audit: audit ?? null });
  });
  if (opts.audit) app.route('/api', eventsApi(opts.audit));
  const keys = opts.keys;
  if (keys) {
    const fwd = (c: { req: { raw: Request }; env: unknown }): Response | Promise<Response> => keys.fetch(c.req.raw, c.env);
    for (const p of ['/api/keys', '/api/keys/*', '/api/credentials', '/api/credentials/*']) app.all(p, fwd);
  }
  app.all('/api/*', () => errorResponse(new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'No such admin API route.' })));

  app.get('*', (c) => {
    const f = files.get(c.req.path);
    if (!f) return errorResponse(new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'Not found.' }));
    return new Response(f.body, { headers: { 'content-type': f.type, ...CONSOLE_HEADERS } });
  });
  return app;
}

export interface AdminServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** The admin listener (loopback by default): API, console and /metrics. */
export async function startAdmin(opts: AdminOptions): Promise<AdminServer> {
  const app = createAdminApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: (req: Request, env: HttpBindings | unknown) => app.fetch(req, env as HttpBindings), hostname: host, port: opts.port }) as Server;
    s.once('error', reject);
    s.once('listening', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  opts.logger?.info({ host, port }, 'admin API listening');
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
