import type { Segment } from '../detectors/types.js';
import { AirlockError } from '../errors.js';
import { indexPath } from './jsonpath.js';
import { isObject, type Adapter } from './types.js';
import { JSON_BODY, applyByPath, kindForRole, push, readModel, toolDescriptions, walkStrings } from './walk.js';

/** Message content: a string, or an array of parts (text, refusal; images carry no text). */
function content(node: unknown, path: string, role: string, kind: Segment['kind'], out: Segment[]): void {
  if (typeof node === 'string') return push(out, path, role, kind, node);
  if (Array.isArray(node)) {
    node.forEach((p, j) => {
      const pp = indexPath(path, j);
      if (typeof p === 'string') return push(out, pp, role, kind, p);
      if (!isObject(p)) return;
      if (typeof p.text === 'string') push(out, `${pp}.text`, role, kind, p.text);
      else if (typeof p.refusal === 'string') push(out, `${pp}.refusal`, role, kind, p.refusal);
      else if (p.type !== 'image_url' && p.type !== 'input_audio' && p.type !== 'file' && p.type !== 'input_image') walkStrings(p, pp, role, kind, out);
    });
    return;
  }
  // An object or anything else where text is expected: inspect all of it rather than skip it.
  if (node !== null && node !== undefined) walkStrings(node, path, role, kind, out);
}

export const openaiChat: Adapter = {
  name: 'openai.chat',
  matches: (path) => path.endsWith('/chat/completions'),
  storedAnswerId: (path) => /\/chat\/completions\/([A-Za-z0-9_-]{1,200})$/.exec(path)?.[1],
  extract(body) {
    const out: Segment[] = [];
    if (!isObject(body)) {
      walkStrings(body, '', 'user', 'text', out);
      return out;
    }
    const msgs = body.messages;
    if (Array.isArray(msgs)) {
      for (let i = 0; i < msgs.length; i++) {
        const m = msgs[i];
        const base = indexPath('messages', i);
        if (!isObject(m)) {
          walkStrings(m, base, 'user', 'text', out);
          continue;
        }
        const role = typeof m.role === 'string' ? m.role : 'user';
        content(m.content, `${base}.content`, role, kindForRole(role), out);
        push(out, `${base}.name`, role, 'text', m.name);
        push(out, `${base}.refusal`, role, 'text', m.refusal);
        if (Array.isArray(m.tool_calls)) {
          m.tool_calls.forEach((tc, k) => {
            const f = isObject(tc) ? tc.function : undefined;
            if (isObject(f)) push(out, `${base}.tool_calls[${k}].function.arguments`, role, 'tool_arguments', f.arguments);
          });
        }
        if (isObject(m.function_call)) push(out, `${base}.function_call.arguments`, role, 'tool_arguments', m.function_call.arguments);
      }
    } else if (msgs !== undefined) {
      walkStrings(msgs, 'messages', 'user', 'text', out);
    }
    toolDescriptions(body, out);
    return out;
  },
  ...JSON_BODY,
  maxTokensField: 'max_tokens',
};

/** Token-id prompts cannot be read as text, so they would slip past every rule: refuse them. */
function textList(node: unknown, path: string, role: string, out: Segment[]): void {
  if (node === undefined || node === null) return;
  if (typeof node === 'string') return push(out, path, role, 'text', node);
  if (Array.isArray(node) && node.every((x) => typeof x === 'string')) {
    node.forEach((s, i) => push(out, indexPath(path, i), role, 'text', s));
    return;
  }
  throw new AirlockError('AIRLOCK_ERR_UNSUPPORTED_MEDIA', {
    param: path,
    message: `"${path}" must be a string or an array of strings: token-id input cannot be inspected, so Airlock refuses it.`,
  });
}


export const openaiCompletions: Adapter = {
  name: 'openai.completions',
  matches: (path) => path.endsWith('/completions') && !path.endsWith('/chat/completions'),
  extract(body) {
    const out: Segment[] = [];
    if (!isObject(body)) {
      walkStrings(body, '', 'prompt', 'text', out);
      return out;
    }
    textList(body.prompt, 'prompt', 'prompt', out);
    push(out, 'suffix', 'prompt', 'text', body.suffix);
    return out;
  },
  ...JSON_BODY,
  maxTokensField: 'max_tokens',
};

export const openaiEmbeddings: Adapter = {
  name: 'openai.embeddings',
  matches: (path) => path.endsWith('/embeddings'),
  extract(body) {
    const out: Segment[] = [];
    if (!isObject(body)) {
      walkStrings(body, '', 'input', 'text', out);
      return out;
    }
    textList(body.input, 'input', 'input', out);
    return out;
  },
  apply: applyByPath,
  model: readModel,
  stream: () => false,
  maxTokens: () => undefined,
};
