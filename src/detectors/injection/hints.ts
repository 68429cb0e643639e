/**
 * Candidate finders for the few signal patterns that contain no literal word to anchor on (letters
 * split by separators). Each reports, cheaply, positions such that every match of its pattern lies
 * within the scanner's window around one of them (or a run of merged windows); the RE2 pattern
 * then decides. Both are linear and skip most of the text.
 */

const isLower = (c: number): boolean => c >= 97 && c <= 122;
/** The separators of `(?:[a-z][.*_/|+-]){8,}[a-z]`. */
const isSep = (c: number): boolean => c === 46 || c === 42 || c === 95 || c === 47 || c === 124 || c === 43 || c === 45;

/**
 * "i.g.n.o.r.e" and "\\i\\g\\n…". A match of the first alternates letter and separator for at
 * least 17 characters, so among any 8 consecutive offsets one starts a letter-separator-letter or
 * separator-letter-separator triple inside it; a match of the second has a backslash in every
 * three UTF-16 units for at least 20. Sampling every 8th offset finds every run; runs longer than
 * a window are reported at every sample and their windows merge.
 */
export function interleavedRuns(text: string, at: (pos: number) => void): void {
  for (let q = 0; q < text.length; q += 8) {
    const a = text.charCodeAt(q);
    const b = text.charCodeAt(q + 1);
    const c = text.charCodeAt(q + 2);
    if (a === 92 || b === 92 || c === 92 || (isLower(a) && isSep(b) && isLower(c)) || (isSep(a) && isLower(b) && isSep(c))) at(q);
  }
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * "p w n e d", "p.w.n.e.d": every match has a "p" followed, past at most two non-alphanumeric
 * characters, by a "w". Up to four UTF-16 units are allowed between them, as two astral
 * characters take four.
 */
export function spacedPwned(text: string, at: (pos: number) => void): void {
  for (let i = text.indexOf('p'); i >= 0; i = text.indexOf('p', i + 1)) {
    for (let j = i + 1; j <= i + 5 && j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 119) {
        at(i);
        break;
      }
      if (isAlnum(c)) break;
    }
  }
}
