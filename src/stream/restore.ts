import type { PseudonymVault } from '../policy/types.js';

/**
 * Restores pseudonym placeholders (`<EMAIL_ADDRESS_1>`) in text that arrives in pieces. A piece
 * that ends with what could be the start of a placeholder keeps that part back until the next
 * piece shows whether it completes one, so a placeholder split at any offset is still restored.
 */
export class StreamRestorer {
  private held = '';
  private readonly keys: readonly string[];
  private readonly firstChars: ReadonlySet<string>;
  private readonly maxLen: number;

  constructor(private readonly vault: PseudonymVault) {
    this.keys = [...vault.entries.keys()].filter((k) => k.length > 0);
    this.firstChars = new Set(this.keys.map((k) => k[0] as string));
    this.maxLen = this.keys.reduce((m, k) => Math.max(m, k.length), 0);
  }

  /** Add a piece; returns the restored text that can be released now. */
  push(piece: string): string {
    const text = this.held + piece;
    const keep = this.partialSuffix(text);
    this.held = text.slice(text.length - keep);
    return this.vault.restore(text.slice(0, text.length - keep));
  }

  /** The channel ended: whatever is held is not a placeholder after all. */
  flush(): string {
    const t = this.held;
    this.held = '';
    return this.vault.restore(t);
  }

  /** Length of the longest suffix of `text` that is a proper prefix of some placeholder. */
  private partialSuffix(text: string): number {
    const from = Math.max(0, text.length - this.maxLen + 1);
    for (let i = from; i < text.length; i++) {
      if (!this.firstChars.has(text[i] as string)) continue;
      const suffix = text.slice(i);
      if (this.keys.some((k) => k.length > suffix.length && k.startsWith(suffix))) return text.length - i;
    }
    return 0;
  }
}

/** A vault built from a plain map, for callers that hold placeholders without a policy vault. */
export function vaultFromEntries(entries: ReadonlyMap<string, string>): PseudonymVault {
  const keys = [...entries.keys()].filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  return {
    entries,
    restore(text: string): string {
      if (keys.length === 0) return text;
      let out = text;
      for (const k of keys) if (out.includes(k)) out = out.split(k).join(entries.get(k) ?? k);
      return out;
    },
  };
}
