import { z } from 'zod';
import { fold } from '../../normalize/index.js';
import type { CompiledDetector, Finding, ScanInput } from '../types.js';
import { WindowScanner } from './prefilter.js';
import { PHRASE_SIGNALS, type PhraseSignal } from './signals.js';
import { CAPABILITY_VERBS, capabilityMatches, fakeTurns, personaCapabilities, trailingInstruction, type Span } from './structure.js';

/**
 * The signal scorer behind the `injection` and `jailbreak` detectors. Each phrase signal is
 * compiled once into one RE2 alternation (linear time, no backtracking). Distinct signals combine
 * as a noisy-OR of their weights for the family, so a single common word ("ignore", "system")
 * never reaches the threshold alone; repeated hits of one signal add a little.
 */

export type ScoredFamily = 'injection' | 'jailbreak';

export interface SignalHit {
  readonly id: string;
  count: number;
  start: number;
  end: number;
}

/**
 * Non-Latin words in a pattern are folded exactly as the text will be (Cyrillic words made only
 * of Latin look-alikes become Latin, "й" loses its breve), so the pattern meets the folded text.
 * Runs of non-ASCII characters are whole words here: separators in patterns are ASCII.
 */
function foldScript(pattern: string): string {
  return pattern.replace(/[^\x00-\x7f]+/g, (run) => fold(run));
}

let scanner: WindowScanner | undefined;

/**
 * One rule per phrase signal (its patterns as one alternation, so repeated hits count as before);
 * the verbs of the persona-capability signal are markers read in JavaScript. One RE2 per signal, not one for all: RE2's DFA for the full
 * alternation outgrows its state cache and falls back to a slower engine; the window scanner
 * runs each rule only near its anchors instead.
 */
function compile(): WindowScanner {
  scanner ??= new WindowScanner(
    PHRASE_SIGNALS.map((sig) => ({ patterns: sig.patterns.map(foldScript), hint: sig.hint })),
    CAPABILITY_VERBS,
  );
  return scanner;
}

/**
 * Map UTF-8 byte offsets of `text` to UTF-16 offsets with one walk over the text. Lone
 * surrogates count 3 bytes, as Buffer.from encodes them as U+FFFD.
 */
function byteOffsetMapper(text: string, offsets: readonly number[]): (byte: number) => number {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const map = new Map<number, number>();
  let k = 0;
  let bytes = 0;
  for (let i = 0; i <= text.length && k < wanted.length; ) {
    while (k < wanted.length && (wanted[k] as number) <= bytes) map.set(wanted[k++] as number, i);
    if (i === text.length) break;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 2;
      continue;
    } else bytes += 3;
    i++;
  }
  return (byte) => map.get(byte) ?? text.length;
}

/** Every signal that fired in a folded text, with hit counts and the span they cover. */
export function collectSignals(folded: string): Map<string, SignalHit> {
  const hits = new Map<string, SignalHit>();
  const add = (id: string, start: number, end: number): void => {
    const h = hits.get(id);
    if (h) {
      h.count++;
      h.start = Math.min(h.start, start);
      h.end = Math.max(h.end, end);
    } else hits.set(id, { id, count: 1, start, end });
  };
  // RE2 works on UTF-8: the scanner hands every rule one Buffer, which spares a conversion of the
  // text per regex. Byte offsets are mapped back to string offsets once, at the end.
  const raw: { signal: string; start: number; end: number }[] = [];
  const verbs: number[] = [];
  const buf = compile().scan(
    folded,
    (rule, start, end) => raw.push({ signal: (PHRASE_SIGNALS[rule] as PhraseSignal).id, start, end }),
    (_verb, at) => verbs.push(at),
  );
  if (buf && raw.length > 0) {
    // ASCII text needs no mapping: byte and string offsets agree.
    const toUtf16 = buf.length === folded.length ? (b: number): number => b : byteOffsetMapper(folded, raw.flatMap((r) => [r.start, r.end]));
    for (const r of raw) add(r.signal, toUtf16(r.start), toUtf16(r.end));
  }
  const turns = fakeTurns(folded);
  if (turns) add('fake_turns', turns.start, turns.end);
  const trailing = trailingInstruction(folded);
  if (trailing) add('instruction_after_data', trailing.start, trailing.end);
  const capable = personaCapabilities(capabilityMatches(folded, verbs));
  if (capable) add('persona_capabilities', capable.start, capable.end);
  return hits;
}

