import type { Usage } from '../gateway/hooks.js';
import { isObject } from './types.js';

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Read token usage from an answer or a stream event. OpenAI (`prompt_tokens`/`completion_tokens`),
 * Responses and Anthropic (`input_tokens`/`output_tokens`) name them differently but never clash,
 * and the usage may sit at the top, under `message` (Anthropic message_start) or `response`
 * (Responses stream events).
 */
export function readUsage(obj: unknown): Partial<Usage> | undefined {
  if (!isObject(obj)) return undefined;
  const u = isObject(obj.usage) ? obj.usage : isObject(obj.message) && isObject(obj.message.usage) ? obj.message.usage : isObject(obj.response) && isObject(obj.response.usage) ? obj.response.usage : undefined;
  if (!u) return undefined;
  const p = num(u.prompt_tokens) ?? num(u.input_tokens);
  const c = num(u.completion_tokens) ?? num(u.output_tokens);
  if (p === undefined && c === undefined) return undefined;
  return { ...(p !== undefined ? { promptTokens: p } : {}), ...(c !== undefined ? { completionTokens: c } : {}) };
}

/** Stream events report usage piecemeal (Anthropic: input first, output last): keep the largest. */
export function mergeUsage(acc: Partial<Usage> | undefined, next: Partial<Usage> | undefined): Partial<Usage> | undefined {
  if (!next) return acc;
  if (!acc) return next;
  return {
    promptTokens: Math.max(acc.promptTokens ?? 0, next.promptTokens ?? 0),
    completionTokens: Math.max(acc.completionTokens ?? 0, next.completionTokens ?? 0),
  };
}

export function completeUsage(u: Partial<Usage> | undefined): Usage | undefined {
  return u ? { promptTokens: u.promptTokens ?? 0, completionTokens: u.completionTokens ?? 0 } : undefined;
}
