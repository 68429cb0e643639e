import { describe, expect, it } from 'vitest';
import { classifyKey, wordLike } from './generic.js';
import { base62, crc32, decodeBase64, isJwt, isPlaceholderToken, isTemplateOrReference, shannon } from './validate.js';

describe('secret value checks', () => {
  it('computes Shannon entropy in bits per character', () => {
    expect(shannon('aaaa')).toBe(0);
    expect(shannon('abcd')).toBe(2);
    expect(shannon('')).toBe(0);
  });

  it('computes CRC32 and base62 as GitHub checksums use them', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(base62(61, 2)).toBe('0z');
  });

  it('recognises placeholders and templates', () => {
    for (const v of ['xxxxxxxxxxxx', 'abcdefghijklmnop', 'EXAMPLEKEY123456', '121212121212121212']) expect(isPlaceholderToken(v), v).toBe(true);
    expect(isPlaceholderToken('q8Zr2LmX9vKp4TbN')).toBe(false);
    for (const v of ['${TOKEN}', '{{ .Values.pw }}', '%DB_PASS%', '$API_KEY', '<your-key>', '[PASSWORD]']) expect(isTemplateOrReference(v), v).toBe(true);
  });

  it('validates JWT structure', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(isJwt(`${part({ alg: 'HS256' })}.${part({ sub: '1' })}.sig`)).toBe(true);
    expect(isJwt(`${part({ alg: 'HS256' })}`)).toBe(false);
    expect(isJwt('eyJAAAA.eyJBBB')).toBe(false);
    expect(decodeBase64('not base64!')).toBeNull();
  });

  it('classifies key names', () => {
    expect(classifyKey('DB_PASSWORD')).toBe('password');
    expect(classifyKey('cloudant_pw')).toBe('password');
    expect(classifyKey('stripeApiKey')).toBe('token');
    expect(classifyKey('client_secret')).toBe('token');
    expect(classifyKey('token_type')).toBeNull();
    expect(classifyKey('password_min_length')).toBeNull();
    expect(classifyKey('keyVaultToStoreSecrets')).toBeNull();
    expect(classifyKey('sequenceKey')).toBeNull();
  });

  it('tells CamelCase identifiers from random tokens', () => {
    expect(wordLike('AgencyIdentificationCodeContentType')).toBe(true);
    expect(wordLike('q8Zr2LmX9vKp4TbNw3Yc')).toBe(false);
  });
});
