import type { Layer } from './types.js';

/**
 * A layer's text plus, per UTF-16 unit of that text, the [start, end) range of ORIGINAL text it
 * came from. Both maps are non-decreasing, so any layer range maps to one contiguous original
 * range. `null` maps mean the layer is the original text unchanged (the common ASCII case).
 */
export class MappedLayer implements Layer {
  constructor(
    readonly text: string,
    private readonly originalLength: number,
    private readonly starts: Int32Array | null,
    private readonly ends: Int32Array | null,
  ) {}

  toOriginal(start: number, end: number): [number, number] {
    const n = this.text.length;
    let s = clampInt(start, 0, n);
    let e = clampInt(end, 0, n);
    if (e < s) [s, e] = [e, s];
    if (!this.starts || !this.ends) return [Math.min(s, this.originalLength), Math.min(e, this.originalLength)];
    if (s === e) {
      const o = s < n ? this.starts[s]! : this.originalLength;
      return [o, o];
    }
    return [this.starts[s]!, this.ends[e - 1]!];
  }

  /** True when this layer is the original text itself (offsets are the identity). */
  get isIdentity(): boolean {
    return this.starts === null;
  }

  /** The same mapping over a text of equal length (one-for-one character substitutions). */
  withText(text: string): MappedLayer {
    if (text.length !== this.text.length) throw new Error('withText needs an equal-length text');
    return new MappedLayer(text, this.originalLength, this.starts, this.ends);
  }

  /** Original start of the layer unit `i` (i may equal the length: the original's end). */
  originalStart(i: number): number {
    if (!this.starts) return i;
    return i < this.text.length ? this.starts[i]! : this.originalLength;
  }

  /** Original end (exclusive) of the layer unit `i`. */
  originalEnd(i: number): number {
    if (!this.ends) return i + 1;
    return this.ends[i]!;
  }
}

function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return v > 0 ? hi : lo;
  const t = Math.trunc(v);
  return t < lo ? lo : t > hi ? hi : t;
}

/** Appends output text with the original range each piece came from. */
export class LayerBuilder {
  private parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;

  constructor(capacityHint: number) {
    const cap = Math.max(16, capacityHint);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
  }

  /** Every UTF-16 unit of `out` maps to the whole original range [o0, o1). */
  push(out: string, o0: number, o1: number): void {
    const len = out.length;
    if (len === 0) return;
    if (this.n + len > this.starts.length) this.grow(this.n + len);
    for (let k = 0; k < len; k++) {
      this.starts[this.n] = o0;
      this.ends[this.n] = o1;
      this.n++;
    }
    this.parts.push(out);
  }

  /** Appends original text [o0, o0 + out.length) unchanged: unit k maps to [o0 + k, o0 + k + 1). */
  pushIdentity(out: string, o0: number): void {
    const len = out.length;
    if (len === 0) return;
    if (this.n + len > this.starts.length) this.grow(this.n + len);
    for (let k = 0; k < len; k++) {
      this.starts[this.n] = o0 + k;
      this.ends[this.n] = o0 + k + 1;
      this.n++;
    }
    this.parts.push(out);
  }

  /** Appends text whose units map one to one onto `src` units [a0, a0 + out.length). */
  pushCopy(out: string, src: MappedLayer, a0: number): void {
    const len = out.length;
    if (len === 0) return;
    if (this.n + len > this.starts.length) this.grow(this.n + len);
    for (let k = 0; k < len; k++) {
      this.starts[this.n] = src.originalStart(a0 + k);
      this.ends[this.n] = src.originalEnd(a0 + k);
      this.n++;
    }
    this.parts.push(out);
  }

  get length(): number {
    return this.n;
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.starts.length * 2);
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    s.set(this.starts.subarray(0, this.n));
    e.set(this.ends.subarray(0, this.n));
    this.starts = s;
    this.ends = e;
  }

  build(originalLength: number): MappedLayer {
    return new MappedLayer(this.parts.join(''), originalLength, this.starts.subarray(0, this.n), this.ends.subarray(0, this.n));
  }
}

/**
 * Builds a layer derived from another layer: ranges given in the source layer's units are
 * translated to original offsets right away, so every layer maps straight to the original.
 */
export class DerivedBuilder {
  private readonly b: LayerBuilder;
  constructor(private readonly src: MappedLayer, private readonly originalLength: number) {
    this.b = new LayerBuilder(src.text.length);
  }

  /** `out` replaces the source units [a0, a1) (a1 > a0). */
  push(out: string, a0: number, a1: number): void {
    this.b.push(out, this.src.originalStart(a0), this.src.originalEnd(a1 - 1));
  }

  /** Copies source units [a0, a1) unchanged, each keeping its own mapping. */
  copy(a0: number, a1: number): void {
    if (a1 <= a0) return;
    if (this.src.isIdentity) this.b.pushIdentity(this.src.text.slice(a0, a1), a0);
    else this.b.pushCopy(this.src.text.slice(a0, a1), this.src, a0);
  }

  /** Emits `out` in place of the source units [a0, a0 + out.length), one unit for one unit. */
  copyAs(out: string, a0: number): void {
    if (this.src.isIdentity) this.b.pushIdentity(out, a0);
    else this.b.pushCopy(out, this.src, a0);
  }

  build(): MappedLayer {
    return this.b.build(this.originalLength);
  }
}
