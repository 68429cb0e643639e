/**
 * The effective config as the admin API shows it: every credential replaced. Keys are matched by
 * name (api_key, password, token, secret…), and credentials embedded in URLs are cut out too.
 */
const SECRET_KEY = /(^|_|-)(key|api_?key|key_?secret|secret|password|passwd|token|private_?key|salt|master_?key|encryption_?key|authorization|cookie|credentials?)$/i;
export const MASK = '***';

function maskUrl(s: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return s;
  try {
    const u = new URL(s);
    let changed = false;
    if (u.password) {
      u.password = MASK;
      changed = true;
    }
    for (const k of [...u.searchParams.keys()]) {
      if (SECRET_KEY.test(k) || /^(key|sig|signature|pass)$/i.test(k)) {
        u.searchParams.set(k, MASK);
        changed = true;
      }
    }
    return changed ? u.toString() : s;
  } catch {
    return s;
  }
}

export function maskSecrets(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return key && SECRET_KEY.test(key) ? (value === '' ? '' : MASK) : maskUrl(value);
  if (key && SECRET_KEY.test(key)) return MASK;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, ''));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskSecrets(v, k);
  return out;
}
