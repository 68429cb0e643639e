import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { scrubValues } from './event.js';

/** An AES-256-GCM sealed JSON value as stored in an audit event. */
export interface Sealed {
  readonly alg: 'A256GCM';
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** Prompt/answer bodies a policy asked to keep; the gateway passes them already redacted. */
export interface AuditBodies {
  readonly request?: unknown;
  readonly response?: unknown;
}

/** 32 bytes from base64 or 64 hex characters; anything else is a config error. */
export function parseBodyKey(k: string): Buffer {
  const buf = /^[0-9a-fA-F]{64}$/.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64');
  if (buf.length !== 32) throw new Error('audit.bodies.key must be 32 bytes (base64 or 64 hex characters)');
  return buf;
}

/**
 * Second line of redaction before sealing: every string leaf loses long digit runs and e-mail
 * addresses, so a body the gateway failed to redact still does not carry a card or an address.
 */
function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubValues(v);
  if (depth > 64 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

export function sealBodies(key: Buffer, bodies: AuditBodies, aad: string): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  // The event id is bound as associated data: a sealed body cannot be moved onto another event.
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(JSON.stringify(scrubDeep(bodies)), 'utf8'), c.final()]);
  return { alg: 'A256GCM', iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openBodies(key: Buffer, s: Sealed, aad: string): AuditBodies {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(Buffer.from(s.tag, 'base64'));
  const text = Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
  return JSON.parse(text) as AuditBodies;
}
