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
  /** Start and end of each occurrence, in the order found. */
  readonly starts: number[];
  readonly ends: number[];
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

/** Every signal that fired in a folded text, with hit counts and the span they cover. */
export function collectSignals(folded: string): Map<string, SignalHit> {
  const hits = new Map<string, SignalHit>();
  const add = (id: string, start: number, end: number): void => {
    const h = hits.get(id);
    if (h) {
      h.count++;
      h.start = Math.min(h.start, start);
      h.end = Math.max(h.end, end);
      h.starts.push(start);
      h.ends.push(end);
    } else hits.set(id, { id, count: 1, start, end, starts: [start], ends: [end] });
  };
  const verbs: number[] = [];
  compile().scan(
    folded,
    (rule, start, end) => add((PHRASE_SIGNALS[rule] as PhraseSignal).id, start, end),
    (_verb, at) => verbs.push(at),
  );
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
 * Jailbreak evidence is judged by density. When the signals are spread over more than LONG_SPAN
 * characters, the whole text scores with weights shrunk by the square root of the spread, so a
 * long document that mentions a few trigger phrases far apart (a 20 KB prompt-engineering guide)
 * does not score like a short template made of them; and every stretch of LONG_SPAN characters
 * also scores on its own, undamped, so a template padded with filler, or preceded by one distant
 * trigger word, still scores as the template it is. The higher of the two counts.
 */
const LONG_SPAN = 6000;

interface Weighted {
  readonly hit: SignalHit;
  readonly base: number;
  readonly wt: Weighting;
}

function combine(items: readonly { id: string; base: number; wt: Weighting; count: number }[], damp: number): { score: number; used: { id: string; w: number }[] } {
  let miss = 1;
  const used: { id: string; w: number }[] = [];
  for (const { id, base, wt, count } of items) {
    if (count <= 0) continue;
    // Repetition is weak extra evidence: templates restate their rules, prose mentions once.
    const w = Math.min(0.95, damp * base * (1 + (wt.repeat ?? 0.15) * Math.min(count - 1, wt.maxRepeat ?? 3)));
    miss *= 1 - w;
    used.push({ id, w });
  }
  used.sort((a, b) => b.w - a.w);
  // Rounded so that a signal of weight 0.45 meets a threshold of 0.45 despite float error.
  return { score: Math.round((1 - miss) * 1000) / 1000, used };
}

/** The best-scoring stretch of LONG_SPAN characters, with two pointers over the occurrences. */
function densestStretch(sigs: readonly Weighted[]): FamilyScore {
  const events = sigs.flatMap((s, i) => s.hit.starts.map((at, k) => ({ at, end: s.hit.ends[k] as number, i }))).sort((a, b) => a.at - b.at);
  const counts = new Array<number>(sigs.length).fill(0);
  const items = sigs.map((s) => ({ id: s.hit.id, base: s.base, wt: s.wt, count: 0 }));
  let best: FamilyScore = { score: 0, signals: [], span: null };
  let r = 0;
  let reach = -1;
  for (const first of events) {
    while (r < events.length && (events[r] as { at: number }).at < first.at + LONG_SPAN) {
      const e = events[r++] as { end: number; i: number };
      counts[e.i]++;
      reach = Math.max(reach, e.end);
    }
    items.forEach((it, i) => (it.count = counts[i] as number));
    const { score, used } = combine(items, 1);
    if (score > best.score) best = { score, signals: used.map((u) => u.id), span: { start: first.at, end: reach } };
    counts[first.i]--;
  }
  return best;
}

export function scoreFamily(hits: ReadonlyMap<string, SignalHit>, family: ScoredFamily): FamilyScore {
  const sigs: Weighted[] = [];
  let start = Infinity;
  let end = -1;
  for (const hit of hits.values()) {
    const wt = WEIGHTS.get(hit.id);
    const base = wt ? (family === 'injection' ? wt.inj : wt.jb) : 0;
    if (!wt || base <= 0) continue;
    sigs.push({ hit, base, wt });
    start = Math.min(start, hit.start);
    end = Math.max(end, hit.end);
  }
  const spread = end - start;
  const damp = family === 'jailbreak' && spread > LONG_SPAN ? Math.sqrt(LONG_SPAN / spread) : 1;
  const { score, used } = combine(sigs.map((s) => ({ id: s.hit.id, base: s.base, wt: s.wt, count: s.hit.count })), damp);
  const whole: FamilyScore = { score, signals: used.map((u) => u.id), span: end >= 0 ? { start, end } : null };
  if (damp === 1) return whole;
  const dense = densestStretch(sigs);
  return dense.score > whole.score ? dense : whole;
}

export const scorerParams = z
  .object({
    /** Minimum combined score (0..1) for a finding. */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type ScorerParams = z.infer<typeof scorerParams>;

/**
 * Signals per folded layer: the injection and jailbreak detectors read the same signals from the
 * same view, so the second one scores without scanning again.
 */
const signalsOf = new WeakMap<object, ReadonlyMap<string, SignalHit>>();

/** A compiled detector for one family at one threshold. */
export function compileScorer(family: ScoredFamily, threshold: number): CompiledDetector {
  compile();
  const scanOne = (input: ScanInput): Finding | null => {
    const layer = input.view.folded;
    let hits = signalsOf.get(layer);
    if (!hits) {
      hits = collectSignals(layer.text);
      signalsOf.set(layer, hits);
    }
    const fs = scoreFamily(hits, family);
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
