import type { ProviderName } from '../config/schema.js';

/**
 * How each provider wants its key and which headers it expects. Data, not branches: the upstream
 * module looks the profile up once per config and never tests provider names itself.
 */
export interface ProviderProfile {
  readonly name: ProviderName;
  /** Header carrying the key, and how the value is formed. */
  readonly keyHeader: string;
  keyValue(key: string): string;
  /** Sent when the client did not set them (e.g. `anthropic-version`). */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /** Adds `api-version` to the query when configured and absent (Azure). */
  readonly apiVersionParam?: string;
  /** Environment variable the CLI reads the key from. */
  readonly keyEnv?: string;
}

const bearer = (k: string) => `Bearer ${k}`;
const plain = (k: string) => k;

const PROFILES: Record<ProviderName, ProviderProfile> = {
  openai: { name: 'openai', keyHeader: 'authorization', keyValue: bearer, defaultHeaders: {}, keyEnv: 'OPENAI_API_KEY' },
  dashscope: { name: 'dashscope', keyHeader: 'authorization', keyValue: bearer, defaultHeaders: {}, keyEnv: 'DASHSCOPE_API_KEY' },
  azure: { name: 'azure', keyHeader: 'api-key', keyValue: plain, defaultHeaders: {}, apiVersionParam: 'api-version', keyEnv: 'AZURE_OPENAI_API_KEY' },
  anthropic: { name: 'anthropic', keyHeader: 'x-api-key', keyValue: plain, defaultHeaders: { 'anthropic-version': '2023-06-01' }, keyEnv: 'ANTHROPIC_API_KEY' },
  echo: { name: 'echo', keyHeader: 'authorization', keyValue: bearer, defaultHeaders: {} },
};

export function providerProfile(name: ProviderName): ProviderProfile {
  return PROFILES[name];
}

/** Infer the provider from an upstream URL; anything unknown is treated as OpenAI-compatible. */
export function inferProvider(url: string): ProviderName {
  const u = new URL(url);
  if (u.protocol === 'echo:') return 'echo';
  const h = u.hostname.toLowerCase();
  if (h.endsWith('.openai.azure.com') || h.endsWith('.cognitiveservices.azure.com') || h.endsWith('.services.ai.azure.com')) return 'azure';
  if (h === 'api.anthropic.com' || h.endsWith('.anthropic.com')) return 'anthropic';
  if (h.endsWith('.aliyuncs.com')) return 'dashscope';
  return 'openai';
}

/** Credential headers a client may send; removed before forwarding unless passthrough is set. */
export const CLIENT_CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'api-key', 'x-api-key', 'proxy-authorization'];
