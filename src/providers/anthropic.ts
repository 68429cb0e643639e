import type { Segment } from '../detectors/types.js';
import { indexPath } from './jsonpath.js';
import { isObject, type Adapter } from './types.js';
import { JSON_BODY, push, toolDescriptions, walkStrings } from './walk.js';

const NO_TEXT_BLOCKS = new Set(['image', 'redacted_thinking']);

function blocks(node: unknown, path: string, role: string, kind: Segment['kind'], out: Segment[]): void {
  if (typeof node === 'string') return push(out, path, role, kind, node);
  if (!Array.isArray(node)) {
    if (node !== undefined && node !== null) walkStrings(node, path, role, kind, out);
    return;
  }
  node.forEach((b, j) => {
    const bp = indexPath(path, j);
    if (!isObject(b)) return walkStrings(b, bp, role, kind, out);
    switch (b.type) {
      case 'text':
        return push(out, `${bp}.text`, role, kind, b.text);
      case 'thinking':
        return push(out, `${bp}.thinking`, role, kind, b.thinking);
      case 'tool_use':
      case 'server_tool_use':
        // The input is an object: each string leaf is its own segment so edits stay valid JSON.
        return walkStrings(b.input, `${bp}.input`, role, 'tool_arguments', out);
      case 'tool_result':
        return blocks(b.content, `${bp}.content`, 'tool', 'tool_result', out);
      case 'document':
        if (isObject(b.source) && b.source.type === 'text') push(out, `${bp}.source.data`, role, kind, b.source.data);
        else if (isObject(b.source) && b.source.type === 'content') blocks(b.source.content, `${bp}.source.content`, role, kind, out);
        push(out, `${bp}.context`, role, kind, b.context);
        push(out, `${bp}.title`, role, kind, b.title);
        return;
      default:
        if (typeof b.type === 'string' && NO_TEXT_BLOCKS.has(b.type)) return;
        walkStrings(b, bp, role, kind, out);
    }
  });
}

/** Anthropic Messages API: `system` (string or blocks) and content blocks. */
export const anthropicMessages: Adapter = {
  name: 'anthropic.messages',
  matches: (path) => path.endsWith('/messages') || path.endsWith('/messages/count_tokens'),
  extract(body) {
    const out: Segment[] = [];
    if (!isObject(body)) {
      walkStrings(body, '', 'user', 'text', out);
      return out;
    }
    blocks(body.system, 'system', 'system', 'system', out);
    const msgs = body.messages;
    if (Array.isArray(msgs)) {
      msgs.forEach((m, i) => {
        const base = indexPath('messages', i);
        if (!isObject(m)) return walkStrings(m, base, 'user', 'text', out);
        const role = typeof m.role === 'string' ? m.role : 'user';
        blocks(m.content, `${base}.content`, role, 'text', out);
      });
    } else if (msgs !== undefined && msgs !== null) {
      walkStrings(msgs, 'messages', 'user', 'text', out);
    }
    toolDescriptions(body, out);
    return out;
  },
  ...JSON_BODY,
  maxTokensField: 'max_tokens',
};
