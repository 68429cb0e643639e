import RE2 from 're2';
import {
  charClasses,
  isCodeReference,
  isNonSecretLiteral,
  isObviousPlaceholder,
  isPlaceholderToken,
  isTemplateOrReference,
  isUuid,
  looksLikePathOrAddress,
  shannon,
} from './validate.js';

/**
 * The keyword-and-entropy detector: `password = …`, `api_key: "…"`, `"secret": "…"`, `<token>…`,
 * `?access_token=…`, `if (pwd == "…")`. Keys come from the engine's keyword pass; this file reads
 * the assignment around a key and decides whether its value looks like a live secret.
 */

/** Lower-case keywords that start a generic key (matched inside identifiers). */
export const GENERIC_KEYWORDS: readonly string[] = [
  'password', 'passwd', 'passphrase', 'passcode', 'pass', 'pwd', 'pw', 'secret', 'token', 'apikey', 'api_key',
  'api-key', 'access_key', 'accesskey', 'private_key', 'privatekey', 'credential', 'auth',
];

export interface GenericHit {
  readonly type: 'generic-password' | 'generic-api-key';
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

const KEY_CHAR = /[A-Za-z0-9_.-]/;
const MAX_KEY = 80;
const MAX_VALUE = 300;
const VALUE_END = new Set([...' \t\r\n\f\v"\'`,;&<>'].map((c) => c.charCodeAt(0)));

// After the key: an optional closing quote, an optional type annotation (`var x string =`), the
// operator, and an optional opening quote. Sticky, so it is anchored at the key's end.
const AFTER_KEY = new RE2(
  '(\\\\?["\'`])?\\]?[ \\t]{0,20}(?:[ \\t][A-Za-z][\\w<>\\[\\]]{0,15}[ \\t]{0,4})?(===|!==|==|!=|:{1,3}=|=>|\\?=|\\.=|\\+=|->|=|:|,|>)?[ \\t]{0,4}(?:\\r?\\n[ \\t]{0,16})?(\\\\?["\'`])?',
  'y',
);

const PASSWORD_KEY = /passw|passwd|pwd|passphrase|passcode|(?:^|_)(?:pass|pw|secrete)(?:_|$)/;
const TOKEN_KEY = /(?:token|secret|apikey|accesskey|privatekey|authkey|signingkey|masterkey|encryptionkey|licensekey|accountkey|clientkey|appkey|credentials?|auth|bearer)$/;
const NOT_SECRET_KEY = /csrf|xsrf|nonce|tokeniz|(?:^|_)(?:file|path|url|uri|dir|policy|length|len|min|max|regex|pattern|field|prompt|label|placeholder|hint|reset|expiry|expires|expiration|type|id|name|names|count|size|ttl|timeout|enabled|required|rule|rules|format|header|prefix|suffix|mode|strength|env|var|ref|store|endpoint|version|algorithm|alg|hash|salt|policy|method|validator|error|message|msg|key_?id|keyid|index|idx)$/;

function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

// Names that describe configuration next to a credential, not the credential itself.
const CONFIG_TAIL =
  /(?:^|_)(?:model|models|url|uri|endpoint|host|hostname|region|version|name|path|file|dir|timeout|enabled|mode|format|type|org|project|user|username|email|base|domain|port|sha|sha1|sha256|commit|ref|rev|revision|hash|digest|checksum|run_id|number|count)$/;

/** For provider context rules: `COHERE_MODEL = …` names a setting, not a key. */
export function namesSetting(key: string): boolean {
  return CONFIG_TAIL.test(words(key));
}

export function classifyKey(key: string): 'password' | 'token' | null {
  const w = words(key);
  if (NOT_SECRET_KEY.test(w)) return null;
  if (PASSWORD_KEY.test(w)) return 'password';
  if (TOKEN_KEY.test(w.replace(/_/g, ''))) return 'token';
  return null;
}

/** Expand a keyword hit to the whole identifier around it. */
export function keyBounds(text: string, hitStart: number, hitEnd: number): [number, number] {
  let s = hitStart;
  while (s > 0 && hitStart - s < MAX_KEY && KEY_CHAR.test(text[s - 1]!)) s--;
  let e = hitEnd;
  while (e < text.length && e - hitEnd < MAX_KEY && KEY_CHAR.test(text[e]!)) e++;
  // Trailing dots / dashes belong to the syntax (`key.` in prose, `--` in CLIs), not the name.
  while (e > hitEnd && /[.-]/.test(text[e - 1]!)) e--;
  return [s, e];
}

function readValue(text: string, at: number, quote: string | undefined): [number, number] | null {
  if (quote) {
    const q = quote[quote.length - 1]!;
    let i = at;
    while (i < text.length && i - at <= MAX_VALUE && text[i] !== q && text[i] !== '\n') i++;
    if (i >= text.length || text[i] !== q || i - at > MAX_VALUE) return null;
    let end = i;
    if (quote.length === 2 && text[end - 1] === '\\') end--;
    return end > at ? [at, end] : null;
  }
  let i = at;
  while (i < text.length && i - at <= MAX_VALUE && !VALUE_END.has(text.charCodeAt(i))) i++;
  if (i - at > MAX_VALUE) return null;
  return i > at ? [at, i] : null;
}

export function passwordValueOk(v: string, quoted: boolean): boolean {
  if (v.length < 4 || /\s/.test(v) || !/[A-Za-z0-9]/.test(v)) return false;
  if (isTemplateOrReference(v) || isNonSecretLiteral(v) || isObviousPlaceholder(v) || isCodeReference(v)) return false;
  if (/^\$|^%[A-Za-z_]|^\{\{|^\$\{/.test(v)) return false;
  if (!quoted && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(v) && !/\d/.test(v)) return false;
  if (!quoted && /[()]/.test(v) && /^[\w.$]+\(/.test(v)) return false;
  return !looksLikePathOrAddress(v);
}

export function tokenValueOk(v: string, minEntropy: number): boolean {
  // Real API keys and tokens are long; shorter values under a token name are mostly ids and slugs.
  if (v.length < 20 || /\s/.test(v) || /\.\.\.$|…/.test(v)) return false;
  if (isTemplateOrReference(v) || isNonSecretLiteral(v) || isCodeReference(v) || isUuid(v)) return false;
  if (/^\$|^%[A-Za-z_]/.test(v) || looksLikePathOrAddress(v) || isPlaceholderToken(v)) return false;
  if (wordLike(v)) return false;
  const symbols = v.replace(/[A-Za-z0-9]/g, '').length;
  if (!/\d/.test(v) && charClasses(v) < 3 && symbols < 4) return false;
  return shannon(v) >= minEntropy;
}

/**
 * CamelCase identifiers (`AgencyIdentificationCodeContentType`): random base62 tokens almost never
 * have capitalised, vowel-bearing word runs covering most of their length.
 */
export function wordLike(v: string): boolean {
  let covered = 0;
  for (const m of v.matchAll(/[A-Z][a-z]{3,}/g)) if (/[aeiou]/.test(m[0])) covered += m[0].length;
  return covered >= v.length * 0.6;
}

const PROSE = /^[ \t]+(?:is|was|is now|was set to|is set to)[ \t]+["'`]?([^\s"'`]{4,64})/;

/**
 * "my password is Xk29!vLq" in a chat message: only values mixing letters with digits or symbols,
 * so "the password is required" stays clean.
 */
function proseValue(text: string, keyEnd: number): [number, number] | null {
  const m = PROSE.exec(text.slice(keyEnd, keyEnd + 96));
  if (!m) return null;
  const v = m[1]!.replace(/[.,;:!?)\]]+$/, '');
  if (!/[A-Za-z]/.test(v) || !/[0-9!@#$%^&*+=~]/.test(v)) return null;
  const start = keyEnd + m[0].length - m[1]!.length;
  return [start, start + v.length];
}

/** `"value" == key` comparisons written value-first. */
function valueBefore(text: string, keyStart: number): [number, number] | null {
  let i = keyStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const opEnd = i + 1;
  while (i >= 0 && keyStart - i < 8 && /[=!]/.test(text[i]!)) i--;
  const op = text.slice(i + 1, opEnd);
  if (!/^(?:===|!==|==|!=)$/.test(op)) return null;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const q = text[i];
  if (q !== '"' && q !== "'" && q !== '`') return null;
  const end = i;
  i--;
  while (i >= 0 && end - i <= MAX_VALUE && text[i] !== q && text[i] !== '\n') i--;
  if (i < 0 || text[i] !== q) return null;
  return end > i + 1 ? [i + 1, end] : null;
}

/** Inspect the assignment around one generic keyword hit. */
export function genericAt(text: string, hitStart: number, hitEnd: number, minEntropy: number, providers: RE2 | null): GenericHit | null {
  const [ks, ke] = keyBounds(text, hitStart, hitEnd);
  const key = text.slice(ks, ke);
  const cls = classifyKey(key);
  if (!cls) return null;
  if (cls === 'token' && providers?.test(key)) return null;
  const type = cls === 'password' ? 'generic-password' : 'generic-api-key';
  const judge = (s: number, e: number, quoted: boolean): GenericHit | null => {
    const v = text.slice(s, e);
    if (cls === 'password' ? !passwordValueOk(v, quoted) : !tokenValueOk(v, minEntropy)) return null;
    const score = cls === 'password' ? (shannon(v) >= 3 ? 0.75 : 0.6) : 0.75;
    return { type, start: s, end: e, score };
  };
  // A window, not the whole text: see stickyAt for why.
  AFTER_KEY.lastIndex = 0;
  const m = AFTER_KEY.exec(text.slice(ke, ke + 256));
  if (m) {
    const op = m[2];
    const quote = m[3];
    const before = text[ks - 1];
    const keyQuoted = before === '"' || before === "'" || before === '`' || m[1] !== undefined;
    const opOk =
      op !== undefined &&
      (op !== ',' || keyQuoted) &&
      (op !== '>' || before === '<');
    // `password "…"` (no operator) only with double quotes and an unambiguous name: prose such as
    // "pass `flag=` again" must not count.
    const spaceQuoted =
      op === undefined && quote === '"' && /passw|pwd/i.test(text.slice(ks, ke)) && /^[ \t]/.test(m[0].slice(m[1]?.length ?? 0));
    if (opOk || spaceQuoted) {
      const at = ke + m[0].length;
      const range = readValue(text, at, quote);
      // `<password>v</password>`: an element's text, not `<user>:<password>@host` templates.
      const xmlOk = op !== '>' || (range !== null && /^\s*<\//.test(text.slice(range[1] + (quote ? 1 : 0), range[1] + 24)));
      if (range && xmlOk) {
        const hit = judge(range[0], range[1], quote !== undefined);
        if (hit) return hit;
      }
    }
  }
  if (cls === 'password') {
    const prose = proseValue(text, ke);
    if (prose) {
      const hit = judge(prose[0], prose[1], true);
      if (hit) return hit;
    }
  }
  const back = valueBefore(text, ks);
  return back ? judge(back[0], back[1], true) : null;
}
