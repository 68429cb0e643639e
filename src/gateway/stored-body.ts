import type { Segment } from '../detectors/types.js';
import type { Adapter } from '../providers/index.js';
import type { PolicyFinding, SegmentEdit } from '../policy/types.js';

/**
 * The request body as the audit trail may keep it: every finding replaced by `[REDACTED:TYPE]`,
 * whatever its action (a flagged or blocking value is no less sensitive than a redacted one).
 * Works on a copy: the body being forwarded is never touched.
 */
export function redactedRequestBody(adapter: Adapter, json: unknown, segments: readonly Segment[], findings: readonly PolicyFinding[]): unknown {
  const bySegment = new Map<number, PolicyFinding[]>();
  for (const f of findings) {
    if (!segments[f.segment]) continue;
    const list = bySegment.get(f.segment) ?? [];
    list.push(f);
    bySegment.set(f.segment, list);
  }
  const edits: SegmentEdit[] = [];
  for (const [index, list] of bySegment) {
    const text = segments[index]!.text;
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    for (const f of list) {
      const start = Math.max(f.start, at);
      const end = Math.min(Math.max(f.end, start), text.length);
      if (end <= at) continue; // inside a range already redacted
      out += text.slice(at, start) + `[REDACTED:${f.type}]`;
      at = end;
    }
    edits.push({ segment: index, text: out + text.slice(at) });
  }
  return adapter.apply(structuredClone(json), segments, edits);
}
