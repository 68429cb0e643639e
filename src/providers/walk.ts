import type { Segment } from '../detectors/types.js';
import type { SegmentEdit } from '../policy/types.js';
import { indexPath, keyPath, setAt } from './jsonpath.js';
import { isObject, type JsonObject } from './types.js';

/**
 * Every string value under `node` becomes a segment. Used for unknown paths and for unknown
 * shapes inside known bodies, so a text in an unexpected place is inspected, never skipped.
 */
export function walkStrings(node: unknown, path: string, role: string, kind: Segment['kind'], out: Segment[]): void {
  if (typeof node === 'string') {
    if (node.length > 0) out.push({ path, role, kind, text: node });
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) walkStrings(node[i], indexPath(path, i), role, kind, out);
  } else if (isObject(node)) {
    for (const k of Object.keys(node)) walkStrings(node[k], keyPath(path, k), role, kind, out);
  }
}

/** Shared `apply`: every segment path points at a string, so an edit is a plain write. */
export function applyByPath(body: unknown, segments: readonly Segment[], edits: readonly SegmentEdit[]): unknown {
  let root = body;
  for (const e of edits) {
    const seg = segments[e.segment];
    if (!seg) throw new Error(`edit for unknown segment ${e.segment}`);
    root = setAt(root, seg.path, e.text);
  }
  return root;
}

export function readModel(body: unknown): string | undefined {
  return isObject(body) && typeof body.model === 'string' ? body.model : undefined;
}

export function readStream(body: unknown): boolean {
  return isObject(body) && body.stream === true;
}

export function readMaxTokens(body: unknown): number | undefined {
  if (!isObject(body)) return undefined;
  for (const k of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    const v = (body as JsonObject)[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  }
  return undefined;
}

export function push(out: Segment[], path: string, role: string, kind: Segment['kind'], text: unknown): void {
  if (typeof text === 'string' && text.length > 0) out.push({ path, role, kind, text });
}

export function kindForRole(role: string): Segment['kind'] {
  if (role === 'tool' || role === 'function') return 'tool_result';
  if (role === 'system' || role === 'developer') return 'system';
  return 'text';
}

/** Tool definitions are read by the model too; their descriptions can carry instructions. */
export function toolDescriptions(body: JsonObject, out: Segment[]): void {
  if (!Array.isArray(body.tools)) return;
  body.tools.forEach((t, i) => {
    if (!isObject(t)) return;
    const base = indexPath('tools', i);
    push(out, `${base}.description`, 'system', 'system', t.description);
    if (isObject(t.function)) push(out, `${base}.function.description`, 'system', 'system', t.function.description);
  });
}

/** The readers every JSON-body adapter shares: edits by JSON path, top-level model/stream/max tokens. */
export const JSON_BODY = { apply: applyByPath, model: readModel, stream: readStream, maxTokens: readMaxTokens } as const;
