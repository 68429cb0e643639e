import RE2 from 're2';
import { validDate } from './checksums.js';

export interface DateMatch {
  readonly type: 'DATE_OF_BIRTH' | 'DATE_TIME';
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

const MONTH_NAMES =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)';
const DATES = new RE2(
  [
    /* 1 ISO */ '(\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b)',
    /* 2 numeric d/m/y or m/d/y */ '(\\b\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})\\b)',
    /* 3 day month year */ `(?i:(\\b\\d{1,2}(?:st|nd|rd|th|\\.)?(?:\\s+|-)(?:of\\s+)?${MONTH_NAMES}\\.?(?:,?\\s+|-)\\d{4}\\b))`,
    /* 4 month day year */ `(?i:(\\b${MONTH_NAMES}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b))`,
    /* 6 day month, no year */ `(?i:(\\b\\d{1,2}(?:st|nd|rd|th)?[\\s-](?:of\\s+)?${MONTH_NAMES}\\b))`,
    /* 5 month/year or month/day */ '(\\b(?:0?[1-9]|1[0-2])/(?:\\d{2}|\\d{4})\\b)',
  ].join('|'),
  'g',
);
const BIRTH =
  /\b(?:born|birth|birthday|birthdate|dob|d\.o\.b|date of birth|geboren|geburtsdatum|né|née|nacido|nacida|fecha de nacimiento|data di nascita|nato|nata|date de naissance|age[ds]?)\b/i;

function plausible(v: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const num = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(v);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    const y = Number(num[3].length === 2 ? `20${num[3]}` : num[3]);
    return validDate(y, a, b) || validDate(y, b, a);
  }
  return true;
}

/** Dates; a date next to birth context is a DATE_OF_BIRTH, any other a DATE_TIME. */
export function scanDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  DATES.lastIndex = 0;
  for (let m = DATES.exec(text); m !== null; m = DATES.exec(text)) {
    if (!plausible(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    const around = text.slice(Math.max(0, start - 50), Math.min(text.length, end + 15));
    const weak = m[5] !== undefined || m[6] !== undefined;
    if (BIRTH.test(around)) out.push({ type: 'DATE_OF_BIRTH', start, end, score: weak ? 0.6 : 0.85 });
    else out.push({ type: 'DATE_TIME', start, end, score: weak ? 0.5 : 0.6 });
  }
  return out;
}

