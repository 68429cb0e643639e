/**
 * Tolerant parsing of a judge's answer. Models wrap JSON in code fences, add prose around it or
 * change case; all of that is accepted. What is never accepted is a missing or unknown `result`:
 * that is a failure (the guard's fail mode decides), never an allow.
 */
export interface JudgeAnswer {
  readonly result: 'allow' | 'deny';
  readonly reason: string;
  /** For topic checks: which topic the judge named. */
  readonly topic?: string;
}

const MAX_REASON = 500;

function candidates(content: string): string[] {
  const out: string[] = [content.trim()];
  const fence = /```[a-zA-Z]*\s*([\s\S]*?)```/g;
  for (let m = fence.exec(content); m; m = fence.exec(content)) out.push(m[1]!.trim());
  // The outermost brace pair covers "Here is my verdict: {...}. Hope this helps".
  const first = content.indexOf('{');
  const last = content.lastIndexOf('}');
  if (first >= 0 && last > first) out.push(content.slice(first, last + 1));
  return out;
}

function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}

function normalizeResult(v: unknown): 'allow' | 'deny' | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'allow' || s === 'allowed' || s === 'pass') return 'allow';
  // Anything that clearly says "refuse" counts as deny: misreading a refusal is the safe error.
  if (s === 'deny' || s === 'denied' || s === 'block' || s === 'blocked' || s === 'reject') return 'deny';
  return undefined;
}

export function parseJudgeAnswer(content: string): JudgeAnswer | undefined {
  for (const c of candidates(content)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(c);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) continue;
    const o = lowerKeys(parsed as Record<string, unknown>);
    const result = normalizeResult(o.result);
    if (!result) return undefined;
    const reason = typeof o.reason === 'string' ? o.reason.slice(0, MAX_REASON) : '';
    const topic = typeof o.topic === 'string' && o.topic.trim() !== '' ? o.topic.trim().slice(0, 200) : undefined;
    return topic === undefined ? { result, reason } : { result, reason, topic };
  }
  return undefined;
}
