import type { Segment } from '../detectors/types.js';
import { AirlockError } from '../errors.js';
import type { Usage } from '../gateway/hooks.js';
import type { CompiledPolicy, InspectContext, PseudonymVault, Verdict } from '../policy/types.js';
import { isObject, num, setPath, type JsonObject, type JsonPath } from './shape.js';

/** A segment of an answer with its path as an array (written back without re-parsing). */
interface AnswerSegment extends Segment {
  readonly at: JsonPath;
}

const fmt = (at: JsonPath) => at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

function push(out: AnswerSegment[], at: JsonPath, kind: Segment['kind'], text: unknown): void {
  if (typeof text === 'string' && text.length > 0) out.push({ at, path: fmt(at), role: 'assistant', kind, text });
}

/** Every string under `node` (tool inputs given as objects). */
function strings(node: unknown, at: JsonPath, kind: Segment['kind'], out: AnswerSegment[]): void {
  if (typeof node === 'string') push(out, at, kind, node);
  else if (Array.isArray(node)) node.forEach((v, i) => strings(v, [...at, i], kind, out));
  else if (isObject(node)) for (const k of Object.keys(node)) strings(node[k], [...at, k], kind, out);
}

function chatMessage(m: unknown, at: JsonPath, out: AnswerSegment[]): void {
  if (!isObject(m)) return;
  if (Array.isArray(m.content)) m.content.forEach((p, j) => isObject(p) && push(out, [...at, 'content', j, 'text'], 'text', p.text));
  else push(out, [...at, 'content'], 'text', m.content);
  push(out, [...at, 'refusal'], 'text', m.refusal);
  push(out, [...at, 'reasoning_content'], 'text', m.reasoning_content);
  if (Array.isArray(m.tool_calls)) {
    m.tool_calls.forEach((tc, k) => isObject(tc) && isObject(tc.function) && push(out, [...at, 'tool_calls', k, 'function', 'arguments'], 'tool_arguments', tc.function.arguments));
  }
  if (isObject(m.function_call)) push(out, [...at, 'function_call', 'arguments'], 'tool_arguments', m.function_call.arguments);
}

/**
 * The texts of a non-streamed answer, by adapter name (`openai.chat`, `openai.completions`,
 * `openai.responses`, `anthropic.messages`). Undefined for shapes whose answers carry no text.
 */
export function answerSegments(adapter: string, body: unknown): AnswerSegment[] | undefined {
  if (!isObject(body)) return undefined;
  const out: AnswerSegment[] = [];
  const choices = Array.isArray(body.choices) ? body.choices : [];
  switch (adapter) {
    case 'openai.chat':
      choices.forEach((c, i) => isObject(c) && chatMessage(c.message, ['choices', i, 'message'], out));
      return out;
    case 'openai.completions':
      choices.forEach((c, i) => isObject(c) && push(out, ['choices', i, 'text'], 'text', c.text));
      return out;
    case 'openai.responses':
      if (Array.isArray(body.output)) {
        body.output.forEach((item, i) => {
          if (!isObject(item)) return;
          push(out, ['output', i, 'arguments'], 'tool_arguments', item.arguments);
          for (const list of ['content', 'summary'] as const) {
            const parts = item[list];
            if (Array.isArray(parts)) parts.forEach((p, j) => isObject(p) && (push(out, ['output', i, list, j, 'text'], 'text', p.text), push(out, ['output', i, list, j, 'refusal'], 'text', p.refusal)));
          }
        });
      }
      return out;
    case 'anthropic.messages':
      if (Array.isArray(body.content)) {
        body.content.forEach((b, i) => {
          if (!isObject(b)) return;
          push(out, ['content', i, 'text'], 'text', b.text);
          push(out, ['content', i, 'thinking'], 'text', b.thinking);
          if (b.input !== undefined) strings(b.input, ['content', i, 'input'], 'tool_arguments', out);
        });
      }
      return out;
    default:
      return undefined;
  }
}

/** Token usage of a non-streamed answer (OpenAI `prompt_tokens`, Responses/Anthropic `input_tokens`). */
export function answerUsage(body: unknown): Usage | undefined {
  if (!isObject(body) || !isObject(body.usage)) return undefined;
  const u = body.usage;
  if (typeof u.prompt_tokens === 'number' || typeof u.completion_tokens === 'number') return { promptTokens: num(u.prompt_tokens), completionTokens: num(u.completion_tokens) };
  if (typeof u.input_tokens === 'number' || typeof u.output_tokens === 'number') return { promptTokens: num(u.input_tokens), completionTokens: num(u.output_tokens) };
  return undefined;
}

export interface AnswerResult {
  /** The (possibly edited) body to send. */
  readonly body: unknown;
  readonly changed: boolean;
  readonly verdict?: Verdict;
}

/**
 * Inspect a non-streamed answer: block (throws AirlockError AIRLOCK_ERR_OUTPUT_BLOCKED, or the
 * verdict's code), redact in place, then restore pseudonyms. Bodies of unknown shapes pass as is.
 */
export async function inspectAnswer(
  adapter: string,
  body: unknown,
  opts: { readonly policy?: CompiledPolicy; readonly ctx: InspectContext; readonly vault?: PseudonymVault },
): Promise<AnswerResult> {
  const segs = answerSegments(adapter, body);
  if (!segs || segs.length === 0) return { body, changed: false };
  const root = body as JsonObject;
  let changed = false;
  let verdict: Verdict | undefined;
  const texts = segs.map((s) => s.text);
  if (opts.policy?.inspectsOutput) {
    verdict = await opts.policy.inspectOutput(segs.map(({ at: _at, ...s }) => s), opts.ctx);
    if (verdict.decision === 'block') {
      const code = verdict.code ?? 'AIRLOCK_ERR_OUTPUT_BLOCKED';
      throw new AirlockError(code, {
        ...(verdict.reason ? { message: `The answer was blocked by policy: ${verdict.reason}` } : {}),
        details: { ...(verdict.rule ? { rule: verdict.rule } : {}), ...(verdict.reason ? { reason: verdict.reason } : {}) },
      });
    }
    for (const e of verdict.edits) if (e.segment >= 0 && e.segment < texts.length) texts[e.segment] = e.text;
  }
  if (opts.vault && opts.vault.entries.size > 0) {
    for (let i = 0; i < texts.length; i++) texts[i] = opts.vault.restore(texts[i] as string);
  }
  segs.forEach((s, i) => {
    if (texts[i] !== s.text) {
      setPath(root, s.at, texts[i]);
      changed = true;
    }
  });
  return { body: root, changed, ...(verdict ? { verdict } : {}) };
}
