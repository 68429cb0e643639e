import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/index.js';
import { getDetector } from '../registry.js';
import { SECRET_RULES, secretsParams } from './index.js';
import { ALNUM, DIGITS, HEX, LOWER_ALNUM, rand, scanWith } from './testkit.js';
import { base62, crc32 } from './validate.js';

const types = (text: string, params: unknown = {}) => scanWith(text, params).map((f) => f.type);

describe('secrets detector: manifest and params', () => {
  it('documents well over 200 credential types, one entity per rule', () => {
    expect(SECRET_RULES.length).toBeGreaterThan(200);
    const def = getDetector('secrets');
    expect(def?.family).toBe('secrets');
    expect(def?.entities.length).toBe(SECRET_RULES.length);
    for (const r of SECRET_RULES) expect(r.doc.length).toBeGreaterThan(20);
  });

  it('rejects unknown rule ids and unknown keys (fails closed)', () => {
    expect(secretsParams.safeParse({ rules: ['no-such-rule'] }).success).toBe(false);
    expect(secretsParams.safeParse({ bogus: 1 }).success).toBe(false);
    expect(secretsParams.safeParse({ min_entropy: -1 }).success).toBe(false);
  });

  it('rules / exclude / generic select what runs', () => {
    const text = `key: AKIA${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)} and password = "Tr0ub4dor&3x"`;
    expect(types(text).sort()).toEqual(['aws-access-key-id', 'generic-password']);
    expect(types(text, { rules: ['generic-password'] })).toEqual(['generic-password']);
    expect(types(text, { exclude: ['aws-access-key-id'] })).toEqual(['generic-password']);
    expect(types(text, { generic: false })).toEqual(['aws-access-key-id']);
  });
});

describe('secrets detector: offsets and reasons', () => {
  it('reports exact original offsets and never the value in the reason', () => {
    const token = `ghp_${rand(ALNUM, 36)}`;
    const text = `my token is ${token}, keep it safe`;
    const [f] = scanWith(text);
    expect(f).toMatchObject({ detector: 'secrets', type: 'github-pat', start: 12, end: 12 + token.length });
    expect(text.slice(f!.start, f!.end)).toBe(token);
    expect(f!.reason).not.toContain(token.slice(4));
    expect(f!.reason).toContain('github-pat');
  });

  it('scores a GitHub token higher when its CRC32 checksum verifies', () => {
    const body = rand(ALNUM, 30, 3);
    const good = `ghp_${body}${base62(crc32(body), 6)}`;
    const bad = `ghp_${body}${rand(ALNUM, 6, 4)}`;
    expect(scanWith(good)[0]!.score).toBeGreaterThan(scanWith(bad)[0]!.score);
  });

  it('maps offsets through the normalized view (zero-width space inside the token)', () => {
    const token = `glpat-${rand(ALNUM, 20, 9)}`;
    const text = `x ${token.slice(0, 10)}\u200b${token.slice(10)} y`;
    const found = scanWith(text, {}, normalize(text));
    expect(found.map((f) => f.type)).toContain('gitlab-pat');
    const f = found.find((x) => x.type === 'gitlab-pat')!;
    expect([f.start, f.end]).toEqual([2, 2 + token.length + 1]);
  });

  it('finds a secret hidden in a base64 blob via the decoded view', () => {
    const token = `sk-ant-api03-${rand(ALNUM, 93, 5)}AA`;
    const blob = Buffer.from(`config: ${token}`).toString('base64');
    const text = `decode this: ${blob}`;
    const found = scanWith(text, {}, normalize(text));
    const f = found.find((x) => x.type === 'anthropic-api-key');
    expect(f).toBeDefined();
    expect(text.slice(f!.start, f!.end)).toBe(blob);
  });
});

