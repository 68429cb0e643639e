import { injectCanary, newCanaryToken } from '../detectors/canary/inject.js';
import type { RequestFacts, Segment } from '../detectors/types.js';
import { prepareStreamRequest } from './usage.js';

export interface PreparedRequest {
  /** The JSON body to forward (mutated in place when `changed`). */
  readonly body: unknown;
  /** The body changed: re-serialize it instead of forwarding the original bytes. */
  readonly changed: boolean;
  /** Airlock added `stream_options.include_usage`: hide the extra usage chunk from the client. */
  readonly stripUsage: boolean;
  /** Pass to `InspectContext.request` when inspecting the answer. */
  readonly facts: RequestFacts;
}

/**
 * Request-side preparation for answer inspection, called after input inspection (so the planted
 * canary is never scanned as user input): ask for stream usage, plant the canary, and collect the
 * system prompts the `system_prompt_leak` detector compares answers with.
 */
export function prepareRequest(adapter: string, body: unknown, segments: readonly Segment[], opts: { readonly canary?: boolean } = {}): PreparedRequest {
  const systemPrompts = segments.filter((s) => s.kind === 'system' && (s.role === 'system' || s.role === 'developer')).map((s) => s.text);
  const { stripUsage } = prepareStreamRequest(adapter, body);
  let changed = stripUsage;
  const canaries: string[] = [];
  if (opts.canary) {
    const token = newCanaryToken();
    if (injectCanary(adapter, body, token)) {
      canaries.push(token);
      changed = true;
    }
  }
  return {
    body,
    changed,
    stripUsage,
    facts: { ...(systemPrompts.length > 0 ? { systemPrompts } : {}), ...(canaries.length > 0 ? { canaries } : {}) },
  };
}
