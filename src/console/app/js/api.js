/* Browser code, no build step. */
/* global window, sessionStorage, fetch, Headers, URLSearchParams, CustomEvent */
/** The admin API, authenticated with the key pasted at sign-in (kept in sessionStorage only). */
const STORAGE = 'airlock.key';

export function getKey() {
  return sessionStorage.getItem(STORAGE);
}

export function setKey(k) {
  sessionStorage.setItem(STORAGE, k);
}

export function clearKey() {
  sessionStorage.removeItem(STORAGE);
}

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, init = {}) {
  const headers = new Headers(init.headers || {});
  const key = getKey();
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers, cache: 'no-store' });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = body && body.error ? body.error : {};
    if (res.status === 401) window.dispatchEvent(new CustomEvent('airlock:unauthorized'));
    throw new ApiError(res.status, err.message || `HTTP ${res.status}`, err.code);
  }
  return body;
}

export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
