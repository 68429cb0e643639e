import { z } from 'zod';
import type { Layer, TextView } from '../../normalize/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector, type Finding, type ScanInput } from '../types.js';
import { scanAddresses } from './address.js';
import { contextTest, NEGATIVE_NUMBER_CONTEXT, PHONE_CONTEXT } from './context.js';
import { scanDates } from './dates.js';
import { PII_ENTITIES } from './entities.js';
import { scanIds } from './numbers.js';
import { scanNetwork } from './network.js';
import { scanPersons } from './person.js';
import { scanPhones } from './phone.js';

const KNOWN = new Set(PII_ENTITIES.map((e) => e.type));

const paramsSchema = z
  .object({
    /** Entity types to report (default: every type marked default-on). */
    entities: z
      .array(z.string())
      .min(1)
      .superRefine((list, ctx) => {
        for (const t of list) if (!KNOWN.has(t)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown PII entity "${t}"` });
      })
      .optional(),
    /** Findings scoring below this are dropped. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Extra context words: a list for every type, or a map from entity type to words. */
    context_words: z.union([z.array(z.string().min(1)), z.record(z.string(), z.array(z.string().min(1)))]).optional(),
    /** Values never reported (compared without case, spaces and separators). */
    allow: z.array(z.string()).default([]),
  })
  .strict();
export type PiiParams = z.infer<typeof paramsSchema>;

interface Candidate {
  type: string;
  start: number;
  end: number;
  score: number;
  why: string;
  /** Number-like: context words raise it, "order"/"invoice" lower it. */
  context?: readonly string[];
}

const SPELLED_OR_WIDE = /[A-Za-z\u0080-\uffff]/;
/** Spelled-out, non-ASCII or Chinese digits: only then is the digits layer worth a second pass. */
const DIGIT_WORD_OR_NON_ASCII = /\b(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|niner|double|triple)\b|(?![0-9])\p{Nd}|[〇零一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]/iu;
const MAX_ID_CANDIDATES = 20_000;
const compactValue = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s\-./()\u200b-\u200f\u2060\ufeff]/g, '');

function layerRange(layer: Layer, s: number, e: number): [number, number] {
  return layer.toOriginal(s, e);
}

/** Number-shaped findings from one layer (basic, or digits when spelled-out digits are present). */
function numberCandidates(view: TextView, layer: Layer, fromDigits: boolean, on: (t: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const original = view.original;
  for (const m of scanIds(layer.text, (r) => on(r.type), MAX_ID_CANDIDATES)) {
    const [s, e] = layerRange(layer, m.start, m.end);
    const raw = original.slice(s, e);
    const spelled = fromDigits && SPELLED_OR_WIDE.test(raw.replace(/[A-Z]/g, ''));
    let base = m.rule.scoreOf ? m.rule.scoreOf(m.compact) : m.rule.score;
    if (!spelled && /[\s./-]/.test(raw)) {
      // Written in its usual grouping: likelier; in some other grouping: likely another thing.
      if (!m.rule.format || m.rule.format.test(raw)) base = Math.max(base, m.rule.formattedScore ?? base);
      else base -= 0.25;
    }
    out.push({
      type: m.rule.type,
      start: s,
      end: e,
      score: spelled ? Math.max(base, 0.5) + 0.1 : base,
      why: spelled ? 'format and check digits, written in words' : m.rule.check ? 'format and check digits' : 'format',
      context: m.rule.context,
    });
  }
  if (on('PHONE_NUMBER')) {
    for (const p of scanPhones(layer.text)) {
      const [s, e] = layerRange(layer, p.start, p.end);
      const spelled = fromDigits && SPELLED_OR_WIDE.test(original.slice(s, e));
      out.push({ type: 'PHONE_NUMBER', start: s, end: e, score: spelled ? Math.max(p.score, 0.5) : p.score, why: 'valid phone number', context: PHONE_CONTEXT });
    }
  }
  return out;
}

function collect(view: TextView, on: (t: string) => boolean): Candidate[] {
  const basic = view.basic;
  const text = basic.text;
  const cands: Candidate[] = [];
  const map = (type: string, s: number, e: number, score: number, why: string): void => {
    if (!on(type)) return;
    const [os, oe] = basic.toOriginal(s, e);
    cands.push({ type, start: os, end: oe, score, why });
  };
  for (const m of scanNetwork(text, on)) map(m.type, m.start, m.end, m.score, 'format');
  for (const c of numberCandidates(view, basic, false, on)) cands.push(c);
  if (DIGIT_WORD_OR_NON_ASCII.test(text)) for (const c of numberCandidates(view, view.digits, true, on)) cands.push(c);
  if (on('STREET_ADDRESS') || on('UK_POSTCODE')) for (const a of scanAddresses(text)) map(a.type, a.start, a.end, a.score, a.why);
  if (on('DATE_OF_BIRTH') || on('DATE_TIME')) for (const d of scanDates(text)) map(d.type, d.start, d.end, d.score, d.type === 'DATE_OF_BIRTH' ? 'date with birth context' : 'date');
  if (on('PERSON')) for (const p of scanPersons(text)) map('PERSON', p.start, p.end, p.score, p.why);
  return cands;
}

/** Raises scores with context words near the value (as Presidio does), lowers them for order/invoice numbers. */
function applyContext(c: Candidate, original: string, extra: (type: string) => readonly string[]): number {
  const words = [...(c.context ?? []), ...extra(c.type)];
  if (words.length === 0) return c.score;
  const around = original.slice(Math.max(0, c.start - 64), Math.min(original.length, c.end + 32)).toLowerCase();
  if (contextTest(words).test(around)) return Math.min(1, Math.max(c.score + 0.35, 0.6));
  if (c.context && NEGATIVE_NUMBER_CONTEXT.test(around)) return c.score - 0.3;
  return c.score;
}

/**
 * Keeps the best finding where findings nest; partial overlaps of different types both stay.
 * Works cluster by cluster (runs of overlapping ranges), so many findings stay cheap.
 */
function resolve(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    cluster.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
    const kept: Candidate[] = [];
    for (const c of cluster) {
      const nested = kept.some((k) => k.start <= c.start && c.end <= k.end);
      const sameTypeOverlap = kept.some((k) => k.type === c.type && k.start < c.end && c.start < k.end);
      if (!nested && !sameTypeOverlap) kept.push(c);
    }
    for (const k of kept) out.push(k);
    cluster = [];
  };
  for (const c of cands) {
    if (c.start >= clusterEnd && cluster.length > 0) flush();
    cluster.push(c);
    clusterEnd = Math.max(clusterEnd, c.end);
  }
  flush();
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export const piiDetector = defineDetector<PiiParams>({
  id: 'pii',
  family: 'pii',
  stage: 'both',
  summary: 'Personal data: contact details, payment and bank numbers, national IDs with their check digits, addresses, names and dates of birth, seen through obfuscation.',
  entities: PII_ENTITIES.map(({ type, description }) => ({ type, description })),
  params: paramsSchema,
  create(params) {
    const enabled = new Set(params.entities ?? PII_ENTITIES.filter((e) => e.defaultOn).map((e) => e.type));
    const on = (t: string): boolean => enabled.has(t);
    const allow = new Set(params.allow.map(compactValue));
    const cw = params.context_words;
    const extra = (type: string): readonly string[] => (cw === undefined ? [] : Array.isArray(cw) ? cw : (cw[type] ?? []));
    return {
      scan(inputs: readonly ScanInput[]): Finding[] {
        const findings: Finding[] = [];
        for (const input of inputs) {
          const original = input.view.original;
          const scored = collect(input.view, on).map((c) => ({ ...c, score: applyContext(c, original, extra) }));
          const passing = scored.filter((c) => c.score >= params.threshold && c.end > c.start);
          for (const c of resolve(passing)) {
            if (allow.size > 0 && allow.has(compactValue(original.slice(c.start, c.end)))) continue;
            findings.push({
              detector: 'pii',
              type: c.type,
              segment: input.index,
              start: c.start,
              end: c.end,
              score: Math.round(c.score * 100) / 100,
              reason: `${c.type}: ${c.why}`,
            });
          }
        }
        return findings;
      },
    };
  },
});

registerDetectors(piiDetector);
