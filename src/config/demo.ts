import { allDetectors } from '../detectors/index.js';
import type { ProviderName } from './schema.js';

/** The usual environment variable holding each provider's key. */
export const PROVIDER_KEY_ENV: Record<Exclude<ProviderName, 'echo'>, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  azure: 'AZURE_OPENAI_API_KEY',
  dashscope: 'DASHSCOPE_API_KEY',
};

export function inferProvider(url: string): ProviderName {
  const u = new URL(url);
  if (u.protocol === 'echo:') return 'echo';
  const h = u.hostname.toLowerCase();
  if (h.endsWith('anthropic.com')) return 'anthropic';
  if (h.endsWith('.openai.azure.com') || h.endsWith('.cognitiveservices.azure.com')) return 'azure';
  if (h.endsWith('dashscope.aliyuncs.com') || h.endsWith('dashscope-intl.aliyuncs.com')) return 'dashscope';
  return 'openai';
}

/** Detector entries that exist in this build, so the demo never names an unknown detector. */
function demoDetectors(stage: 'input' | 'output'): Record<string, unknown> {
  const wanted: Record<string, Record<string, unknown>> =
    stage === 'input'
      ? { secrets: { action: 'block' }, pii: { action: 'pseudonymize' }, injection: { action: 'block' }, jailbreak: { action: 'block' }, invisible_text: { action: 'flag' } }
      : { secrets: { action: 'block' } };
  const out: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(wanted)) if (allDetectors().some((d) => d.id === id)) out[id] = entry;
  return out;
}

/**
 * A single-upstream config in base-URL mode (`serve --upstream URL`), or the no-config demo:
 * an OpenAI-compatible upstream from OPENAI_BASE_URL / OPENAI_API_KEY when set, otherwise the
 * built-in `echo` model, which answers with what it received (no key, no network).
 */
export function singleUpstreamConfig(opts: { url?: string; provider?: ProviderName; env: NodeJS.ProcessEnv; demo: boolean }): Record<string, unknown> {
  let url = opts.url;
  if (url === undefined) url = opts.env.OPENAI_BASE_URL || (opts.env.OPENAI_API_KEY ? 'https://api.openai.com/v1' : 'echo://local');
  const provider = opts.provider ?? inferProvider(url);
  const keyEnv = provider === 'echo' ? undefined : PROVIDER_KEY_ENV[provider];
  const apiKey = keyEnv ? opts.env[keyEnv] : undefined;
  // Clients use Airlock's /v1 as their base URL; /v1 is replaced by the upstream's own base path
  // (e.g. https://api.openai.com/v1, or https://host/compatible-mode/v1).
  const upstream: Record<string, unknown> = { url: provider === 'echo' ? 'echo://local' : url.replace(/\/+$/, ''), provider };
  if (apiKey) upstream.api_key = apiKey;
  const hasBase = provider !== 'echo' && new URL(url).pathname.replace(/\/+$/, '') !== '';
  const route: Record<string, unknown> = { name: 'default', upstream: 'default', path_prefix: hasBase ? '/v1' : '/', policy: 'default', auth: 'trusted' };
  if (hasBase) route.strip_prefix = '/v1';
  return {
    upstreams: { default: upstream },
    routes: [route],
    policies: {
      default: opts.demo
        ? {
            // Shown in the quick start: a deny pattern and the built-in detectors.
            deny_patterns: ['(?i)\\bconfidential\\b'],
            input: demoDetectors('input'),
            output: demoDetectors('output'),
          }
        : {},
    },
  };
}
