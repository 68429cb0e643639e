import type { ScanInput, Segment } from '../detectors/types.js';
import type { Layer, TextView } from '../normalize/types.js';

export type Normalizer = (text: string) => TextView;

function identityLayer(text: string): Layer {
  return { text, toOriginal: (s, e) => [s, e] };
}

/** A view with no evasions undone: used when no normalizer is wired in (and in small tests). */
export function plainView(text: string): TextView {
  const layer = identityLayer(text);
  return { original: text, basic: layer, digits: layer, folded: identityLayer(text.toLowerCase()), decoded: [], invisible: [] };
}

/** Segments → scan inputs whose view is normalized on first use, once, then shared by all detectors. */
export function scanInputs(segments: readonly Segment[], normalize: Normalizer): ScanInput[] {
  return segments.map((segment, index) => {
    let view: TextView | undefined;
    return {
      index,
      segment,
      get view(): TextView {
        return (view ??= normalize(segment.text));
      },
    };
  });
}

/** A decoded blob as its own scan input; findings in it map to [start, end) of the segment. */
export interface BlobInput {
  readonly input: ScanInput;
  readonly owner: number;
  readonly start: number;
  readonly end: number;
  readonly encoding: string;
}

const MAX_BLOBS = 256;

/** Every decoded blob of every segment, nested ones mapped to their outermost range. */
export function blobInputs(inputs: readonly ScanInput[]): BlobInput[] {
  const out: BlobInput[] = [];
  const visit = (view: TextView, seg: Segment, owner: number, range: [number, number] | undefined, depth: number): void => {
    if (depth > 4) return;
    for (const b of view.decoded) {
      if (out.length >= MAX_BLOBS) return;
      const r: [number, number] = range ?? [b.start, b.end];
      out.push({
        input: { index: out.length, segment: { ...seg, text: b.view.original }, view: b.view },
        owner,
        start: r[0],
        end: r[1],
        encoding: b.encoding,
      });
      visit(b.view, seg, owner, r, depth + 1);
    }
  };
  for (const i of inputs) if (i.segment.text.length > 0) visit(i.view, i.segment, i.index, undefined, 0);
  return out;
}

function collectStrings(v: unknown, out: string[], depth: number): void {
  if (depth > 64) return;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out, depth + 1);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      collectStrings(x, out, depth + 1);
    }
  }
}

/**
 * Tool-call arguments are JSON text: `"\u8d26\u53f7"` hides 账号 from a pattern run on the raw text.
 * When a JSON segment has escapes, its decoded strings are scanned too, mapped to the whole segment.
 */
export function unescapedJsonInputs(inputs: readonly ScanInput[], normalize: Normalizer): BlobInput[] {
  const out: BlobInput[] = [];
  for (const i of inputs) {
    const t = i.segment.text;
    if (!t.includes('\\') || !/^\s*[[{"]/.test(t)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      continue;
    }
    const strings: string[] = [];
    collectStrings(parsed, strings, 0);
    const text = strings.join('\n');
    out.push({ input: { index: out.length, segment: { ...i.segment, text }, view: normalize(text) }, owner: i.index, start: 0, end: t.length, encoding: 'json' });
  }
  return out;
}
