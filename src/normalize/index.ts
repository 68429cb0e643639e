import { buildBasic, type BasicResult } from './basic.js';
import { findBlobs, type DecodeBudget } from './decode.js';
import { buildDigits } from './digits.js';
import { buildFolded } from './folded.js';
import type { MappedLayer } from './layer.js';
import type { DecodedBlob, Layer, TextView } from './types.js';

export type { DecodedBlob, Layer, TextView } from './types.js';
export { invisibleKind, type InvisibleKind } from './invisible.js';
export { digitValue } from './digits.js';
export { re2Input } from './utf8.js';

export interface NormalizeOptions {
  /** How many encodings deep blobs are decoded (base64 inside base64 …). Default 2. */
  readonly maxDecodeDepth?: number;
  /** Total decoded bytes for this text and everything decoded from it. Default 64 KiB. */
  readonly maxDecodedBytes?: number;
}

const DEFAULT_DEPTH = 2;
const DEFAULT_DECODED_BYTES = 64 * 1024;

/**
 * Each layer is computed on first use and then kept: most detectors read one layer only, and the
 * policy engine builds one view per segment.
 */
class View implements TextView {
  private basicResult?: BasicResult;
  private digitsLayer?: MappedLayer;
  private foldedLayer?: MappedLayer;
  private decodedBlobs?: readonly DecodedBlob[];

  constructor(
    readonly original: string,
    private readonly depth: number,
    private readonly budget: DecodeBudget,
  ) {}

  private get basicRes(): BasicResult {
    this.basicResult ??= buildBasic(this.original);
    return this.basicResult;
  }

  get basic(): Layer {
    return this.basicRes.layer;
  }

  get invisible(): readonly [number, number][] {
    return this.basicRes.invisible;
  }

  get digits(): Layer {
    this.digitsLayer ??= buildDigits(this.basicRes.layer, this.original.length);
    return this.digitsLayer;
  }

  get folded(): Layer {
    this.foldedLayer ??= buildFolded(this.basicRes.layer, this.original.length);
    return this.foldedLayer;
  }

  get decoded(): readonly DecodedBlob[] {
    if (this.decodedBlobs) return this.decodedBlobs;
    if (this.depth <= 0 || this.budget.bytes <= 0) {
      this.decodedBlobs = [];
      return this.decodedBlobs;
    }
    const blobs: DecodedBlob[] = [];
    for (const [start, end, text] of tagRuns(this.original, this.basicRes.invisible)) {
      blobs.push({ start, end, encoding: 'unicode_tags', view: new View(text, this.depth - 1, this.budget) });
    }
    for (const b of findBlobs(this.basicRes.layer, this.budget)) {
      blobs.push({ start: b.start, end: b.end, encoding: b.encoding, view: new View(b.text, this.depth - 1, this.budget) });
    }
    this.decodedBlobs = blobs;
    return this.decodedBlobs;
  }
}

/**
 * Tag characters mirror ASCII (U+E0041 is an invisible "A"): runs of them are hidden text, and
 * the text they spell is handed to the detectors like any decoded blob.
 */
function tagRuns(original: string, invisible: readonly [number, number][]): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const [s, e] of invisible) {
    let text = '';
    let runStart = -1;
    let i = s;
    const flush = (end: number): void => {
      if (text.length >= 2) out.push([runStart, end, text]);
      text = '';
      runStart = -1;
    };
    while (i < e) {
      const cp = original.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      if (cp >= 0xe0020 && cp <= 0xe007e) {
        if (runStart < 0) runStart = i;
        text += String.fromCharCode(cp - 0xe0000);
      } else flush(i);
      i += w;
    }
    flush(e);
  }
  return out;
}

/**
 * A view of `text` with evasions undone. Never throws: any string (lone surrogates, a megabyte of
 * one character, mixed scripts) gets a view, in time linear in its length.
 */
export function normalize(text: string, opts: NormalizeOptions = {}): TextView {
  const depth = Math.max(0, Math.floor(opts.maxDecodeDepth ?? DEFAULT_DEPTH));
  const bytes = Math.max(0, Math.floor(opts.maxDecodedBytes ?? DEFAULT_DECODED_BYTES));
  return new View(typeof text === 'string' ? text : String(text ?? ''), depth, { bytes });
}

/** The `folded` form of a standalone string: keyword lists are folded with this so they match. */
export function fold(text: string): string {
  return normalize(text, { maxDecodeDepth: 0 }).folded.text;
}
