import type { DetectorEntry, PolicyConfig } from '../config/policy.js';
import type { Action } from '../config/schema.js';
import { allDetectors, getDetector } from '../detectors/index.js';
import { SEVERITY } from './actions.js';
import { ASYNC_FAMILIES } from './pipeline.js';

interface PresetEntry {
  readonly id: string;
  readonly action: Action;
  readonly params: Record<string, unknown>;
}
interface Preset {
  readonly summary: string;
  readonly input: readonly PresetEntry[];
  readonly output: readonly PresetEntry[];
}

const EU_IDS = [
  'DE_ID_CARD', 'DE_TAX_ID', 'DE_HEALTH_INSURANCE', 'FR_NIR', 'IT_FISCAL_CODE', 'IT_DRIVER_LICENSE', 'ES_NIF', 'ES_NIE',
  'ES_PASSPORT', 'NL_BSN', 'BE_NATIONAL_NUMBER', 'PL_PESEL', 'SE_PERSONNUMMER', 'FI_PERSONAL_IDENTITY_CODE', 'DK_CPR',
  'AT_SVNR', 'PT_NIF', 'IE_PPSN', 'UK_NINO', 'UK_NHS', 'UK_PASSPORT', 'UK_DRIVING_LICENCE',
];
const GDPR = [
  'EMAIL_ADDRESS', 'PHONE_NUMBER', 'PERSON', 'STREET_ADDRESS', 'IP_ADDRESS', 'DATE_OF_BIRTH', 'IBAN_CODE', 'CREDIT_CARD',
  'US_PASSPORT', ...EU_IDS,
];
const HIPAA = [
  'PERSON', 'STREET_ADDRESS', 'DATE_OF_BIRTH', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'US_SSN', 'MEDICAL_RECORD_NUMBER',
  'US_MBI', 'HEALTH_PLAN_ID', 'IP_ADDRESS', 'US_DRIVER_LICENSE', 'US_PASSPORT', 'US_BANK_NUMBER', 'IBAN_CODE', 'CREDIT_CARD',
];
const CCPA = [
  'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'STREET_ADDRESS', 'IP_ADDRESS', 'US_SSN', 'US_ITIN', 'US_DRIVER_LICENSE',
  'US_PASSPORT', 'CREDIT_CARD', 'US_BANK_NUMBER', 'DATE_OF_BIRTH',
];

const pii = (action: Action, entities: readonly string[]): PresetEntry => ({ id: 'pii', action, params: { entities: [...entities] } });

/** Compliance presets pick entity sets; answers are redacted (a placeholder would reach the user). */
const PRESETS: Record<string, Preset> = {
  gdpr: { summary: 'EU personal data: pseudonymized in prompts, redacted in answers', input: [pii('pseudonymize', GDPR)], output: [pii('redact', GDPR)] },
  pci: { summary: 'Card data: prompts with card numbers are blocked, answers redacted', input: [pii('block', ['CREDIT_CARD'])], output: [pii('redact', ['CREDIT_CARD'])] },
  hipaa: { summary: 'The HIPAA identifiers: redacted in prompts and answers', input: [pii('redact', HIPAA)], output: [pii('redact', HIPAA)] },
  ccpa: { summary: 'California personal information: redacted in prompts and answers', input: [pii('redact', CCPA)], output: [pii('redact', CCPA)] },
};

export function presetNames(): string[] {
  return [...Object.keys(PRESETS), 'all'];
}

export function presetSummary(name: string): string | undefined {
  return name === 'all' ? 'Every built-in detector with its default settings and action block (demos, evaluation)' : PRESETS[name]?.summary;
}

/** Fit a preset entry to the detector actually registered: unknown entity types are dropped. */
function resolveEntry(e: PresetEntry): DetectorEntry | undefined {
  const def = getDetector(e.id);
  if (!def) return undefined;
  let params: Record<string, unknown> = e.params;
  const wanted = params.entities;
  if (Array.isArray(wanted) && def.entities.length > 0) {
    const known = new Set(def.entities.map((x) => x.type));
    const kept = wanted.filter((t): t is string => typeof t === 'string' && known.has(t));
    if (kept.length === 0) return undefined;
    params = { ...params, entities: kept };
  }
  const parsed = def.params.safeParse(params);
  if (!parsed.success) return undefined;
  return { id: e.id, action: e.action, enabled: true, params: parsed.data };
}

