import type { Boundary, ContextRule, PatternRule, SecretCategory, SecretRuleBase } from '../types.js';

type Extra = Partial<Pick<SecretRuleBase, 'score' | 'validate' | 'allowLowEntropy'>> & {
  readonly left?: Boundary;
  readonly right?: Boundary;
};

/** Build pattern rules of one category: `pat(id, title, doc, re, extra?)`. */
export function patterns(category: SecretCategory) {
  return (id: string, title: string, doc: string, re: string, extra: Extra = {}): PatternRule => ({
    kind: 'pattern',
    id,
    title,
    category,
    doc,
    re,
    ...extra,
  });
}

/** Build context rules of one category: `ctx(id, title, doc, keywords, value, extra?)`. */
export function contexts(category: SecretCategory) {
  return (
    id: string,
    title: string,
    doc: string,
    keywords: readonly string[],
    value: string,
    extra: Omit<Extra, 'left' | 'right'> = {},
  ): ContextRule => ({ kind: 'context', id, title, category, doc, keywords, value, ...extra });
}

/** RE2 source of a lower-case UUID-shaped value (any case accepted). */
export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Mixed letters and digits: random tokens nearly always have both. */
export function mixed(v: string): boolean {
  return /[0-9]/.test(v) && /[A-Za-z]/.test(v);
}
