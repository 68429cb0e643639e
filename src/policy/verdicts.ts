import type { PolicyFinding, PseudonymVault, SegmentEdit, Verdict } from './types.js';

export interface Timings {
  detectors_ms: number;
  judge_ms: number;
}

export function blockCode(stage: 'input' | 'output'): 'AIRLOCK_ERR_BLOCKED' | 'AIRLOCK_ERR_OUTPUT_BLOCKED' {
  return stage === 'input' ? 'AIRLOCK_ERR_BLOCKED' : 'AIRLOCK_ERR_OUTPUT_BLOCKED';
}

/** `secrets (aws-access-key-id), pii (EMAIL_ADDRESS, PHONE_NUMBER)`: families and types, never values. */
export function describeFindings(findings: readonly PolicyFinding[], max = 6): string {
  const byFamily = new Map<string, Set<string>>();
  for (const f of findings) {
    let set = byFamily.get(f.detector);
    if (!set) byFamily.set(f.detector, (set = new Set()));
    set.add(f.type);
  }
  const parts: string[] = [];
  for (const [fam, types] of byFamily) {
    const list = [...types];
    const shown = list.slice(0, max).join(', ') + (list.length > max ? `, +${list.length - max} more` : '');
    parts.push(`${fam} (${shown})`);
  }
  return parts.join('; ');
}

export function blockVerdict(
  stage: 'input' | 'output',
  rule: string,
  reason: string,
  findings: readonly PolicyFinding[],
  timings: Timings,
  code?: Verdict['code'],
): Verdict {
  return { decision: 'block', code: code ?? blockCode(stage), rule, reason, findings, edits: [], timings: { ...timings } };
}

export function passVerdict(findings: readonly PolicyFinding[], edits: readonly SegmentEdit[], vault: PseudonymVault | undefined, timings: Timings): Verdict {
  const v: Verdict = { decision: edits.length > 0 ? 'modify' : 'allow', findings, edits, timings: { ...timings } };
  return vault && vault.entries.size > 0 ? { ...v, vault } : v;
}
