import type { Segment } from '../detectors/types.js';
import { indexPath } from './jsonpath.js';
import { isObject, type Adapter } from './types.js';
import { JSON_BODY, kindForRole, push, toolDescriptions, walkStrings } from './walk.js';

const NO_TEXT_PARTS = new Set(['input_image', 'input_file', 'input_audio']);

function parts(node: unknown, path: string, role: string, kind: Segment['kind'], out: Segment[]): void {
  if (typeof node === 'string') return push(out, path, role, kind, node);
  if (!Array.isArray(node)) {
    if (node !== undefined && node !== null) walkStrings(node, path, role, kind, out);
    return;
  }
  node.forEach((p, j) => {
    const pp = indexPath(path, j);
    if (isObject(p) && typeof p.text === 'string') push(out, `${pp}.text`, role, kind, p.text);
    else if (isObject(p) && typeof p.refusal === 'string') push(out, `${pp}.refusal`, role, kind, p.refusal);
    else if (!(isObject(p) && typeof p.type === 'string' && NO_TEXT_PARTS.has(p.type))) walkStrings(p, pp, role, kind, out);
  });
}

/** OpenAI Responses API: `instructions`, `input` as a string or a list of items. */
export const openaiResponses: Adapter = {
  name: 'openai.responses',
  matches: (path) => path.endsWith('/responses'),
  storedAnswerId: (path) => /\/responses\/([A-Za-z0-9_-]{1,200})$/.exec(path)?.[1],
  extract(body) {
    const out: Segment[] = [];
    if (!isObject(body)) {
      walkStrings(body, '', 'user', 'text', out);
      return out;
    }
    push(out, 'instructions', 'system', 'system', body.instructions);
    const input = body.input;
    if (typeof input === 'string') push(out, 'input', 'user', 'text', input);
    else if (Array.isArray(input)) {
      input.forEach((item, i) => {
        const base = indexPath('input', i);
        if (!isObject(item)) return walkStrings(item, base, 'user', 'text', out);
        const type = typeof item.type === 'string' ? item.type : 'message';
        if (type === 'message' || typeof item.role === 'string') {
          const role = typeof item.role === 'string' ? item.role : 'user';
          parts(item.content, `${base}.content`, role, kindForRole(role), out);
        } else if (type === 'function_call' || type === 'custom_tool_call') {
          push(out, `${base}.arguments`, 'assistant', 'tool_arguments', item.arguments);
          push(out, `${base}.input`, 'assistant', 'tool_arguments', item.input);
        } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
          parts(item.output, `${base}.output`, 'tool', 'tool_result', out);
        } else if (type !== 'item_reference') {
          // Reasoning summaries, web-search results, unknown future items: inspect every string.
          walkStrings(item, base, 'assistant', 'text', out);
        }
      });
    } else if (input !== undefined && input !== null) {
      walkStrings(input, 'input', 'user', 'text', out);
    }
    toolDescriptions(body, out);
    return out;
  },
  ...JSON_BODY,
  maxTokensField: 'max_output_tokens',
};
