/**
 * The coded error catalogue. Every error a client can see has a stable code, an HTTP status and a
 * message that says what to do. Bodies follow the OpenAI error shape so SDKs surface them.
 */
export const ERRORS = {
  AIRLOCK_ERR_BLOCKED: { status: 403, type: 'airlock_blocked', message: 'The request was blocked by policy.' },
  AIRLOCK_ERR_OUTPUT_BLOCKED: { status: 403, type: 'airlock_blocked', message: 'The answer was blocked by policy.' },
  AIRLOCK_ERR_BAD_JSON: { status: 400, type: 'invalid_request_error', message: 'The request body is not valid JSON.' },
  AIRLOCK_ERR_BAD_ENCODING: { status: 400, type: 'invalid_request_error', message: 'The request body is not valid UTF-8.' },
  AIRLOCK_ERR_TOO_DEEP: { status: 400, type: 'invalid_request_error', message: 'The request body is nested too deeply.' },
  AIRLOCK_ERR_BODY_TOO_LARGE: { status: 413, type: 'invalid_request_error', message: 'The request body exceeds the size limit.' },
  AIRLOCK_ERR_UNSUPPORTED_MEDIA: { status: 415, type: 'invalid_request_error', message: 'The request body has an unsupported content encoding or type.' },
  AIRLOCK_ERR_NO_ROUTE: { status: 404, type: 'invalid_request_error', message: 'No route is configured for this request.' },
  AIRLOCK_ERR_HOST_NOT_ALLOWED: { status: 403, type: 'invalid_request_error', message: 'This host is not configured on the gateway; Airlock is not an open proxy.' },
  AIRLOCK_ERR_CONNECT_UNSUPPORTED: { status: 405, type: 'invalid_request_error', message: 'CONNECT tunnels carry TLS that cannot be inspected. Call the provider with http:// (for example HTTP_PROXY with an http:// base URL) and Airlock will upgrade the connection to HTTPS itself.' },
  AIRLOCK_ERR_METHOD: { status: 405, type: 'invalid_request_error', message: 'Method not allowed.' },
  AIRLOCK_ERR_UNAUTHORIZED: { status: 401, type: 'authentication_error', message: 'A valid Airlock virtual key is required.' },
  AIRLOCK_ERR_FORBIDDEN: { status: 403, type: 'permission_error', message: 'This key may not perform this action.' },
  AIRLOCK_ERR_MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error', message: 'This key may not use this model.' },
  AIRLOCK_ERR_MAX_TOKENS: { status: 400, type: 'invalid_request_error', message: 'The requested maximum answer length exceeds what this key may ask for.' },
  AIRLOCK_ERR_RATE_LIMITED: { status: 429, type: 'rate_limit_error', message: 'Rate limit exceeded.' },
  AIRLOCK_ERR_BUDGET_EXCEEDED: { status: 429, type: 'insufficient_quota', message: 'Budget exceeded.' },
  AIRLOCK_ERR_GUARD_UNAVAILABLE: { status: 503, type: 'airlock_guard_unavailable', message: 'A guard could not reach a verdict and the policy fails closed; retry later.' },
  AIRLOCK_ERR_STORE_UNAVAILABLE: { status: 503, type: 'airlock_store_unavailable', message: 'The limits store is unavailable and the policy fails closed; retry later.' },
  AIRLOCK_ERR_UPSTREAM_UNAVAILABLE: { status: 502, type: 'airlock_upstream_error', message: 'The upstream provider could not be reached.' },
  AIRLOCK_ERR_UPSTREAM_TIMEOUT: { status: 504, type: 'airlock_upstream_timeout', message: 'The upstream provider did not answer in time.' },
  AIRLOCK_ERR_BAD_QUERY: { status: 400, type: 'invalid_request_error', message: 'A query or body parameter is invalid.' },
  AIRLOCK_ERR_NOT_FOUND: { status: 404, type: 'invalid_request_error', message: 'No such resource.' },
  AIRLOCK_ERR_AUDIT_UNAVAILABLE: { status: 503, type: 'airlock_store_unavailable', message: 'The audit store is unavailable; retry later.' },
  AIRLOCK_ERR_INTERNAL: { status: 500, type: 'airlock_internal_error', message: 'Internal gateway error.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AirlockError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  /** Extra fields merged into the `error` object of the body (rule, reason, reset time…). */
  readonly details: Record<string, unknown>;
  /** Extra response headers (Retry-After, x-ratelimit-*). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    opts: { message?: string; param?: string | null; details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const def = ERRORS[code];
    super(opts.message ?? def.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = def.status;
    this.type = def.type;
    this.param = opts.param ?? null;
    this.details = opts.details ?? {};
    this.headers = opts.headers ?? {};
  }

  /** The OpenAI-shaped body. Never put secrets in message or details. */
  toBody(requestId?: string): { error: Record<string, unknown> } {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        param: this.param,
        ...(requestId ? { request_id: requestId } : {}),
        ...this.details,
      },
    };
  }
}
