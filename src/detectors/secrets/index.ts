import { z } from 'zod';
import { registerDetectors } from '../registry.js';
import { defineDetector, type CompiledDetector, type Finding, type ScanInput } from '../types.js';
import type { TextView } from '../../normalize/types.js';
import { SecretEngine } from './engine.js';
import { ALL_RULES, GENERIC_RULES, SECRET_RULES } from './rules/index.js';

export { SECRET_RULES } from './rules/index.js';
export type { SecretRuleDoc, SecretCategory } from './types.js';

const KNOWN = new Set(ALL_RULES.map((r) => r.id));
const ruleIds = z.array(
  z.string().refine((id) => KNOWN.has(id), (id) => ({ message: `unknown secret rule "${id}" (see SECRET_RULES / airlock detectors)` })),
);

export const secretsParams = z
  .object({
    /** Rule ids to enable (default: all). */
    rules: ruleIds.min(1).optional(),
    /** Rule ids to disable. */
    exclude: ruleIds.optional(),
    /** Shannon entropy (bits per character) a generic token value must reach. */
    min_entropy: z.number().min(0).max(8).optional(),
    /** The keyword-and-entropy detector (`password = …`, `api_key: …`). */
    generic: z.boolean().default(true),
  })
  .strict();

export type SecretsParams = z.infer<typeof secretsParams>;

const DEFAULT_MIN_ENTROPY = 3.0;
// Decoded blobs (base64 inside base64…) are scanned to this depth; normalize bounds it too.
const MAX_DECODE_DEPTH = 3;

const TITLES = new Map(ALL_RULES.map((r) => [r.id, r.title]));

export function compileSecrets(params: SecretsParams): CompiledDetector {
  const enabled = new Set(params.rules ?? ALL_RULES.map((r) => r.id));
  for (const id of params.exclude ?? []) enabled.delete(id);
  const genericIds = new Set(GENERIC_RULES.map((r) => r.id).filter((id) => enabled.has(id)));
  const engine = new SecretEngine(
    ALL_RULES.filter((r) => r.kind !== 'generic' && enabled.has(r.id)),
    { generic: params.generic, genericIds, minEntropy: params.min_entropy ?? DEFAULT_MIN_ENTROPY },
  );

  const scanView = (view: TextView, segment: number, out: Finding[], depth: number, blob?: [number, number]): void => {
    const layer = view.basic;
    for (const raw of engine.scan(layer.text)) {
      const [start, end] = blob ?? layer.toOriginal(raw.start, raw.end);
      const title = TITLES.get(raw.rule.id) ?? raw.rule.id;
      out.push({
        detector: 'secrets',
        type: raw.rule.id,
        segment,
        start,
        end,
        score: raw.score,
        reason: blob ? `${title} (rule ${raw.rule.id}) found inside an encoded blob` : `${title} (rule ${raw.rule.id})`,
      });
    }
    if (depth >= MAX_DECODE_DEPTH) return;
    for (const d of view.decoded) scanView(d.view, segment, out, depth + 1, blob ?? [d.start, d.end]);
  };

  return {
    scan(inputs: readonly ScanInput[]): Finding[] {
      const out: Finding[] = [];
      for (const input of inputs) scanView(input.view, input.index, out, 0);
      return dedupe(out);
    },
  };
}

/** A secret seen both in the text and in a decoded copy of it is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.segment}:${f.start}:${f.end}:${f.type}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const secretsDetector = defineDetector<SecretsParams>({
  id: 'secrets',
  family: 'secrets',
  stage: 'both',
  summary: `Credentials and secrets: ${SECRET_RULES.length} documented token formats (cloud, source hosts, CI, chat, payment, AI providers, databases, private keys, JWTs, connection strings) plus a keyword-and-entropy detector for generic password / API-key assignments.`,
  entities: SECRET_RULES.map((r) => ({ type: r.id, description: `${r.title} — ${r.doc}` })),
  params: secretsParams,
  create: compileSecrets,
});

registerDetectors(secretsDetector);
