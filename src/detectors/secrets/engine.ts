import RE2 from 're2';
import { GENERIC_KEYWORDS, genericAt, keyBounds, namesSetting, wordLike } from './generic.js';
import type { ContextRule, PatternRule, SecretRule, StructuredRule } from './types.js';
import { PatternSet, literalPrefix } from './patterns.js';
import { escapeRe, stickyAt } from './util.js';
import { charClasses, isObviousPlaceholder, isTemplateOrReference, longestRun, shannon } from './validate.js';

/** A match in the scanned text (offsets in that text), before mapping to the original. */
export interface RawSecret {
  readonly rule: SecretRule | GenericRuleRef;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface GenericRuleRef {
  readonly id: 'generic-password' | 'generic-api-key';
  readonly kind: 'generic';
}

export interface EngineOptions {
  readonly generic: boolean;
  readonly genericIds: ReadonlySet<string>;
  readonly minEntropy: number;
}

// Priority when matches overlap: a shaped token beats a keyword context beats the generic guess.
const PRIORITY = { pattern: 3, structured: 3, context: 2, generic: 1 } as const;
const DEFAULT_SCORE = { pattern: 0.95, structured: 0.9, context: 0.85 } as const;

// Key text between a provider keyword and the operator, the operator, then the opening quote.
// The value must be separated from the name by an operator or at least one quote / space / `>`.
const CONTEXT_LEAD =
  '[\\w.-]{0,40}?(?:[ \\t]+[A-Za-z][\\w<>\\[\\]]{0,15})?' +
  '(?:[\\s\'"`\\])>]{0,4}(?:===?|!==?|:{1,3}=?|=>|\\?=|\\.=|\\+=|\\|\\||->|=|,)|[\\s\'"`\\])>]{1,4})[\\s\'"`(=]{0,8}';

interface ContextSlot {
  readonly rule: ContextRule;
  readonly re: RE2;
}

export class SecretEngine {
  private readonly patterns: PatternSet;
  private readonly keywordRe: RE2 | null;
  private readonly byKeyword = new Map<string, ContextSlot[]>();
  private readonly genericKeywords: ReadonlySet<string>;
  private readonly structured: readonly StructuredRule[];
  private readonly providers: RE2 | null;

  constructor(rules: readonly SecretRule[], private readonly opts: EngineOptions) {
    const patterns = rules.filter((r): r is PatternRule => r.kind === 'pattern');
    // Rules with a literal prefix go first and longest-prefix-first, so `sk-ant-` wins over `sk-`.
    const shaped = patterns.filter((r) => literalPrefix(r.re).length >= 2).sort((a, b) => literalPrefix(b.re).length - literalPrefix(a.re).length);
    const shapeless = patterns.filter((r) => literalPrefix(r.re).length < 2);
    this.patterns = new PatternSet(shaped, shapeless);
    this.structured = rules.filter((r): r is StructuredRule => r.kind === 'structured');
    for (const rule of rules) {
      if (rule.kind !== 'context') continue;
      const re = new RE2(`${CONTEXT_LEAD}(${rule.value})(?:[^A-Za-z0-9_+/=-]|$)`, 'yd');
      for (const kw of rule.keywords) {
        const list = this.byKeyword.get(kw) ?? [];
        list.push({ rule, re });
        this.byKeyword.set(kw, list);
      }
    }
    this.providers = providerNames(rules);
    this.genericKeywords = new Set(opts.generic && opts.genericIds.size > 0 ? GENERIC_KEYWORDS : []);
    const words = [...new Set([...this.byKeyword.keys(), ...this.genericKeywords])].sort((a, b) => b.length - a.length);
    this.keywordRe = words.length ? new RE2(`(?i:${words.map(escapeRe).join('|')})`, 'g') : null;
  }

  scan(text: string): RawSecret[] {
    const out: RawSecret[] = [];
    this.patterns.scan(text, out);
    for (const rule of this.structured) {
      if (!rule.needles.some((n) => text.includes(n))) continue;
      for (const [s, e] of rule.scan(text)) out.push({ rule, start: s, end: e, score: rule.score ?? DEFAULT_SCORE.structured });
    }
    if (this.keywordRe) this.keywordPass(text, out);
    return resolveOverlaps(out);
  }

