import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import RE2 from 're2';

export interface PhoneMatch {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

/** Digits with the punctuation phone numbers are written with; at least 7 digits. */
const CANDIDATE = new RE2('\\+?\\(?\\d(?:[ \\-./()]{0,2}\\d){6,15}', 'g');
/** Regions tried, in order, for numbers written without a country code. */
const REGIONS: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN', 'ES', 'IT', 'NL', 'BR', 'CN', 'AU', 'PH', 'TR', 'MX', 'SE', 'PL', 'CH', 'JP'];
const MAX_PARSES = 2000;

/**
 * Phone numbers in international or national format, validated with libphonenumber. A number
 * written with a country code or with phone punctuation is likelier than a bare digit run,
 * which only scores high with context (added by the caller).
 */
export function scanPhones(text: string): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  let parses = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    // Part of a longer token, a time stamp or a dotted address: not a phone number.
    const before = text[m.index - 1] ?? '';
    if (/[A-Za-z0-9_:.-]/.test(before)) continue;
    const after = text[m.index + m[0].length] ?? '';
    if (/[A-Za-z0-9:]/.test(after) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(m[0])) continue;
    let value = m[0];
    if (value.startsWith('(') && !value.includes(')')) value = value.slice(1);
    const start = m.index + (m[0].length - value.length);
    const digits = value.replace(/\D/g, '');
    if (digits.length > 15) continue;
    const intl = value.startsWith('+') || (digits.startsWith('00') && digits.length > 9);
    const formatted = /[ \-./()]/.test(value);
    if (intl) {
      if (parses++ > MAX_PARSES) break;
      const p = parsePhoneNumberFromString(value.startsWith('+') ? value : `+${digits.slice(2)}`);
      if (p?.isValid()) out.push({ start, end: start + value.length, score: 0.75 });
      continue;
    }
    // The best reading over the common regions: a number valid in one region and written the
    // way another region groups its numbers is still a phone number.
    let best = 0;
    for (const region of REGIONS) {
      if (parses++ > MAX_PARSES) return out;
      const p = parsePhoneNumberFromString(value, region);
      if (!p?.isValid()) continue;
      const grouped = formatted && sameGrouping(value, p.formatNational());
      // A bare run that is a valid mobile number with its trunk prefix is still quite likely.
      const mobile = !formatted && digits.length >= 10 && digits.startsWith('0') && p.getType() === 'MOBILE';
      const score = grouped ? (digits.startsWith('0') || value.includes('(') ? 0.6 : 0.55) : formatted ? 0.4 : mobile ? 0.5 : 0.3;
      best = Math.max(best, score);
      if (best >= 0.55) break;
    }
    if (best > 0) out.push({ start, end: start + value.length, score: best });
  }
  return out;
}

/** Lengths of the digit groups of a written number. */
function groups(s: string): string {
  return (s.match(/\d+/g) ?? []).map((g) => g.length).join(',');
}

function sameGrouping(written: string, national: string): boolean {
  const w = groups(written);
  const n = groups(national);
  // A written trunk "0" may be kept or dropped relative to the national form.
  return w === n || w.replace(/^(\d+)/, (x) => String(Number(x) - 1)) === n || n.replace(/^(\d+)/, (x) => String(Number(x) - 1)) === w;
}
