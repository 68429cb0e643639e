import { anthropicMessages } from './anthropic.js';
import { genericJson } from './generic.js';
import { openaiChat, openaiCompletions, openaiEmbeddings } from './openai.js';
import { openaiResponses } from './responses.js';
import type { Adapter } from './types.js';

export type { Adapter, JsonObject } from './types.js';
export { isObject } from './types.js';
export { providerProfile, inferProvider, CLIENT_CREDENTIAL_HEADERS, type ProviderProfile } from './catalog.js';
export { readUsage, mergeUsage, completeUsage } from './usage.js';
export { anthropicMessages, genericJson, openaiChat, openaiCompletions, openaiEmbeddings, openaiResponses };
export { parsePath, setAt } from './jsonpath.js';

/** Order matters: chat before completions (`/chat/completions` also ends in `/completions`). */
const ADAPTERS: readonly Adapter[] = [openaiChat, openaiCompletions, openaiEmbeddings, openaiResponses, anthropicMessages];

/** The adapter for a request path (without query); unknown paths get the generic one. */
export function selectAdapter(path: string): Adapter {
  for (const a of ADAPTERS) if (a.matches(path)) return a;
  return genericJson;
}

/** The adapter and id of a path that fetches a stored answer (`/v1/responses/{id}`), if it is one. */
export function selectStoredAnswer(path: string): { readonly adapter: Adapter; readonly id: string } | undefined {
  for (const a of ADAPTERS) {
    const id = a.storedAnswerId?.(path);
    if (id !== undefined) return { adapter: a, id };
  }
  return undefined;
}
