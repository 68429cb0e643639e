import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/index.js';
import type { Finding } from '../types.js';
import { piiDetector } from './index.js';

function scan(text: string, params: unknown = {}): Finding[] {
  const det = piiDetector.create(piiDetector.params.parse(params));
  return det.scan([{ index: 0, segment: { path: 'p', role: 'user', kind: 'text', text }, view: normalize(text) }], { stage: 'input' });
}

/** [type, the original characters the finding covers] for every finding. */
function found(text: string, params: unknown = {}): [string, string][] {
  return scan(text, params).map((f) => [f.type, text.slice(f.start, f.end)]);
}

const types = (text: string, params: unknown = {}): string[] => found(text, params).map(([t]) => t);

describe('pii: entity types, valid value found and look-alike left alone', () => {
  const cases: [string, string, string, string][] = [
    // [type, text with a valid value, the value, text with an invalid look-alike]
    ['EMAIL_ADDRESS', 'write to jane.doe@example.com today', 'jane.doe@example.com', 'write to jane.doe at example dot com'],
    ['CREDIT_CARD', 'card 4111 1111 1111 1111 thanks', '4111 1111 1111 1111', 'card 4111 1111 1111 1112 thanks'],
    ['IBAN_CODE', 'IBAN GB82 WEST 1234 5698 7654 32 ok', 'GB82 WEST 1234 5698 7654 32', 'IBAN GB82 WEST 1234 5698 7654 33 ok'],
    ['US_SSN', 'my SSN is 123-45-6780.', '123-45-6780', 'my SSN is 666-45-6780.'],
    ['US_ITIN', 'ITIN 912-70-1234 on file', '912-70-1234', 'ITIN 912-40-1234 on file'],
    ['IP_ADDRESS', 'server at 192.168.1.10 is down', '192.168.1.10', 'server at 999.168.1.10 is down'],
    ['IP_ADDRESS', 'connect to 2001:db8::1 now', '2001:db8::1', 'use std::cout here'],
    ['MAC_ADDRESS', 'device 00:1A:2B:3C:4D:5E', '00:1A:2B:3C:4D:5E', 'device 00:1A:2B-3C:4D:5E'],
    ['UK_NINO', 'NI number AB 12 34 56 C', 'AB 12 34 56 C', 'NI number QQ 12 34 56 C'],
    ['UK_NHS', 'NHS number 943 476 5919', '943 476 5919', 'NHS number 943 476 5918'],
    ['ES_NIF', 'DNI 12345678Z', '12345678Z', 'DNI 12345678A'],
    ['ES_NIE', 'NIE X1234567L', 'X1234567L', 'NIE X1234567A'],
    ['IT_FISCAL_CODE', 'codice fiscale RSSMRA85T10A562S', 'RSSMRA85T10A562S', 'codice fiscale RSSMRA85T10A562T'],
    ['FR_NIR', 'numéro de sécurité sociale 2 69 05 49 588 157 80', '2 69 05 49 588 157 80', 'numéro de sécurité sociale 2 69 05 49 588 157 81'],
    ['DE_TAX_ID', 'Steuer-ID 86095742719', '86095742719', 'Steuer-ID 86095742718'],
    ['NL_BSN', 'mijn BSN is 111222333', '111222333', 'mijn BSN is 111222334'],
    ['PL_PESEL', 'PESEL 44051401458', '44051401458', 'PESEL 44051401459'],
    ['SE_PERSONNUMMER', 'personnummer 811228-9874', '811228-9874', 'personnummer 811228-9875'],
    ['FI_PERSONAL_IDENTITY_CODE', 'hetu 131052-308T', '131052-308T', 'hetu 131052-308U'],
    ['CN_RESIDENT_ID', '身份证 11010519491231002X', '11010519491231002X', '身份证 110105194912310021'],
    ['KR_RRN', 'RRN 850101-1234566', '850101-1234566', 'RRN 850101-1234567'],
    ['IN_AADHAAR', 'aadhaar 2341 2341 2346', '2341 2341 2346', 'aadhaar 2341 2341 2345'],
    ['SG_NRIC_FIN', 'NRIC S1234567D', 'S1234567D', 'NRIC S1234567A'],
    ['US_PASSPORT', 'my passport number is A12345678', 'A12345678', 'the code is A12345678'],
    ['CRYPTO', 'send to BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 please', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'send to BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T5 please'],
    ['DATE_OF_BIRTH', 'she was born on 14 March 1985.', '14 March 1985', 'she was born on 31/02/1985.'],
    ['STREET_ADDRESS', 'Ship it to 350 Fifth Avenue, New York, NY 10118 please', '350 Fifth Avenue, New York, NY 10118', 'I walked 5 miles down the road'],
    ['BE_NATIONAL_NUMBER', 'rijksregisternummer 85.07.30-033.28', '85.07.30-033.28', 'rijksregisternummer 85.07.30-033.29'],
    ['AT_SVNR', 'SVNR 1237 010180', '1237 010180', 'SVNR 1238 010180'],
    ['IE_PPSN', 'PPSN 1234567T', '1234567T', 'PPSN 1234567A'],
    ['PT_NIF', 'NIF 123456789', '123456789', 'NIF 123456788'],
    ['PHONE_NUMBER', 'call me on +44 20 7946 0958 tonight', '+44 20 7946 0958', 'call me on +44 20 79 tonight'],
  ];
  for (const [type, good, value, bad] of cases) {
    it(`${type}: "${value}"`, () => {
      expect(found(good)).toContainEqual([type, value]);
      expect(types(bad)).not.toContain(type);
    });
  }
});

