/**
 * A normalized view of one text. Detectors match on a layer's `text` and report offsets in the
 * ORIGINAL text via `toOriginal`, so redaction replaces exactly the original characters.
 */
export interface Layer {
  /** The transformed text detectors match on. */
  readonly text: string;
  /** Map a [start, end) range in `text` back to the original text (always inside it). */
  toOriginal(start: number, end: number): [number, number];
}

export interface DecodedBlob {
  /** Where the encoded blob sits in the original text. */
  readonly start: number;
  readonly end: number;
  /** `unicode_tags`: ASCII hidden as invisible Unicode tag characters (U+E0020–U+E007E). */
  readonly encoding: 'base64' | 'hex' | 'url' | 'unicode_tags';
  /** The decoded content, itself normalized (depth-bounded). Findings in it map to [start, end). */
  readonly view: TextView;
}

export interface TextView {
  readonly original: string;
  /** NFKC, invisible/zero-width/bidi characters removed, confusables folded to Latin. Case kept. */
  readonly basic: Layer;
  /** `basic` plus Unicode digits → ASCII, spelled-out digits → digits, digit groups joined. */
  readonly digits: Layer;
  /** `basic` lower-cased, accents stripped, leetspeak folded: for keyword and injection matching. */
  readonly folded: Layer;
  /** Encoded blobs found in the text and decoded (bounded size and depth). */
  readonly decoded: readonly DecodedBlob[];
  /** Ranges (original offsets) of invisible / bidi-control characters that were removed. */
  readonly invisible: readonly [number, number][];
}
