import type { Segment } from '../detectors/index.js';
import type { Judge } from './judge.js';
import type { TopicCheck } from './topics.js';
import type { PolicyFinding, Verdict } from './types.js';
import { blockVerdict, type Timings } from './verdicts.js';

/**
 * The network-bound checks, run after every cheap one has passed: topic checks, then the
 * intelligent guard. Returns a block verdict, or undefined (flag findings are appended).
 */
export async function runGuards(
  stage: 'input' | 'output',
  checks: readonly TopicCheck[],
  guard: Judge | undefined,
  segments: readonly Segment[],
  texts: readonly string[],
  signal: AbortSignal | undefined,
  findings: PolicyFinding[],
  timings: Timings,
): Promise<Verdict | undefined> {
  for (const check of checks) {
    const r = await check.run(segments, texts, signal);
    if (r.kind === 'pass') continue;
    if (r.kind === 'flag') {
      findings.push(r.finding);
      continue;
    }
    const unavailable = r.kind === 'unavailable';
    return blockVerdict(stage, unavailable ? 'topics' : `topics:${r.finding.type}`, r.reason, [...findings, r.finding], timings, unavailable ? 'AIRLOCK_ERR_GUARD_UNAVAILABLE' : undefined);
  }
  if (!guard || texts.length === 0) return undefined;
  const out = await guard.review(texts, signal ? { signal } : {});
  const base = { detector: 'judge', segment: 0, start: 0, end: 0, score: 1 } as const;
  if (!out.ok) {
    const closed = guard.failMode === 'closed';
    const finding: PolicyFinding = { ...base, type: 'unavailable', reason: out.error, action: closed ? 'block' : 'flag' };
    if (!closed) {
      findings.push(finding);
      return undefined;
    }
    const reason = `The guard "${guard.name}" could not reach a verdict (${out.error}); the policy fails closed.`;
    return blockVerdict(stage, 'judge', reason, [...findings, finding], timings, 'AIRLOCK_ERR_GUARD_UNAVAILABLE');
  }
  if (out.answer.result === 'allow') return undefined;
  const reason = out.answer.reason || 'The guard judged this request sensitive.';
  return blockVerdict(stage, 'judge', reason, [...findings, { ...base, type: 'deny', reason, action: 'block' }], timings);
}
