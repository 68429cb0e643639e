/**
 * Characters that render as nothing (or only steer rendering) and are used to hide text from
 * filters: zero-width characters, bidi controls (Trojan Source), soft hyphens, Unicode tag
 * characters (ASCII smuggling) and variation selectors (data smuggled after an emoji).
 */
export type InvisibleKind =
  | 'ZERO_WIDTH'
  | 'BIDI_CONTROL'
  | 'TAG_CHARACTERS'
  | 'SOFT_HYPHEN'
  | 'VARIATION_SELECTOR'
  | 'OTHER_INVISIBLE';

export function invisibleKind(cp: number): InvisibleKind | null {
  if (cp < 0xad) return null;
  if (cp === 0xad) return 'SOFT_HYPHEN';
  if (cp >= 0x200b && cp <= 0x200d) return 'ZERO_WIDTH';
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'BIDI_CONTROL';
  if (cp >= 0x202a && cp <= 0x202e) return 'BIDI_CONTROL';
  if (cp >= 0x2066 && cp <= 0x2069) return 'BIDI_CONTROL';
  if (cp === 0x2060 || cp === 0xfeff) return 'ZERO_WIDTH';
  if (cp >= 0x2061 && cp <= 0x2064) return 'OTHER_INVISIBLE';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'TAG_CHARACTERS';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'VARIATION_SELECTOR';
  if (cp === 0x034f || cp === 0x180e || cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) {
    return 'OTHER_INVISIBLE';
  }
  if (cp === 0x17b4 || cp === 0x17b5 || (cp >= 0x180b && cp <= 0x180d) || cp === 0x180f) return 'OTHER_INVISIBLE';
  return null;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Emoji_Modifier}/u;

/**
 * Some invisible characters have everyday, legitimate uses: a joiner inside an emoji sequence,
 * ZWNJ/ZWJ and direction marks in Persian, Arabic, Hebrew or Indic words, U+FE0F after an
 * emoji. They are still removed from the view, but not reported as hidden text.
 */
export function isBenignInvisible(cp: number, prevCp: number, nextCp: number): boolean {
  const kind = invisibleKind(cp);
  if (kind === 'VARIATION_SELECTOR') {
    if (cp !== 0xfe0e && cp !== 0xfe0f) return false;
    return prevCp >= 0 && (PICTOGRAPHIC.test(String.fromCodePoint(prevCp)) || prevCp < 0x80 || prevCp > 0x2000);
  }
  if (cp === 0x200c || cp === 0x200d || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
    if (prevCp < 0) return false;
    const prev = String.fromCodePoint(prevCp);
    if (PICTOGRAPHIC.test(prev) || prevCp === 0xfe0f) return nextCp >= 0 && PICTOGRAPHIC.test(String.fromCodePoint(nextCp));
    // Joiners and marks are part of the spelling of many non-Latin scripts.
    return prevCp > 0x058f && prevCp < 0x2000 && /\p{L}|\p{M}/u.test(prev);
  }
  return false;
}
