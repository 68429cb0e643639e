import type { GenericRule, SecretRule, SecretRuleDoc } from '../types.js';
import { AI_RULES } from './ai.js';
import { CLOUD_RULES } from './cloud.js';
import { COMMS_RULES } from './comms.js';
import { DATA_RULES } from './data.js';
import { PAYMENT_RULES } from './payment.js';
import { SAAS_RULES } from './saas.js';
import { SOURCE_RULES } from './source.js';

/** The keyword-and-entropy detector's two outputs (see generic.ts). */
export const GENERIC_RULES: readonly GenericRule[] = [
  {
    kind: 'generic',
    id: 'generic-password',
    title: 'Password assignment',
    category: 'generic',
    doc: 'A literal assigned to a password-like name (`password`, `passwd`, `pwd`, `db_pass`, `*_pw`…) in code, YAML, JSON, .env files, XML or query strings. Placeholders, templates and variable references are ignored; short weak passwords still count after an explicit password name.',
  },
  {
    kind: 'generic',
    id: 'generic-api-key',
    title: 'Secret / token / API key assignment',
    category: 'generic',
    doc: 'A high-entropy literal (length ≥ 12, Shannon entropy above the threshold, mixed characters, not a UUID, path or placeholder) assigned to a name ending in token, secret, api key, access key, private key, credentials or auth.',
  },
];

export const ALL_RULES: readonly SecretRule[] = [
  ...AI_RULES,
  ...SOURCE_RULES,
  ...CLOUD_RULES,
  ...COMMS_RULES,
  ...PAYMENT_RULES,
  ...SAAS_RULES,
  ...DATA_RULES,
  ...GENERIC_RULES,
];

/** Manifest of every credential type the secrets detector knows (id, title, category, doc). */
export const SECRET_RULES: readonly SecretRuleDoc[] = ALL_RULES.map(({ id, title, category, doc }) => ({ id, title, category, doc }));

const dup = ALL_RULES.map((r) => r.id).find((id, i, all) => all.indexOf(id) !== i);
if (dup) throw new Error(`secret rule id ${dup} defined twice`);