const STRUCTURE_WEIGHTS: Record<string, { inj: number; jb: number }> = {
  fake_turns: { inj: 0.45, jb: 0.3 },
  instruction_after_data: { inj: 0.55, jb: 0 },
  persona_capabilities: { inj: 0, jb: 0.45 },
};

interface Weighting {
  readonly inj: number;
  readonly jb: number;
  readonly repeat?: number;
  readonly maxRepeat?: number;
}

const WEIGHTS = new Map<string, Weighting>([...PHRASE_SIGNALS.map((s) => [s.id, s] as const), ...Object.entries(STRUCTURE_WEIGHTS)]);

export interface FamilyScore {
  readonly score: number;
  /** Signals that contributed, strongest first. */
  readonly signals: readonly string[];
  readonly span: Span | null;
}

/**
 * Jailbreak evidence is judged by density: past LONG_TEXT characters, weights shrink with the
 * square root of the length, so a long document that mentions a few trigger phrases in passing
 * (a 20 KB prompt-engineering guide) does not score like a short template made of them.
 */
const LONG_TEXT = 6000;

export function scoreFamily(hits: ReadonlyMap<string, SignalHit>, family: ScoredFamily, textLength = 0): FamilyScore {
  const damp = family === 'jailbreak' && textLength > LONG_TEXT ? Math.sqrt(LONG_TEXT / textLength) : 1;
  let miss = 1;
  const used: { id: string; w: number }[] = [];
  let start = Infinity;
  let end = -1;
  for (const h of hits.values()) {
    const wt = WEIGHTS.get(h.id);
    const base = wt ? (family === 'injection' ? wt.inj : wt.jb) : 0;
    if (!wt || base <= 0) continue;
    // Repetition is weak extra evidence: templates restate their rules, prose mentions once.
    const w = Math.min(0.95, damp * base * (1 + (wt.repeat ?? 0.15) * Math.min(h.count - 1, wt.maxRepeat ?? 3)));
    miss *= 1 - w;
    used.push({ id: h.id, w });
    start = Math.min(start, h.start);
    end = Math.max(end, h.end);
  }
  used.sort((a, b) => b.w - a.w);
  // Rounded so that a signal of weight 0.45 meets a threshold of 0.45 despite float error.
  const score = Math.round((1 - miss) * 1000) / 1000;
  return { score, signals: used.map((u) => u.id), span: end >= 0 ? { start, end } : null };
}

export const scorerParams = z
  .object({
    /** Minimum combined score (0..1) for a finding. */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type ScorerParams = z.infer<typeof scorerParams>;

/** A compiled detector for one family at one threshold. */
export function compileScorer(family: ScoredFamily, threshold: number): CompiledDetector {
  compile();
  const scanOne = (input: ScanInput): Finding | null => {
    const layer = input.view.folded;
    const fs = scoreFamily(collectSignals(layer.text), family, layer.text.length);
    if (fs.score < threshold || !fs.span) return null;
    const [start, end] = layer.toOriginal(fs.span.start, fs.span.end);
    return {
      detector: family,
      type: family === 'injection' ? 'prompt_injection' : 'jailbreak',
      segment: input.index,
      start,
      end,
      score: fs.score,
      reason: `${family} signals: ${fs.signals.join(', ')} (score ${fs.score.toFixed(2)} ≥ ${threshold})`,
    };
  };
  return {
    scan(inputs) {
      const out: Finding[] = [];
      for (const input of inputs) {
        const f = scanOne(input);
        if (f) out.push(f);
      }
      return out;
    },
  };
}