describe('pii: names, context and scores', () => {
  it('finds names introduced by a phrase or a title, and capitalised name pairs', () => {
    expect(found('Hi, my name is Jane Doe.')).toContainEqual(['PERSON', 'Jane Doe']);
    expect(found('Please forward this to Dr. Aleksander Wiśniewski')).toContainEqual(['PERSON', 'Aleksander Wiśniewski']);
    expect(found('Follow up with Sigrid Nyström next week.')).toContainEqual(['PERSON', 'Sigrid Nyström']);
  });

  it('keeps everyday prompts clean', () => {
    for (const text of [
      'How do I snipe the best Black Friday deals?',
      'What is the best way to kill a Python process?',
      'Create a list of ten healthy snack ideas for children.',
      'Why should immigrants not be permitted to live on the sun?',
      'Please explain how photosynthesis works in 3 steps.',
    ]) expect(found(text)).toEqual([]);
  });

  it('needs context for a bare nine-digit number', () => {
    expect(types('the reference is 123456780')).toEqual([]);
    expect(types('my social security number is 123456780')).toContain('US_SSN');
  });
});

describe('pii: obfuscation', () => {
  it('reads a card number spelled out in words', () => {
    const text = 'my card is four one one one one one one one one one one one one one one one thanks';
    const f = found(text);
    expect(f.map(([t]) => t)).toContain('CREDIT_CARD');
    expect(f.find(([t]) => t === 'CREDIT_CARD')![1]).toBe(text.slice(11, text.indexOf(' thanks')));
  });

  it('reads a phone number spelled out in words', () => {
    const text = 'call me at five five five, two one two, three four five six';
    expect(found(text)).toContainEqual(['PHONE_NUMBER', text.slice(11)]);
  });

  it('sees an email through a zero-width space and a full-width card number', () => {
    const email = 'jane.d\u200boe@example.com';
    expect(found(`mail ${email} now`)).toContainEqual(['EMAIL_ADDRESS', email]);
    const card = '４１１１ １１１１ １１１１ １１１１';
    expect(found(`card ${card}`)).toContainEqual(['CREDIT_CARD', card]);
  });

  it('redacting [start, end) removes exactly the value', () => {
    const text = 'Email jo\u200bhn@exam\u2060ple.com or call +1 415-555-0132, card 4111-1111-1111-1111.';
    let redacted = text;
    for (const f of [...scan(text)].sort((a, b) => b.start - a.start)) redacted = `${redacted.slice(0, f.start)}[X]${redacted.slice(f.end)}`;
    expect(redacted).toBe('Email [X] or call [X], card [X].');
  });
});

describe('pii: params', () => {
  it('filters entity types, applies the threshold and the allow list', () => {
    const text = 'jane@example.com and 4111 1111 1111 1111';
    expect(types(text)).toEqual(['EMAIL_ADDRESS', 'CREDIT_CARD']);
    expect(found(text, { entities: ['CREDIT_CARD'] }).map(([t]) => t)).toEqual(['CREDIT_CARD']);
    expect(found(text, { allow: ['JANE@example.com'] }).map(([t]) => t)).toEqual(['CREDIT_CARD']);
    expect(found(text, { threshold: 0.99 })).toEqual([]);
  });

  it('takes extra context words', () => {
    expect(types('member 123456780')).toEqual([]);
    expect(types('member 123456780', { context_words: { US_SSN: ['member'] } })).toContain('US_SSN');
  });

  it('rejects unknown params and entity types', () => {
    expect(() => piiDetector.params.parse({ nope: true })).toThrow();
    expect(() => piiDetector.params.parse({ entities: ['EMAIL'] })).toThrow(/unknown PII entity/);
  });

  it('never puts the value in the reason', () => {
    for (const f of scan('SSN 123-45-6780, jane@example.com, card 4111111111111111')) {
      expect(f.reason).not.toMatch(/123|jane|4111/);
    }
  });

  it('documents every entity type it can report', () => {
    const documented = new Set(piiDetector.entities.map((e) => e.type));
    for (const f of scan('jane@example.com 4111111111111111 192.168.1.1 Dear Jane Doe, 350 Fifth Avenue, New York, NY 10118')) {
      expect(documented.has(f.type)).toBe(true);
    }
  });
});

describe('pii: pathological inputs', () => {
  it('completes on large and hostile texts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => String(4111111111111111 + i)).join(' x ');
    expect(scan(many).length).toBeGreaterThan(0);
    for (const text of ['a'.repeat(200_000), '1 '.repeat(50_000), '\ud800'.repeat(10_000), 'Аа Ββ 中 ٣ '.repeat(10_000)]) {
      expect(Array.isArray(scan(text))).toBe(true);
    }
  });
});
