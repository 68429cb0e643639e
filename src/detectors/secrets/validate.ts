/**
 * Value checks shared by the rule tables and the generic detector: entropy, placeholder shapes,
 * checksums. All functions are pure and linear in the value's length.
 */

/** Shannon entropy in bits per character. */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export function distinctChars(s: string): number {
  return new Set(s).size;
}

/** Longest run of one repeated character. */
export function longestRun(s: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = i > 0 && s[i] === s[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** Longest run of consecutive ascending characters (`abcdef`, `123456`), case-insensitive. */
export function longestSequence(s: string): number {
  const t = s.toLowerCase();
  let best = s.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < t.length; i++) {
    const step = t.charCodeAt(i) - t.charCodeAt(i - 1);
    const alnum = /[a-z0-9]/.test(t[i]!);
    run = alnum && (step === 1 || (t[i - 1] === '9' && t[i] === '0')) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

// Words that mark documentation samples rather than live credentials.
const PLACEHOLDER_WORDS =
  /example|sample|placeholder|changeme|change_me|your[_-]?(?:api|secret|token|key|pass|own)|insert[_-]?(?:your|key|here)|replace[_-]?me|dummy|redacted|fake|notreal|not[_-]real|lorem|xxxx|\*\*\*|####|\.\.\.\./i;

/**
 * True when a token body is obviously not a live secret: long runs of one character (`xxxx…`,
 * `0000…`), an ascending alphabet run, very few distinct characters, or a sample marker word.
 */
export function isPlaceholderToken(body: string): boolean {
  if (PLACEHOLDER_WORDS.test(body)) return true;
  if (longestRun(body) >= 6) return true;
  if (longestSequence(body) >= 8) return true;
  if (body.length >= 12 && distinctChars(body) < 5) return true;
  return false;
}

/** Lighter gate for provider-context values: only the unmistakable sample shapes. */
export function isObviousPlaceholder(v: string): boolean {
  return PLACEHOLDER_WORDS.test(v) || longestRun(v) >= 8 || (v.length >= 8 && distinctChars(v) < 4);
}

/** Variable references and templates: `${VAR}`, `{{ x }}`, `%VAR%`, `$VAR`, `<your-key>`, `[PASSWORD]`. */
export function isTemplateOrReference(v: string): boolean {
  const t = v.trim();
  if (t.length === 0) return true;
  if (/^\$\{[^}]*\}$/.test(t) || /^\$\(.*\)$/.test(t) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return true;
  if (/^\{\{.*\}\}$/.test(t) || /^\{[A-Za-z_][\w.]*\}$/.test(t) || /^%[A-Za-z_][\w.]*%$/.test(t)) return true;
  if (/^<[^<>]*>$/.test(t) || /^\[[^[\]]*\]$/.test(t)) return true;
  if (/^%[sdr]$/.test(t)) return true;
  if (/^(?:process\.env|os\.environ|os\.getenv|env\.|ENV\[|System\.getenv|getenv\()/.test(t)) return true;
  return false;
}

const NON_SECRET_LITERALS = new Set([
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'yes', 'no', 'on', 'off', 'empty', 'string',
  'password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'key', 'value', 'required', 'optional',
  'test', 'pass', 'user', 'username', 'admin:admin', 'yyy', 'xxx', 'todo', 'tbd', 'n/a', 'na', 'default',
]);

export function isNonSecretLiteral(v: string): boolean {
  return NON_SECRET_LITERALS.has(v.trim().toLowerCase());
}

/** A dotted code reference (`var.db_password`, `self.config.token`) or a call (`getToken()`). */
export function isCodeReference(v: string): boolean {
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return true;
  if (/^[A-Za-z_$][\w$.]*\(.*\)$/.test(v)) return true;
  if (/^[A-Za-z_$][\w$.]*\[[\w$.'"]*\]$/.test(v)) return true;
  return false;
}

export function isUuid(v: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v);
}

/** A file path, URL without credentials, e-mail address or version string: not a secret value. */
export function looksLikePathOrAddress(v: string): boolean {
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return true;
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(v)) return true;
  if (/^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|local|internal|json|ya?ml|txt|pem|cer|crt|key|p12|pfx|jks|env|cfg|conf|ini|xml|py|js|ts)$/i.test(v)) return true;
  return false;
}

let CRC_TABLE: Uint32Array | null = null;

export function crc32(s: string): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  let x = n;
  while (x > 0) {
    out = B62[x % 62]! + out;
    x = Math.floor(x / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's documented token checksum: the last 6 characters are the base62 CRC32 of the 30
 * random characters before them. Returns a score: higher when the checksum verifies.
 */
export function githubChecksumScore(token: string): number {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return 0.9;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30) ? 0.99 : 0.9;
}

/** Decode base64 or base64url; null if the text is not valid base64. */
export function decodeBase64(s: string): string | null {
  const t = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(t) || t.length % 4 === 1) return null;
  return Buffer.from(t, 'base64').toString('utf8');
}

function parseJsonObject(s: string | null): Record<string, unknown> | null {
  if (s === null) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A JWT: header and payload both decode to non-empty JSON objects (header usually `alg`, `typ`). */
export function isJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length < 2 || parts.length > 3) return false;
  const header = parseJsonObject(decodeBase64(parts[0]!));
  if (!header || Object.keys(header).length === 0) return false;
  return parseJsonObject(decodeBase64(parts[1]!)) !== null;
}

/** A base64 text whose decoded content starts with `prefix`. */
export function decodesTo(b64: string, prefix: string): boolean {
  const d = decodeBase64(b64);
  return d !== null && d.startsWith(prefix);
}

/** Decoded base64 JSON object containing all of `keys`. */
export function decodesToJsonWith(b64: string, keys: readonly string[]): boolean {
  const obj = parseJsonObject(decodeBase64(b64));
  return obj !== null && keys.every((k) => k in obj);
}

export function charClasses(s: string): number {
  let n = 0;
  if (/[a-z]/.test(s)) n++;
  if (/[A-Z]/.test(s)) n++;
  if (/[0-9]/.test(s)) n++;
  if (/[^A-Za-z0-9]/.test(s)) n++;
  return n;
}
