/**
 * Shapes of the secret rule tables. Rules are data: the engine compiles every table into a few
 * combined RE2 alternations once per config, so adding a rule never adds a pass over the text.
 */

export type SecretCategory =
  | 'cloud'
  | 'source-control'
  | 'ci-cd'
  | 'package-registry'
  | 'communication'
  | 'payment'
  | 'ai'
  | 'saas'
  | 'monitoring'
  | 'database'
  | 'crypto-exchange'
  | 'private-key'
  | 'generic';

/** Which characters may not touch a token's edges (the token would then be part of a longer word). */
export type Boundary = 'alnum' | 'token' | 'none';

export interface SecretRuleBase {
  /** Stable rule id, reported as the finding's `type` (e.g. `github-pat`). */
  readonly id: string;
  readonly title: string;
  readonly category: SecretCategory;
  /** What the credential is and its documented format. */
  readonly doc: string;
  /** 0..1 confidence when the rule fires (default by kind). */
  readonly score?: number;
  /**
   * Extra check on the matched secret (the whole token, or the value for context rules).
   * Return false to drop the match, or a number to override the score.
   */
  readonly validate?: (secret: string) => boolean | number;
  /** Skip the placeholder gate (runs of one character, `EXAMPLE`, …) for formats where it misfires. */
  readonly allowLowEntropy?: boolean;
}

/**
 * A token with a distinctive shape (usually a literal prefix) found anywhere in the text.
 * `re` is RE2 syntax; it may contain one capturing group marking the secret part inside the match.
 */
export interface PatternRule extends SecretRuleBase {
  readonly kind: 'pattern';
  readonly re: string;
  /** Default `alnum` on both sides. */
  readonly left?: Boundary;
  readonly right?: Boundary;
}

/**
 * A generic-looking value (32 hex, 40 base64…) that only counts next to a provider keyword:
 * `<keyword>[name chars] <op> <value>`, as in `twilio_auth_token = "…"` or `<datadogKey>…`.
 */
export interface ContextRule extends SecretRuleBase {
  readonly kind: 'context';
  /**
   * Lower-case words; one must occur (at a word start) in the name the value is assigned to,
   * e.g. `twitter` in `TWITTER_TOKEN`, `twitterToken`, `"twitter_token":` or `<twitterToken>`.
   */
  readonly keywords: readonly string[];
  /** RE2 source of the value (matched in full, bounded by non-token characters). */
  readonly value: string;
}

/** A structure that needs more than one regex (a Kubernetes Secret manifest…). */
export interface StructuredRule extends SecretRuleBase {
  readonly kind: 'structured';
  /** Cheap case-sensitive substrings; the scanner runs only if one occurs in the text. */
  readonly needles: readonly string[];
  scan(text: string): Array<[number, number]>;
}

/** Documented entry of the keyword-and-entropy detector (matching is in generic.ts). */
export interface GenericRule extends SecretRuleBase {
  readonly kind: 'generic';
}

export type SecretRule = PatternRule | ContextRule | StructuredRule | GenericRule;

/** The manifest entry exported as SECRET_RULES. */
export interface SecretRuleDoc {
  readonly id: string;
  readonly title: string;
  readonly category: SecretCategory;
  readonly doc: string;
}
