import type { Action } from '../config/schema.js';
import type { Segment } from '../detectors/types.js';
import type { PolicyFinding, SegmentEdit } from './types.js';
import { entityLabel, type RequestVault } from './vault.js';

/** Which action wins when findings overlap. */
export const SEVERITY: Readonly<Record<Action, number>> = { flag: 0, redact: 1, pseudonymize: 2, block: 3 };

export function strongest(actions: Iterable<Action>): Action | undefined {
  let best: Action | undefined;
  for (const a of actions) if (best === undefined || SEVERITY[a] > SEVERITY[best]) best = a;
  return best;
}

interface Span {
  start: number;
  end: number;
  lead: PolicyFinding;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Clamp into the text and widen so a surrogate pair is never cut in half. */
function clampSpan(text: string, start: number, end: number): [number, number] {
  let s = Math.max(0, Math.min(text.length, Math.floor(start)));
  let e = Math.max(s, Math.min(text.length, Math.ceil(end)));
  if (s > 0 && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e < text.length && e > 0 && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return [s, e];
}

function better(a: PolicyFinding, b: PolicyFinding): boolean {
  if (SEVERITY[a.action] !== SEVERITY[b.action]) return SEVERITY[a.action] > SEVERITY[b.action];
  if (a.score !== b.score) return a.score > b.score;
  return a.end - a.start > b.end - b.start;
}

/** Overlapping findings merge into one span led by the strongest action (then score, then length). */
export function mergeSpans(text: string, findings: readonly PolicyFinding[]): Span[] {
  const spans: Span[] = [];
  for (const f of findings) {
    const [start, end] = clampSpan(text, f.start, f.end);
    if (end > start) spans.push({ start, end, lead: f });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (better(s.lead, last.lead)) last.lead = s.lead;
    } else out.push({ ...s });
  }
  return out;
}

/** Rewrite one text: each merged span becomes `[REDACTED:TYPE]` or a vault placeholder. */
export function rewrite(text: string, findings: readonly PolicyFinding[], vault: RequestVault): string {
  const spans = mergeSpans(text, findings);
  if (spans.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start);
    const value = text.slice(s.start, s.end);
    out += s.lead.action === 'pseudonymize' ? vault.placeholderFor(s.lead.type, value) : `[REDACTED:${entityLabel(s.lead.type)}]`;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** Whole replacement texts for every segment that has redact/pseudonymize findings. */
export function planEdits(segments: readonly Segment[], findings: readonly PolicyFinding[], vault: RequestVault): SegmentEdit[] {
  const bySegment = new Map<number, PolicyFinding[]>();
  for (const f of findings) {
    if (f.action !== 'redact' && f.action !== 'pseudonymize') continue;
    if (!segments[f.segment]) continue;
    let list = bySegment.get(f.segment);
    if (!list) bySegment.set(f.segment, (list = []));
    list.push(f);
  }
  const edits: SegmentEdit[] = [];
  for (const idx of [...bySegment.keys()].sort((a, b) => a - b)) {
    const text = segments[idx]!.text;
    const next = rewrite(text, bySegment.get(idx)!, vault);
    if (next !== text) edits.push({ segment: idx, text: next });
  }
  return edits;
}
