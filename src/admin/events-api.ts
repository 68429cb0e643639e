import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuditTrail } from '../audit/trail.js';
import type { AuditEvent, EventFilter } from '../audit/types.js';
import { AirlockError } from '../errors.js';
import type { Identity } from '../gateway/hooks.js';
import { errorResponse, requireAdmin, type AdminEnv } from './auth.js';

/** `2026-11-22`, an ISO date-time, or ms since epoch. */
const time = z
  .string()
  .transform((s, ctx) => {
    const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected an ISO date/time or ms since epoch' });
      return z.NEVER;
    }
    return n;
  })
  .optional();
const label = z.string().min(1).max(200).optional();

const filterQuery = z
  .object({
    from: time,
    to: time,
    verdict: z.enum(['allow', 'block', 'modify', 'error', 'admin']).optional(),
    detector: label,
    key: label,
    user: label,
    team: label,
    model: label,
    kind: z.enum(['exchange', 'admin']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(400).optional(),
  })
  .strict();

function badQuery(err: z.ZodError): Response {
  const issue = err.issues[0];
  const param = issue?.path.join('.') || null;
  return errorResponse(new AirlockError('AIRLOCK_ERR_BAD_QUERY', { param, message: `Invalid parameter ${param ?? ''}: ${issue?.message ?? 'invalid'}`.trim() }));
}

function unavailable(): Response {
  return errorResponse(new AirlockError('AIRLOCK_ERR_AUDIT_UNAVAILABLE'));
}

/** A developer sees only their own traffic: by user when the key has one, else by key. */
function scope(id: Identity, f: EventFilter): EventFilter | undefined {
  if (id.role === 'admin') return f;
  if (id.user) return f.user !== undefined && f.user !== id.user ? undefined : { ...f, user: id.user, kind: 'exchange' };
  if (id.keyId) return f.keyId !== undefined && f.keyId !== id.keyId ? undefined : { ...f, keyId: id.keyId, kind: 'exchange' };
  return undefined;
}

function parseFilter(c: Context<AdminEnv>): { filter: EventFilter; limit: number; cursor?: string } | Response {
  const r = filterQuery.safeParse(c.req.query());
  if (!r.success) return badQuery(r.error);
  const q = r.data;
  const filter: EventFilter = {
    from: q.from, to: q.to, verdict: q.verdict, detector: q.detector, keyId: q.key, user: q.user, team: q.team, model: q.model, kind: q.kind,
  };
  const scoped = scope(c.get('identity'), filter);
  // Asking for someone else's events as a developer yields an empty scope, reported as 403.
  if (!scoped) return errorResponse(new AirlockError('AIRLOCK_ERR_FORBIDDEN', { message: 'A developer key sees only its own events.' }));
  return { filter: scoped, limit: q.limit, cursor: q.cursor };
}

/** Sealed bodies stay out of listings; `has_body` says one can be opened (admin only). */
function view(e: AuditEvent): Omit<AuditEvent, 'body'> & { has_body: boolean } {
  const { body, ...rest } = e;
  return { ...rest, has_body: body !== undefined };
}

export function eventsApi(audit: AuditTrail): Hono<AdminEnv> {
  const api = new Hono<AdminEnv>();

  api.get('/events', async (c) => {
    const p = parseFilter(c);
    if (p instanceof Response) return p;
    try {
      const page = await audit.query(p.filter, { limit: p.limit, cursor: p.cursor });
      return c.json({ ...page, events: page.events.map(view) });
    } catch (e) {
      if (e instanceof Error && e.message === 'invalid cursor') return badQuery(new z.ZodError([{ code: 'custom', path: ['cursor'], message: 'invalid cursor' }]));
      return unavailable();
    }
  });

  const visible = async (c: Context<AdminEnv>): Promise<AuditEvent | Response> => {
    let ev: AuditEvent | undefined;
    try {
      ev = await audit.get(c.req.param('id') ?? '');
    } catch {
      return unavailable();
    }
    const id = c.get('identity');
    const mine = ev && (id.role === 'admin' || (id.user ? ev.user === id.user : id.keyId !== undefined && ev.key_id === id.keyId));
    // Someone else's event is reported as absent, not forbidden: its id tells nothing.
    if (!ev || !mine) return errorResponse(new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'No such audit event.' }));
    return ev;
  };

  api.get('/events/:id', async (c) => {
    const ev = await visible(c);
    return ev instanceof Response ? ev : c.json(view(ev));
  });

  api.get('/events/:id/body', requireAdmin(), async (c) => {
    const ev = await visible(c);
    if (ev instanceof Response) return ev;
    let bodies;
    try {
      bodies = audit.openBody(ev);
    } catch {
      // Wrong key after a rotation, or a tampered row: say so without detail.
      return errorResponse(new AirlockError('AIRLOCK_ERR_AUDIT_UNAVAILABLE', { message: 'The stored body cannot be decrypted with the configured key.' }));
    }
    if (!bodies) return errorResponse(new AirlockError('AIRLOCK_ERR_NOT_FOUND', { message: 'No body was stored for this event.' }));
    return c.json(bodies);
  });

  api.get('/stats', async (c) => {
    const p = parseFilter(c);
    if (p instanceof Response) return p;
    try {
      return c.json(await audit.stats(p.filter));
    } catch {
      return unavailable();
    }
  });

  const eraseBody = z.union([z.object({ user: z.string().min(1).max(200) }).strict(), z.object({ key_id: z.string().min(1).max(200) }).strict()]);
  api.post('/audit/erase', requireAdmin(), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(new AirlockError('AIRLOCK_ERR_BAD_QUERY', { message: 'Send a JSON body: {"user":"…"} or {"key_id":"…"}.' }));
    }
    const r = eraseBody.safeParse(body);
    if (!r.success) return errorResponse(new AirlockError('AIRLOCK_ERR_BAD_QUERY', { message: 'Send exactly one of {"user":"…"} or {"key_id":"…"}.' }));
    const actor = c.get('identity').keyId ?? c.get('identity').user;
    try {
      const erased = 'user' in r.data ? await audit.erase({ user: r.data.user }, actor) : await audit.erase({ keyId: r.data.key_id }, actor);
      return c.json({ erased });
    } catch {
      return unavailable();
    }
  });

  api.get('/audit/export', requireAdmin(), async (c) => {
    const p = parseFilter(c);
    if (p instanceof Response) return p;
    const lines: string[] = [];
    try {
      for await (const e of audit.store.iterate(p.filter, 1000)) lines.push(JSON.stringify(e));
    } catch {
      return unavailable();
    }
    return new Response(lines.length ? lines.join('\n') + '\n' : '', { headers: { 'content-type': 'application/x-ndjson' } });
  });

  return api;
}
