import type { PseudonymVault, VaultStore } from '../policy/index.js';
import { vaultFromEntries } from '../stream/index.js';
import type { Identity } from './hooks.js';

/**
 * Who a kept mapping belongs to. An answer id fetches the answer through the gateway with the
 * provider key it holds, so restoring for whoever presents the id would hand one caller another's
 * originals; only the caller who sent them gets them back.
 */
export function vaultOwner(id: Identity): string {
  if (id.keyId !== undefined) return `key:${id.keyId}`;
  return id.user !== undefined ? `user:${id.user}` : 'anonymous';
}

/** The pseudonyms kept for a stored answer (`GET /v1/responses/{id}`); never rejects. */
export async function storedVault(store: VaultStore, answerId: string, identity: Identity): Promise<PseudonymVault | undefined> {
  const entries = await store.load(answerId, vaultOwner(identity));
  return entries && entries.size > 0 ? vaultFromEntries(entries) : undefined;
}

/** The answer filter's `keepVault` for a request whose input was pseudonymized, else undefined. */
export function vaultKeeper(store: VaultStore | undefined, requestId: string, identity: Identity, vault: PseudonymVault | undefined): ((answerId: string | undefined) => Promise<void>) | undefined {
  if (!store || !vault || vault.entries.size === 0) return undefined;
  const owner = vaultOwner(identity);
  return (answerId) => store.save({ requestId, owner, entries: vault.entries, ...(answerId !== undefined ? { answerId } : {}) });
}
