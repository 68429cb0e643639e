import type { z } from 'zod';
import type { TextView } from '../normalize/types.js';

/** Every piece of text the model will see (or wrote), with where it lives in the body. */
export interface Segment {
  /** JSON path in the request/response body, e.g. `messages[2].content[0].text`. */
  readonly path: string;
  /** `system`, `user`, `assistant`, `tool`, `developer`, or `prompt`/`input` for non-chat shapes. */
  readonly role: string;
  /** What the text is: message text, tool-call arguments (JSON text), a tool result, a name… */
  readonly kind: 'text' | 'tool_arguments' | 'tool_result' | 'system';
  readonly text: string;
}

/** A segment plus its normalized view (computed lazily, once per segment). */
export interface ScanInput {
  readonly index: number;
  readonly segment: Segment;
  readonly view: TextView;
}

export type Family =
  | 'pii' | 'secrets' | 'code' | 'injection' | 'jailbreak' | 'keywords' | 'regex' | 'invisible_text'
  | 'topics' | 'judge' | 'canary' | 'system_prompt_leak' | 'toxicity';

export interface Finding {
  /** The detector family (see `Family`). */
  readonly detector: Family | string;
  /** The entity type or rule id, e.g. `EMAIL_ADDRESS`, `aws-access-key-id`, `python`. */
  readonly type: string;
  /** Index of the segment in the list the detector was given. */
  readonly segment: number;
  /** Offsets in the ORIGINAL segment text, [start, end). */
  readonly start: number;
  readonly end: number;
  /** 0..1 confidence. */
  readonly score: number;
  /** Human-readable explanation. Must never contain the matched value itself. */
  readonly reason: string;
}

/** Per-request facts that some detectors need besides the segments (set by the gateway). */
export interface RequestFacts {
  /** The request's system / developer prompt texts (`system_prompt_leak` on output). */
  readonly systemPrompts?: readonly string[];
  /** Canary tokens Airlock injected into this request's system prompt (`canary`). */
  readonly canaries?: readonly string[];
}

export interface ScanContext {
  readonly stage: 'input' | 'output';
  readonly signal?: AbortSignal;
  readonly request?: RequestFacts;
}

export interface EntityDoc {
  readonly type: string;
  readonly description: string;
}

/** A compiled detector instance: built once per config, then scans many requests. */
export interface CompiledDetector {
  scan(inputs: readonly ScanInput[], ctx: ScanContext): Finding[];
}

export interface DetectorDef<P> {
  readonly id: string;
  readonly family: Family;
  readonly stage: 'input' | 'output' | 'both';
  readonly summary: string;
  readonly entities: readonly EntityDoc[];
  /** zod schema of the detector's params (strict: unknown keys are config errors). */
  readonly params: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** Compile the params once (combined regexes, automata…). */
  create(params: P): CompiledDetector;
}

export function defineDetector<P>(def: DetectorDef<P>): DetectorDef<P> {
  return Object.freeze(def);
}