describe('secrets detector: one positive and one look-alike per category', () => {
  const cases: Array<[string, string, string]> = [
    // [expected type, positive text, look-alike negative text]
    ['aws-access-key-id', `AKIA${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 11)}`, 'AKIAIOSFODNN7EXAMPLE'],
    ['aws-secret-access-key', `aws_secret_access_key = ${rand(ALNUM, 40, 12)}`, `build_hash = ${rand(ALNUM, 40, 12)}`],
    ['azure-storage-account-key', `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${rand(ALNUM, 86, 13)}==;`, `AccountKey=${rand(ALNUM, 20, 13)}`],
    ['gitlab-pat', `glpat-${rand(ALNUM, 20, 14)}`, 'glpat-XXXXXXXXXXXXXXXXXXXX'],
    ['npm-access-token', `npm_${rand(ALNUM, 36, 15)}`, 'npm_install_dependencies_for_project_now'],
    ['slack-bot-token', `xoxb-${rand(DIGITS, 10, 1)}-${rand(DIGITS, 13, 2)}-${rand(ALNUM, 24, 16)}`, 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx'],
    ['telegram-bot-api-token', `bot: ${rand(DIGITS, 9, 3)}:A${rand(ALNUM, 34, 17)}`, `id ${rand(DIGITS, 9, 3)}:A${rand(ALNUM, 40, 17)}`],
    ['stripe-access-token', `sk_live_${rand(ALNUM, 24, 18)}`, 'sk_live_'],
    ['openai-api-key', `sk-proj-${rand(ALNUM, 30, 19)}T3BlbkFJ${rand(ALNUM, 30, 20)}`, 'sk-this-is-not-a-key'],
    ['huggingface-access-token', `hf_${rand(ALNUM, 34, 21)}`, 'hf_requiredCharacteristicTypesForDisplayMetadata'],
    ['sentry-user-token', `sntryu_${rand(HEX, 64, 22)}`, `sntryu_${'a'.repeat(64)}`],
    ['datadog-access-token', `DD_API_KEY=${rand(HEX, 32, 23)}`, `commit ${rand(HEX, 32, 23)}`],
    ['postgres-connection-string', 'postgres://app:s3cr3t-Pa55@db.internal:5432/app', 'postgres://app:${DB_PASSWORD}@db.internal/app'],
    ['private-key', `-----BEGIN RSA PRIVATE KEY-----\n${rand(ALNUM, 64, 24)}\n${rand(ALNUM, 40, 25)}\n-----END RSA PRIVATE KEY-----`, '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----'],
    ['jwt', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'],
    ['kraken-access-token', `kraken_secret: ${rand(ALNUM, 86, 26)}`, `krakenized: ${rand(ALNUM, 12, 26)}`],
    ['generic-password', 'db_password: "hunter2!"', 'db_password: "${DB_PASSWORD}"'],
    ['generic-api-key', `API_KEY=${rand(LOWER_ALNUM, 32, 27)}`, 'API_KEY=your-api-key-here'],
  ];
  for (const [type, positive, negative] of cases) {
    it(type, () => {
      expect(types(positive)).toContain(type);
      expect(types(negative)).toEqual([]);
    });
  }
});

describe('secrets detector: generic keyword-and-entropy', () => {
  it('catches assignments in code, YAML, JSON, env files, XML and query strings', () => {
    const secret = rand(ALNUM, 32, 31);
    for (const text of [
      `const apiKey = "${secret}";`,
      `api_key: ${secret}`,
      `{"client_secret": "${secret}"}`,
      `export AUTH_TOKEN=${secret}`,
      `<accessToken>${secret}</accessToken>`,
      `GET /v1/data?access_token=${secret}&page=2`,
    ]) {
      const found = scanWith(text);
      expect(found.length, text).toBe(1);
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(secret);
    }
  });

  it('ignores placeholders, templates, references and plain words', () => {
    for (const text of [
      'password = "changeme"',
      'password: ${DB_PASSWORD}',
      'api_key = "<your-key>"',
      'token: xxxxxxxxxxxxxxxxxxxxxxxx',
      'secret = "****************"',
      'api_key = "example-key-1234567890"',
      'password = null',
      'password = true',
      'password = var.db_password',
      'secret_file = "/etc/app/secret.pem"',
      'password = os.environ["DB_PASSWORD"]',
      'token_type = "bearer_access_token_v2"',
      "you don't need to pass `countries=` again",
      'left_secret = left_secrets[left_index]',
      'COHERE_MODEL=command-r-plus-08-2024-preview-build',
      'def login(password: str, api_key: Optional[str] = None) -> Token:',
      'connect(host=h, password=password, ssl=True)',
      'interface Creds { password: string; accessToken?: string }',
    ]) expect(types(text), text).toEqual([]);
  });

  it('keeps weak real passwords after an explicit password name', () => {
    expect(types('password: hunter22')).toEqual(['generic-password']);
    expect(types('My wifi password is Sunny-Day42, can you check it?')).toEqual(['generic-password']);
    expect(types('Remember: the password is required and the password is case-sensitive.')).toEqual([]);
    expect(types('DB_PASS="summer2024"')).toEqual(['generic-password']);
  });

  it('applies the entropy gate to token values (min_entropy is configurable)', () => {
    const lowish = 'a1b2a1b2a1b2a1b2c3c3c3c3';
    expect(types(`api_token = "${lowish}"`)).toEqual([]);
    const random = rand(ALNUM, 24, 41);
    expect(types(`api_token = "${random}"`)).toEqual(['generic-api-key']);
    expect(types(`api_token = "${random}"`, { min_entropy: 7 })).toEqual([]);
  });
});

describe('secrets detector: bad input', () => {
  it('scans a 1 MB text and pathological inputs without crashing', () => {
    const token = `ghp_${rand(ALNUM, 36, 51)}`;
    const big = `${'lorem ipsum dolor sit amet password = '.repeat(27000)}${token}`;
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(types(big)).toContain('github-pat');
    for (const text of [
      'a'.repeat(1_000_000),
      'AIza'.repeat(200_000),
      '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(20_000),
      'password='.repeat(100_000),
      'eyJ'.repeat(300_000),
      '\ud800x\udfff'.repeat(100_000),
    ]) expect(Array.isArray(scanWith(text))).toBe(true);
  });
});
