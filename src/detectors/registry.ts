import type { DetectorDef } from './types.js';

/**
 * Every built-in detector, by id. Detector folders register themselves here (one import line
 * each); the policy schema, the manifest (`airlock detectors`) and presets are built from it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous params, validated per detector
export type AnyDetectorDef = DetectorDef<any>;

const DETECTORS: AnyDetectorDef[] = [];

export function registerDetectors(...defs: AnyDetectorDef[]): void {
  for (const d of defs) {
    if (DETECTORS.some((x) => x.id === d.id)) throw new Error(`detector ${d.id} registered twice`);
    DETECTORS.push(d);
  }
}

export function allDetectors(): readonly AnyDetectorDef[] {
  return DETECTORS;
}

export function getDetector(id: string): AnyDetectorDef | undefined {
  return DETECTORS.find((d) => d.id === id);
}
