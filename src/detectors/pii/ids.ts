import { digitAt, luhn, mod11_10, mod97, validDate, verhoeff, weighted } from './checksums.js';

/**
 * Identifier rules, checked against a "compact" candidate: a window of adjacent tokens joined
 * without separators and upper-cased ("078 05 1123" → "078051123"). Each rule states the
 * lengths it accepts, so a candidate only meets the few rules of its length.
 */
export interface IdRule {
  readonly type: string;
  readonly lengths: readonly number[];
  /** Anchored shape test on the compact candidate. */
  readonly shape: RegExp;
  /** Check digits / validity rules beyond the shape. */
  readonly check?: (c: string) => boolean;
  /** Score when the candidate is written bare (no separators, no context). */
  readonly score: number;
  /** Score when it is written with the separators of its usual format. */
  readonly formattedScore?: number;
  /** Words near the value that make it likely (lower-case). */
  readonly context: readonly string[];
  /** The usual written form; a value written with other separators scores lower. */
  readonly format?: RegExp;
  /** Score by value when it varies (a card of a known issuer vs. any Luhn-valid number). */
  readonly scoreOf?: (c: string) => number;
  /** Shape and check see the value with its separators (the HETU century sign is a "-"). */
  readonly raw?: boolean;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const allSame = (c: string): boolean => /^(.)\1*$/.test(c);

// ---- payment ----------------------------------------------------------------------------------
function cardIssuer(c: string): boolean {
  const n2 = Number(c.slice(0, 2));
  const n3 = Number(c.slice(0, 3));
  const n4 = Number(c.slice(0, 4));
  const n6 = Number(c.slice(0, 6));
  const len = c.length;
  if (c[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if ((n2 >= 51 && n2 <= 55) || (n4 >= 2221 && n4 <= 2720)) return len === 16; // Mastercard
  if (n2 === 34 || n2 === 37) return len === 15; // Amex
  if (n4 === 6011 || n2 === 65 || (n3 >= 644 && n3 <= 649) || (n6 >= 622126 && n6 <= 622925)) return len >= 16; // Discover
  if (n4 >= 3528 && n4 <= 3589) return len >= 16; // JCB
  if ((n3 >= 300 && n3 <= 305) || n2 === 36 || n2 === 38 || n2 === 39 || n4 === 3095) return len >= 14; // Diners
  if (n2 === 62 || n2 === 81) return len >= 16; // UnionPay
  if (n2 === 50 || (n2 >= 56 && n2 <= 69)) return len >= 12; // Maestro
  if (n4 >= 2200 && n4 <= 2204) return len === 16; // Mir
  return false;
}

// ---- US ---------------------------------------------------------------------------------------
function ssnValid(c: string): boolean {
  const area = Number(c.slice(0, 3));
  const group = Number(c.slice(3, 5));
  const serial = Number(c.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  // Numbers published in advertising or reserved for examples, never issued to a person.
  if (c === '078051120' || c === '219099999' || c === '123456789' || c === '111111111') return false;
  return !allSame(c);
}

function itinValid(c: string): boolean {
  const g = Number(c.slice(3, 5));
  return c[0] === '9' && ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99));
}

function abaValid(c: string): boolean {
  const p = Number(c.slice(0, 2));
  const prefixOk = p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
  return prefixOk && weighted(c, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0 && !allSame(c);
}

const npiValid = (c: string): boolean => (c[0] === '1' || c[0] === '2') && luhn(`80840${c}`);

// ---- UK ---------------------------------------------------------------------------------------
function nhsValid(c: string): boolean {
  const r = 11 - (weighted(c, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  const check = r === 11 ? 0 : r;
  return check !== 10 && check === digitAt(c, 9) && !allSame(c);
}

// ---- EU national IDs --------------------------------------------------------------------------
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const dniValid = (c: string): boolean => DNI_LETTERS[Number(c.slice(0, 8)) % 23] === c[8];
const nieValid = (c: string): boolean => DNI_LETTERS[Number('XYZ'.indexOf(c[0]!) + c.slice(1, 8)) % 23] === c[8];

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function codiceFiscaleValid(c: string): boolean {
  let s = 0;
  for (let i = 0; i < 15; i++) {
    const ch = c.charCodeAt(i);
    const v = ch <= 57 ? ch - 48 : ch - 65;
    s += i % 2 === 0 ? CF_ODD[v]! : v;
  }
  return String.fromCharCode(65 + (s % 26)) === c[15];
}

function nirValid(c: string): boolean {
  const body = c.slice(0, 13).replace('2A', '19').replace('2B', '18');
  if (!/^\d{13}$/.test(body)) return false;
  const month = Number(c.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  return 97 - Number(BigInt(body) % 97n) === Number(c.slice(13));
}

function steuerIdValid(c: string): boolean {
  if (c[0] === '0' || !mod11_10(c)) return false;
  // The first ten digits hold exactly one digit twice (or thrice), the rest once or not at all.
  const counts = new Map<string, number>();
  for (const ch of c.slice(0, 10)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  return repeated.length === 1 && repeated[0]! <= 3;
}

/** German ID card / passport serial: 9 characters, last is a 7-3-1 check digit. */
function deDocValid(c: string): boolean {
  const w = [7, 3, 1];
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const ch = c.charCodeAt(i);
    s += (ch <= 57 ? ch - 48 : ch - 55) * w[i % 3]!;
  }
  return s % 10 === digitAt(c, 8);
}

const bsnValid = (c: string): boolean => !allSame(c) && (weighted(c, [9, 8, 7, 6, 5, 4, 3, 2]) - digitAt(c, 8)) % 11 === 0;

function peselValid(c: string): boolean {
  const s = weighted(c, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
  if ((10 - (s % 10)) % 10 !== digitAt(c, 10)) return false;
  const m = Number(c.slice(2, 4)) % 20;
  return validDate(2000, m, Number(c.slice(4, 6))) && !allSame(c);
}

function personnummerValid(c: string): boolean {
  const t = c.length === 12 ? c.slice(2) : c;
  if (c.length === 12 && !/^(18|19|20)/.test(c)) return false;
  const day = Number(t.slice(4, 6));
  return validDate(2000, Number(t.slice(2, 4)), day > 60 ? day - 60 : day) && luhn(t);
}

const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
function hetuValid(c: string): boolean {
  if (!validDate(2000, Number(c.slice(2, 4)), Number(c.slice(0, 2)))) return false;
  return HETU_CHECK[Number(c.slice(0, 6) + c.slice(7, 10)) % 31] === c[10];
}

function cnIdValid(c: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432'[weighted(c, w) % 11];
  return check === c[17] && validDate(Number(c.slice(6, 10)), Number(c.slice(10, 12)), Number(c.slice(12, 14)));
}

function trIdValid(c: string): boolean {
  if (c[0] === '0') return false;
  const d = (i: number): number => digitAt(c, i);
  const odd = d(0) + d(2) + d(4) + d(6) + d(8);
  const even = d(1) + d(3) + d(5) + d(7);
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  return d10 === d(9) && (odd + even + d(9)) % 10 === d(10);
}

function krRrnValid(c: string): boolean {
  if (!validDate(2000, Number(c.slice(2, 4)), Number(c.slice(4, 6)))) return false;
  const s = weighted(c, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
  return (11 - (s % 11)) % 10 === digitAt(c, 12);
}

function zaIdValid(c: string): boolean {
  return validDate(2000, Number(c.slice(2, 4)), Number(c.slice(4, 6))) && (c[10] === '0' || c[10] === '1') && luhn(c);
}

/** Province codes in digits 2–3 of a Thai ID. */
const TH_PROVINCE = /^(?:1\d|2[0-7]|[34]\d|5[0-8]|6[0-7]|7[0-7]|8[0-6]|9[0-6])$/;
function thIdValid(c: string): boolean {
  if (c[0] === '0' || c[0] === '9' || !TH_PROVINCE.test(c.slice(1, 3))) return false;
  const s = weighted(c, [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return (11 - (s % 11)) % 10 === digitAt(c, 12);
}

function sgNricValid(c: string): boolean {
  const s = weighted(c.slice(1), [2, 7, 6, 5, 4, 3, 2]) + (c[0] === 'T' || c[0] === 'G' ? 4 : c[0] === 'M' ? 3 : 0);
  const table = c[0] === 'S' || c[0] === 'T' ? 'JZIHGFEDCBA' : c[0] === 'M' ? 'KLJNPQRTUWX' : 'XWUTRQPNMLK';
  return table[s % 11] === c[8];
}

const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};
export function ibanValid(c: string): boolean {
  if (IBAN_LENGTHS[c.slice(0, 2)] !== c.length) return false;
  return mod97(c.slice(4) + c.slice(0, 4)) === 1;
}

function deVatValid(c: string): boolean {
  return mod11_10(c.slice(2));
}

const NINO_BAD_PREFIX = /^(?:BG|GB|NK|KN|TN|NT|ZZ|[DFIQUV].|.[DFIOQUV])/;
const ninoValid = (c: string): boolean => !NINO_BAD_PREFIX.test(c);

const CARD = ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'cc', 'cvv', 'payment', 'pay', 'expiry'];
const SSN = ['ssn', 'social security', 'social sec', 'ss#', 'ss number', 'ssn#'];
const TAX = ['tax', 'tin', 'itin', 'taxpayer', 'tax id', 'steuer', 'fiscal'];
const PASSPORT = ['passport', 'pasaporte', 'passeport', 'reisepass', 'passaporto', 'travel document', 'pass-nr', 'pass nr'];
const LICENSE = ['driver', 'driving', 'licence', 'license', 'dl', 'dl#', 'führerschein', 'fuhrerschein', 'permis', 'patente'];
const ID = ['id', 'identity', 'national id', 'citizen', 'personal id', 'id number', 'identification'];
const HEALTH = ['nhs', 'health', 'patient', 'medical', 'medicare', 'insurance', 'krankenkasse', 'kvnr', 'versicherung', 'npi', 'provider'];
const BANK = ['bank', 'account', 'acct', 'routing', 'aba', 'iban', 'wire', 'transfer', 'swift', 'bic', 'checking', 'savings'];

export const ID_RULES: readonly IdRule[] = [
  { type: 'CREDIT_CARD', lengths: range(12, 19), shape: /^\d+$/, check: (c) => !allSame(c) && luhn(c), score: 0.85, scoreOf: (c) => (cardIssuer(c) ? 0.85 : 0.3), context: CARD, format: /^(?:\d{4}([ .-]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -]?)\d{6}\2\d{4,5})$/ },
  { type: 'IBAN_CODE', lengths: range(15, 32), shape: /^[A-Z]{2}\d{2}[A-Z0-9]+$/, check: ibanValid, score: 0.95, context: BANK , format: /^[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4})+(?:[ -]?[A-Z0-9]{1,4})?$/i },
  { type: 'US_SSN', lengths: [9], shape: /^\d{9}$/, check: ssnValid, score: 0.4, formattedScore: 0.6, context: SSN , format: /^\d{3}([ .-])\d{2}\1\d{4}$/ },
  { type: 'US_ITIN', lengths: [9], shape: /^9\d{8}$/, check: itinValid, score: 0.4, formattedScore: 0.65, context: [...TAX, 'individual taxpayer'] , format: /^\d{3}([ .-])\d{2}\1\d{4}$/ },
  { type: 'ABA_ROUTING_NUMBER', lengths: [9], shape: /^\d{9}$/, check: abaValid, score: 0.35, formattedScore: 0.55, context: BANK , format: /^\d{4}-\d{4}-\d$/ },
  { type: 'US_BANK_NUMBER', lengths: range(8, 17), shape: /^\d+$/, check: (c) => !allSame(c), score: 0.05, context: BANK },
  { type: 'US_NPI', lengths: [10], shape: /^[12]\d{9}$/, check: npiValid, score: 0.35, formattedScore: 0.5, context: HEALTH , format: /^\d{4}[ -]\d{3}[ -]\d{3}$/ },
  { type: 'US_PASSPORT', lengths: [9], shape: /^(?:[A-Z]\d{8}|\d{9})$/, score: 0.05, context: PASSPORT },
  { type: 'US_DRIVER_LICENSE', lengths: range(7, 13), shape: /^[A-Z]{1,2}\d{5,12}$/, score: 0.05, context: LICENSE },
  { type: 'US_MBI', lengths: [11], shape: /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/, score: 0.5, formattedScore: 0.7, context: HEALTH , format: /^[A-Z0-9]{4}-?[A-Z0-9]{3}-?[A-Z0-9]{4}$/i },
  { type: 'UK_NHS', lengths: [10], shape: /^\d{10}$/, check: nhsValid, score: 0.35, formattedScore: 0.55, context: HEALTH , format: /^\d{3}([ -])\d{3}\1\d{4}$/ },
  { type: 'UK_NINO', lengths: [9], shape: /^[A-Z]{2}\d{6}[A-D]$/, check: ninoValid, score: 0.6, formattedScore: 0.75, context: ['national insurance', 'nino', 'ni number', 'insurance'] , format: /^[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i },
  { type: 'UK_PASSPORT', lengths: [9], shape: /^[A-Z]{2}\d{7}$/, score: 0.3, context: PASSPORT },
  { type: 'UK_DRIVING_LICENCE', lengths: [16], shape: /^[A-Z9]{5}\d[0156]\d[0-3]\d{2}[A-Z9]{2}\d[A-Z]{2}$/, score: 0.6, context: LICENSE },
  { type: 'ES_NIF', lengths: [8, 9], shape: /^\d{7,8}[A-Z]$/, check: (c) => dniValid(c.padStart(9, '0')), score: 0.7, context: ['dni', 'nif', 'documento', 'identidad', ...ID] , format: /^\d{8}-?[A-Z]$/i },
  { type: 'ES_NIE', lengths: [9], shape: /^[XYZ]\d{7}[A-Z]$/, check: nieValid, score: 0.8, context: ['nie', 'extranjero', ...ID] , format: /^[XYZ]-?\d{7}-?[A-Z]$/i },
  { type: 'ES_PASSPORT', lengths: [9], shape: /^[A-Z]{3}\d{6}$/, score: 0.35, context: PASSPORT },
  { type: 'IT_FISCAL_CODE', lengths: [16], shape: /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/, check: codiceFiscaleValid, score: 0.9, context: ['codice fiscale', 'fiscal', 'cf'] },
  { type: 'IT_DRIVER_LICENSE', lengths: [10], shape: /^(?:U1|[A-Z]{2}\d)[A-Z0-9]{7}[A-Z]$/, check: (c) => /\d.*\d/.test(c), score: 0.5, context: LICENSE },
  { type: 'FR_NIR', lengths: [15], shape: /^[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2A|2B)\d{8}$/, check: nirValid, score: 0.8, context: ['securite sociale', 'sécurité sociale', 'insee', 'nir', 'carte vitale'] },
  { type: 'DE_TAX_ID', lengths: [11], shape: /^[1-9]\d{10}$/, check: steuerIdValid, score: 0.45, formattedScore: 0.6, context: ['steuer', 'steuer-id', 'steuerid', 'idnr', 'identifikationsnummer', ...TAX] , format: /^\d{2} ?\d{3} ?\d{3} ?\d{3}$/ },
  { type: 'DE_ID_CARD', lengths: [9], shape: /^[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}\d$/, check: deDocValid, score: 0.55, context: ['ausweis', 'personalausweis', 'id card', ...PASSPORT] },
  { type: 'DE_VAT_ID', lengths: [11], shape: /^DE\d{9}$/, check: deVatValid, score: 0.75, context: ['ust', 'vat', 'umsatzsteuer'] },
  { type: 'DE_HEALTH_INSURANCE', lengths: [10], shape: /^[A-Z]\d{9}$/, check: kvnrValid, score: 0.55, context: HEALTH },
  { type: 'NL_BSN', lengths: [9], shape: /^\d{9}$/, check: bsnValid, score: 0.3, context: ['bsn', 'burgerservicenummer', 'sofinummer'] },
  { type: 'PL_PESEL', lengths: [11], shape: /^\d{11}$/, check: peselValid, score: 0.55, context: ['pesel'] , format: /^\d{11}$/ },
  { type: 'SE_PERSONNUMMER', lengths: [10, 12], shape: /^\d+$/, check: personnummerValid, score: 0.55, formattedScore: 0.7, context: ['personnummer', 'pnr', 'personnr'] , format: /^(?:\d{2})?\d{6}[-+]\d{4}$/ },
  { type: 'FI_PERSONAL_IDENTITY_CODE', raw: true, lengths: [11], shape: /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/, check: hetuValid, score: 0.85, context: ['hetu', 'henkilötunnus', 'henkilotunnus'] },
  { type: 'CN_RESIDENT_ID', lengths: [18], shape: /^[1-9]\d{16}[\dX]$/, check: cnIdValid, score: 0.9, context: ['身份证', 'resident', ...ID] , format: /^\d{6} ?\d{8} ?\d{3}[\dX]$/i },
  { type: 'KR_RRN', lengths: [13], shape: /^\d{6}[1-8]\d{6}$/, check: krRrnValid, score: 0.65, formattedScore: 0.8, context: ['rrn', '주민등록', 'resident registration'] , format: /^\d{6}-\d{7}$/ },
  { type: 'ZA_ID_NUMBER', lengths: [13], shape: /^\d{13}$/, check: zaIdValid, score: 0.55, context: ['rsa id', 'sa id', 'identity', 'id number'] , format: /^\d{6} \d{4} \d{3}$/ },
  { type: 'TH_TNIN', lengths: [13], shape: /^\d{13}$/, check: thIdValid, score: 0.5, context: ['เลขประจำตัวประชาชน', 'เลขบัตรประชาชน', 'thai', ...ID] , format: /^\d[ -]\d{4}[ -]\d{5}[ -]\d{2}[ -]\d$/ },
  { type: 'TR_NATIONAL_ID', lengths: [11], shape: /^\d{11}$/, check: trIdValid, score: 0.55, context: ['kimlik', 'tc', 't.c.', ...ID] , format: /^\d{11}$/ },
  { type: 'IN_AADHAAR', lengths: [12], shape: /^[2-9]\d{11}$/, check: (c) => verhoeff(c) && !allSame(c.slice(1)), score: 0.55, formattedScore: 0.7, context: ['aadhaar', 'aadhar', 'uid', 'uidai'] , format: /^\d{4}([ -])\d{4}\1\d{4}$/ },
  { type: 'IN_PAN', lengths: [10], shape: /^[A-Z]{5}\d{4}[A-Z]$/, score: 0.4, scoreOf: (c) => (/^[A-Z]{3}[ABCFGHLJPTEK]/.test(c) ? 0.6 : 0.5), context: ['pan', 'permanent account', 'income tax'] , format: /^[A-Z0-9]{10}$/i },
  { type: 'IN_GSTIN', lengths: [15], shape: /^(?:0[1-9]|[12]\d|3[0-8])[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, score: 0.7, context: ['gst', 'gstin'] , format: /^[A-Z0-9]{15}$/i },
  { type: 'SG_NRIC_FIN', lengths: [9], shape: /^[STFGM]\d{7}[A-Z]$/, check: sgNricValid, score: 0.75, context: ['nric', 'fin', ...ID] , format: /^[A-Z0-9]{9}$/i },
  { type: 'AU_TFN', lengths: [9], shape: /^\d{9}$/, check: (c) => weighted(c, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0 && !allSame(c), score: 0.2, formattedScore: 0.55, context: ['tfn', 'tax file', ...TAX] , format: /^\d{3} \d{3} \d{3}$/ },
  { type: 'CA_SIN', lengths: [9], shape: /^[1-79]\d{8}$/, check: luhn, score: 0.3, formattedScore: 0.45, context: ['sin', 'social insurance', 'nas'] , format: /^\d{3}([ -])\d{3}\1\d{3}$/ },
  { type: 'UK_VEHICLE_REGISTRATION', lengths: [7], shape: /^[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[12]\d|5[1-9]|[67]\d)[A-HJ-PR-Z]{3}$/, check: (c) => !/[IQ]/.test(c.slice(4)), score: 0.5, context: ['registration', 'reg', 'plate', 'number plate', 'vehicle', 'car'], format: /^[A-Z]{2}\d{2} ?[A-Z]{3}$/i },
  { type: 'KR_PASSPORT', lengths: [9], shape: /^[MSROD](?:\d{8}|\d{3}[A-Z]\d{4})$/, score: 0.5, context: ['passport', '여권'], format: /^[A-Z0-9]{9}$/ },
  { type: 'SE_ORGANISATIONSNUMMER', lengths: [10], shape: /^[1235789]\d[2-9]\d{7}$/, check: luhn, score: 0.4, formattedScore: 0.65, context: ['organisationsnummer', 'orgnr', 'orgnummer', 'company'], format: /^\d{6}-\d{4}$/ },
  { type: 'KR_BRN', lengths: [10], shape: /^\d{10}$/, check: krBrnValid, score: 0.4, formattedScore: 0.6, context: ['사업자', 'business registration', 'brn'], format: /^\d{3}-\d{2}-\d{5}$/ },
  { type: 'KR_DRIVER_LICENSE', lengths: [12], shape: /^(?:1[1-9]|2[0-8])\d{10}$/, score: 0.3, formattedScore: 0.6, context: LICENSE, format: /^\d{2}([ -])\d{2}\1\d{6}\1\d{2}$/ },
  { type: 'SG_UEN', lengths: [9, 10], shape: /^(?:\d{8}|(?:19|20)\d{7})[A-Z]$/, check: uenValid, score: 0.5, context: ['uen', 'company', 'business'] },
  { type: 'SG_UEN', lengths: [10], shape: /^[RST]\d{2}(?:LP|LL|FC|PF|RF|MQ|MM|NB|CC|CS|MB|FM|GS|DP|CP|NR|CM|CD|MD|HS|VH|CH|MH|CL|XL|CX|HC|RP|TU|TC|FB|FN|PA|PB|SS|MC|SM|GA|GB)\d{4}[A-Z]$/, score: 0.5, context: ['uen', 'company', 'business'] },
  { type: 'IN_VOTER', lengths: [10], shape: /^[A-Z]{3}\d{7}$/, score: 0.5, context: ['voter', 'epic', 'election'], format: /^[A-Z]{3}\d{7}$/i },
  { type: 'IN_VEHICLE_REGISTRATION', lengths: range(8, 10), shape: /^(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|TN|TR|TS|UK|UP|WB)\d{2}[A-Z]{1,3}\d{4}$/, score: 0.5, context: ['vehicle', 'registration', 'car', 'number plate'] },
  { type: 'NG_VEHICLE_REGISTRATION', lengths: [8], shape: /^[A-Z]{3}\d{3}[A-Z]{2}$/, score: 0.5, context: ['plate', 'vehicle', 'registration'], format: /^[A-Z]{3}[ -]?\d{3}[A-Z]{2}$/i },
  { type: 'TR_LICENSE_PLATE', lengths: range(5, 9), shape: /^(?:0[1-9]|[1-7]\d|8[01])(?:[A-PR-VYZ]\d{4,5}|[A-PR-VYZ]{2}\d{3,4}|[A-PR-VYZ]{3}\d{2,4})$/, score: 0.5, context: ['plaka', 'plate', 'araç', 'vehicle'], format: /^\d{2} ?[A-Z]{1,3} ?\d{2,5}$/i },
  { type: 'KR_FRN', lengths: [13], shape: /^\d{6}[5-8]\d{6}$/, check: (c) => validDate(2000, Number(c.slice(2, 4)), Number(c.slice(4, 6))), score: 0.45, formattedScore: 0.65, context: ['frn', 'foreign registration', '외국인'], format: /^\d{6}-\d{7}$/ },
  { type: 'AU_ACN', lengths: [9], shape: /^\d{9}$/, check: acnValid, score: 0.35, formattedScore: 0.55, context: ['acn', 'company number', 'australian company'], format: /^\d{3} \d{3} \d{3}$/ },
  { type: 'AU_ABN', lengths: [11], shape: /^[1-9]\d{10}$/, check: abnValid, score: 0.45, formattedScore: 0.65, context: ['abn', 'business number'], format: /^\d{2} \d{3} \d{3} \d{3}$/ },
  { type: 'DE_TAX_NUMBER', raw: true, lengths: range(12, 14), shape: /^\d{2,3}\/\d{3,4}\/\d{4,5}$/, score: 0.55, context: ['steuernummer', 'st.-nr', 'stnr', 'finanzamt'] },
  { type: 'DE_TAX_NUMBER', lengths: [13], shape: /^\d{13}$/, score: 0.05, context: ['steuernummer', 'st.-nr', 'stnr', 'finanzamt'] },
  { type: 'IN_PASSPORT', lengths: [8], shape: /^[A-PR-WY][1-9]\d{6}$/, score: 0.1, context: PASSPORT },
  { type: 'BE_NATIONAL_NUMBER', lengths: [11], shape: /^\d{11}$/, check: beNnValid, score: 0.45, formattedScore: 0.75, context: ['rijksregisternummer', 'registre national', 'national number', 'nn'], format: /^\d{2}[.]?\d{2}[.]?\d{2}[-. ]?\d{3}[.]?\d{2}$/ },
  { type: 'DK_CPR', lengths: [10], shape: /^\d{10}$/, check: (c) => validDate(2000, Number(c.slice(2, 4)), Number(c.slice(0, 2))), score: 0.2, formattedScore: 0.5, context: ['cpr', 'personnummer', 'cpr-nummer'], format: /^\d{6}-\d{4}$/ },
  { type: 'AT_SVNR', lengths: [10], shape: /^[1-9]\d{9}$/, check: svnrValid, score: 0.4, formattedScore: 0.6, context: ['sozialversicherung', 'svnr', 'versicherungsnummer', 'e-card'], format: /^\d{4} ?\d{6}$/ },
  { type: 'PT_NIF', lengths: [9], shape: /^[1235689]\d{8}$/, check: ptNifValid, score: 0.25, formattedScore: 0.35, context: ['nif', 'contribuinte', 'fiscal'], format: /^\d{3} \d{3} \d{3}$/ },
  { type: 'IE_PPSN', lengths: [8, 9], shape: /^\d{7}[A-W][A-IW]?$/, check: ppsnValid, score: 0.6, context: ['ppsn', 'pps', 'personal public service'] },
  { type: 'MEDICAL_RECORD_NUMBER', lengths: range(6, 12), shape: /^[A-Z]{0,3}\d{6,10}$/, score: 0.05, context: ['mrn', 'medical record', 'patient id', 'chart number'] },
  { type: 'HEALTH_PLAN_ID', lengths: range(8, 15), shape: /^[A-Z]{0,4}\d{6,12}$/, score: 0.05, context: ['member id', 'health plan', 'insurance id', 'policy number', 'subscriber id', 'group number'] },
  { type: 'DE_POSTAL_CODE', lengths: [5], shape: /^(?:0[1-9]|[1-9]\d)\d{3}$/, score: 0.05, context: ['plz', 'postleitzahl'] },
];

function krBrnValid(c: string): boolean {
  const s = weighted(c, [1, 3, 7, 1, 3, 7, 1, 3, 5]) + Math.floor((digitAt(c, 8) * 5) / 10);
  return (10 - (s % 10)) % 10 === digitAt(c, 9) && !allSame(c);
}

/** Singapore UEN check letters: businesses (8 digits) and local companies (year + 5 digits). */
function uenValid(c: string): boolean {
  if (c.length === 9) return 'XMKECAWLJDB'[weighted(c, [10, 4, 9, 3, 8, 2, 7, 1]) % 11] === c[8];
  return 'ZKCMDNERGWH'[weighted(c, [10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11] === c[9];
}

function acnValid(c: string): boolean {
  const check = (10 - (weighted(c, [8, 7, 6, 5, 4, 3, 2, 1]) % 10)) % 10;
  return check === digitAt(c, 8);
}

function abnValid(c: string): boolean {
  const d = String(digitAt(c, 0) - 1) + c.slice(1);
  return weighted(d, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) % 89 === 0;
}

function beNnValid(c: string): boolean {
  // Birth date first; "bis" numbers add 20 or 40 to the month, 00 means unknown.
  const month = Number(c.slice(2, 4)) % 20;
  const day = Number(c.slice(4, 6));
  if (month > 12 || day > 31 || (month === 0) !== (day === 0)) return false;
  const body = Number(c.slice(0, 9));
  const check = Number(c.slice(9));
  // People born from 2000 on have a "2" put in front of the nine digits for the check.
  return 97 - (body % 97) === check || 97 - ((2_000_000_000 + body) % 97) === check;
}

function svnrValid(c: string): boolean {
  if (!validDate(2000, Number(c.slice(6, 8)), Number(c.slice(4, 6)))) return false;
  const s = weighted(c, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11;
  return s !== 10 && s === digitAt(c, 3);
}

function ptNifValid(c: string): boolean {
  const r = weighted(c, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
  return (r < 2 ? 0 : 11 - r) === digitAt(c, 8) && !allSame(c);
}

function ppsnValid(c: string): boolean {
  let s = weighted(c, [8, 7, 6, 5, 4, 3, 2]);
  if (c.length === 9 && c[8] !== 'W') s += (c.charCodeAt(8) - 64) * 9;
  const r = s % 23;
  return (r === 0 ? 'W' : String.fromCharCode(64 + r)) === c[7];
}

function kvnrValid(c: string): boolean {
  const letter = String(c.charCodeAt(0) - 64).padStart(2, '0');
  const digits = letter + c.slice(1, 9);
  let s = 0;
  for (let i = 0; i < 10; i++) {
    const p = digitAt(digits, i) * (i % 2 === 0 ? 1 : 2);
    s += p > 9 ? p - 9 : p;
  }
  return s % 10 === digitAt(c, 9);
}

/** Rules by compact length, so a candidate is tried only against rules that could fit it. */
function byLength(raw: boolean): ReadonlyMap<number, readonly IdRule[]> {
  const m = new Map<number, IdRule[]>();
  for (const r of ID_RULES) if (Boolean(r.raw) === raw) for (const len of r.lengths) m.set(len, [...(m.get(len) ?? []), r]);
  return m;
}
export const RULES_BY_LENGTH = byLength(false);
/** Rules whose value keeps its separators, by the length of the written value. */
export const RAW_RULES_BY_LENGTH = byLength(true);