  private keywordPass(text: string, out: RawSecret[]): void {
    const re = this.keywordRe!;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const s = m.index;
      const e = s + m[0].length;
      const kw = m[0].toLowerCase();
      // A provider keyword must start a word (`ETSY_KEY`, `myEtsyKey`), not sit inside one
      // (`SetSysctl`), and must not be split by a case change (`sumObj` is not `sumo`).
      const prev = text[s - 1] ?? '';
      const startsWord = !/[A-Za-z]/.test(prev) || (/[a-z]/.test(prev) && /[A-Z]/.test(text[s]!));
      const inner = /[a-z][A-Z]/.exec(m[0]);
      if (startsWord && (!inner || m[0].length - inner.index - 1 >= 3)) {
        const [ks, ke] = keyBounds(text, s, e);
        if (!namesSetting(text.slice(ks, ke))) {
          for (const slot of this.byKeyword.get(kw) ?? []) {
            if (this.contextAt(slot, text, e, out)) break;
          }
        }
      }
      if (this.genericKeywords.has(kw)) {
        const hit = genericAt(text, s, e, this.opts.minEntropy, this.providers);
        if (hit && this.opts.genericIds.has(hit.type)) out.push({ rule: { id: hit.type, kind: 'generic' }, start: hit.start, end: hit.end, score: hit.score });
      }
      re.lastIndex = Math.max(e, s + 1);
    }
  }

  private contextAt(slot: ContextSlot, text: string, at: number, out: RawSecret[]): boolean {
    // Values are at most ~2,000 characters after a ~70-character lead: a 4 KiB window holds them.
    const idx = stickyAt(slot.re, text, at, 4096)?.[1];
    if (!idx) return false;
    const [s, e] = idx;
    const v = text.slice(s, e);
    const rule = slot.rule;
    if (isTemplateOrReference(v)) return false;
    if (!rule.allowLowEntropy && (isObviousPlaceholder(v) || wordLike(v) || (charClasses(v) < 2 && shannon(v) < 3))) return false;
    if (rule.allowLowEntropy && (longestRun(v) >= 10 || /x{4}|\*{3}|#{4}|example|placeholder|insert|your/i.test(v))) return false;
    let score: number = rule.score ?? DEFAULT_SCORE.context;
    if (rule.validate) {
      const r = rule.validate(v);
      if (r === false) return false;
      if (typeof r === 'number') score = r;
    }
    out.push({ rule, start: s, end: e, score });
    return true;
  }
}

// First id segments that are formats or generic words, not vendors.
const NOT_PROVIDERS = new Set(['private', 'authorization', 'curl', 'generic', 'kubernetes', 'kubeconfig', 'bitcoin', 'ethereum', 'database', 'docker', 'jwt']);

/**
 * Vendors with a documented token format. A key named after one of them (`telegram_api_token`)
 * is judged by that vendor's rules only: a value in another shape is not a live token of theirs.
 */
function providerNames(rules: readonly SecretRule[]): RE2 | null {
  const names = new Set<string>();
  for (const r of rules) {
    if (r.kind !== 'pattern' || r.category === 'database' || r.category === 'private-key' || r.category === 'generic') continue;
    const head = r.id.split('-')[0]!;
    if (head.length >= 4 && !NOT_PROVIDERS.has(head)) names.add(head);
  }
  return names.size ? new RE2(`(?i:${[...names].map(escapeRe).join('|')})`) : null;
}


function priority(r: RawSecret): number {
  return PRIORITY[r.rule.kind];
}

/** Overlapping matches describe one secret: keep the most specific, then the longest. */
export function resolveOverlaps(found: RawSecret[]): RawSecret[] {
  if (found.length < 2) return found;
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawSecret[] = [];
  let best = sorted[0]!;
  let clusterEnd = best.end;
  for (let i = 1; i < sorted.length; i++) {
    const f = sorted[i]!;
    if (f.start < clusterEnd) {
      const better = priority(f) > priority(best) || (priority(f) === priority(best) && f.end - f.start > best.end - best.start);
      if (better) best = f;
      clusterEnd = Math.max(clusterEnd, f.end);
      continue;
    }
    out.push(best);
    best = f;
    clusterEnd = f.end;
  }
  out.push(best);
  return out;
}
