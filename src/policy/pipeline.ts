import type { DetectorEntry } from '../config/policy.js';
import type { Action } from '../config/schema.js';
import { getDetector, type CompiledDetector, type Finding, type ScanContext, type ScanInput } from '../detectors/index.js';
import type { PolicyFinding } from './types.js';
import { blobInputs, unescapedJsonInputs, type Normalizer } from './view.js';

interface Stage {
  readonly id: string;
  readonly action: Action;
  readonly detector: CompiledDetector;
}

export interface DetectorPipeline {
  readonly size: number;
  run(inputs: readonly ScanInput[], ctx: ScanContext): PolicyFinding[];
}

/** Detectors whose family needs I/O (the judge) run in the engine, not here. */
export const ASYNC_FAMILIES = new Set(['topics']);

export function compilePipeline(policyName: string, stage: 'input' | 'output', entries: readonly DetectorEntry[], normalize: Normalizer): DetectorPipeline {
  const stages: Stage[] = [];
  for (const e of entries) {
    if (!e.enabled) continue;
    const def = getDetector(e.id);
    if (!def) throw new Error(`policies.${policyName}.${stage}.${e.id}: unknown detector`);
    if (ASYNC_FAMILIES.has(def.family)) continue;
    if (def.stage !== 'both' && def.stage !== stage) {
      throw new Error(`policies.${policyName}.${stage}.${e.id}: this detector runs on ${def.stage} only`);
    }
    stages.push({ id: e.id, action: e.action, detector: def.create(e.params) });
  }

  function attach(fs: readonly Finding[], action: Action, out: PolicyFinding[]): void {
    for (const f of fs) out.push({ ...f, action });
  }

  return {
    size: stages.length,
    run(inputs, ctx) {
      const out: PolicyFinding[] = [];
      if (stages.length === 0 || inputs.length === 0) return out;
      for (const s of stages) attach(s.detector.scan(inputs, ctx), s.action, out);
      // Encoded blobs are scanned as texts of their own; a hit anywhere inside one covers the
      // whole encoded run in the original, which is what redaction must replace.
      const blobs = [...blobInputs(inputs), ...unescapedJsonInputs(inputs, normalize)].map((b, index) => ({ ...b, input: { ...b.input, index } }));
      if (blobs.length === 0) return out;
      const blobScan = blobs.map((b) => b.input);
      for (const s of stages) {
        for (const f of s.detector.scan(blobScan, ctx)) {
          const b = blobs[f.segment];
          if (!b) continue;
          out.push({ ...f, segment: b.owner, start: b.start, end: b.end, reason: `${f.reason} (inside ${b.encoding}-encoded text)`, action: s.action });
        }
      }
      return out;
    },
  };
}
