import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino censors before anything is written. Keys must never reach a log line, even when a
 * caller logs a whole header map or a config fragment by mistake.
 */
const CREDENTIAL_HEADERS = ['authorization', '"api-key"', '"x-api-key"', '"proxy-authorization"', 'cookie'];
const KEY_FIELDS = ['key', 'api_key', 'apiKey'];

function redactPaths(): string[] {
  const out: string[] = [];
  for (const h of CREDENTIAL_HEADERS) {
    const seg = h.startsWith('"') ? `[${h}]` : `.${h}`;
    out.push(`headers${seg}`, `req.headers${seg}`, `request.headers${seg}`, `*.headers${seg}`);
  }
  for (const k of KEY_FIELDS) out.push(k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`);
  return out;
}

export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const options = {
    level: opts.level ?? 'info',
    base: { name: 'airlock' },
    redact: { paths: redactPaths(), censor: '[redacted]' },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
