import { isObject } from './shape.js';

const ID = /^[A-Za-z0-9_.:-]{1,200}$/;

function id(v: unknown): string | undefined {
  return typeof v === 'string' && ID.test(v) ? v : undefined;
}

/**
 * The provider's id of an answer: a whole answer's `id` (`resp_…`, `chatcmpl-…`, `msg_…`), or a
 * stream's first event (chat chunk `id`, Responses `response.id`, Anthropic `message.id`).
 */
export function answerIdOf(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  return id(json.id) ?? (isObject(json.response) ? id(json.response.id) : undefined) ?? (isObject(json.message) ? id(json.message.id) : undefined);
}