function allPreset(stage: 'input' | 'output'): DetectorEntry[] {
  const out: DetectorEntry[] = [];
  for (const def of allDetectors()) {
    if (ASYNC_FAMILIES.has(def.family)) continue;
    if (def.stage !== 'both' && def.stage !== stage) continue;
    // Detectors that need configuration (a keyword list) have no meaningful default: skipped.
    const parsed = def.params.safeParse({});
    if (parsed.success) out.push({ id: def.id, action: 'block', enabled: true, params: parsed.data });
  }
  return out;
}

function entitiesOf(e: DetectorEntry): string[] | undefined {
  const p = e.params as { entities?: unknown } | null;
  return p && Array.isArray(p.entities) ? (p.entities as string[]) : undefined;
}

/**
 * Entries of one detector with the same action merge (entity lists united); an entity already
 * covered by a stronger action is dropped from weaker ones, so each value is scanned once.
 */
function mergeEntries(entries: readonly DetectorEntry[]): DetectorEntry[] {
  const byKey = new Map<string, DetectorEntry>();
  for (const e of entries) {
    const k = `${e.id}\u0000${e.action}`;
    const prev = byKey.get(k);
    const a = prev && entitiesOf(prev);
    const b = entitiesOf(e);
    if (!prev) byKey.set(k, e);
    else if (a && b) byKey.set(k, { ...prev, params: { ...(prev.params as object), entities: [...new Set([...a, ...b])] } });
    else if (!b) byKey.set(k, e); // no entity list = everything: the wider one wins
  }
  const merged = [...byKey.values()].sort((x, y) => SEVERITY[y.action] - SEVERITY[x.action]);
  const covered = new Map<string, Set<string> | 'all'>();
  const out: DetectorEntry[] = [];
  for (const e of merged) {
    const seen = covered.get(e.id);
    if (seen === 'all') continue;
    const ents = entitiesOf(e);
    if (!ents) {
      out.push(e);
      covered.set(e.id, 'all');
      continue;
    }
    const rest = seen ? ents.filter((t) => !seen.has(t)) : ents;
    if (rest.length === 0) continue;
    const entry = rest.length === ents.length ? e : resolveEntry({ id: e.id, action: e.action, params: { ...(e.params as object), entities: rest } });
    if (!entry) continue;
    out.push(entry);
    covered.set(e.id, new Set([...(seen ?? []), ...rest]));
  }
  return out;
}

function expandStage(names: readonly string[], stage: 'input' | 'output', explicit: readonly DetectorEntry[]): DetectorEntry[] {
  const fromPresets: DetectorEntry[] = [];
  for (const n of names) {
    if (n === 'all') fromPresets.push(...allPreset(stage));
    else {
      const entries = PRESETS[n]![stage].map(resolveEntry).filter((r): r is DetectorEntry => r !== undefined);
      // A compliance preset that silently turned into nothing would be worse than an error.
      if (entries.length === 0 && PRESETS[n]![stage].length > 0) {
        throw new Error(`preset "${n}" needs the ${PRESETS[n]![stage].map((e) => e.id).join(', ')} detector, which is not available or does not accept its settings`);
      }
      fromPresets.push(...entries);
    }
  }
  // Explicit entries win: a detector the policy configures itself takes nothing from presets.
  const own = new Set(explicit.map((e) => e.id));
  return [...explicit, ...mergeEntries(fromPresets.filter((e) => !own.has(e.id)))];
}

/** The policy with its `presets:` expanded into detector entries (merged under explicit ones). */
export function expandPresets(policy: PolicyConfig): PolicyConfig {
  if (policy.presets.length === 0) return policy;
  for (const [i, n] of policy.presets.entries()) {
    if (n !== 'all' && !PRESETS[n]) throw new Error(`presets[${i}]: unknown preset "${n}" (known: ${presetNames().join(', ')})`);
  }
  return {
    ...policy,
    presets: [],
    input: expandStage(policy.presets, 'input', policy.input),
    output: expandStage(policy.presets, 'output', policy.output),
  };
}
