import type { ServerResponse } from 'node:http';
import { AirlockError } from '../errors.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

/** Answer with the OpenAI error shape. Only AirlockError messages reach the client, never causes. */
export function sendError(res: ServerResponse, err: unknown, requestId: string): AirlockError {
  const e = err instanceof AirlockError ? err : new AirlockError('AIRLOCK_ERR_INTERNAL');
  if (res.headersSent) {
    // Mid-answer failure: the status is gone, so cut the connection rather than fake an ending.
    res.destroy();
    return e;
  }
  sendJson(res, e.status, e.toBody(requestId || undefined), requestId ? { ...e.headers, 'x-airlock-request-id': requestId } : e.headers);
  return e;
}
