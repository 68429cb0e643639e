import type { SecretRule } from '../types.js';
import { contexts, patterns } from './helpers.js';

const P = patterns('ai');
const C = contexts('ai');

/** Keys carrying the `T3BlbkFJ` marker are reported by the more specific `openai-api-key`. */
const noMarker = (v: string): boolean => !v.includes('T3BlbkFJ');

/** AI model providers and ML platforms. */
export const AI_RULES: readonly SecretRule[] = [
  P('openai-api-key', 'OpenAI API key', 'OpenAI API key carrying the `T3BlbkFJ` marker (base64 of "OpenAI"): `sk-`, `sk-proj-`, `sk-svcacct-` or `sk-admin-` and base64url characters around the marker.', 'sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,250}T3BlbkFJ[A-Za-z0-9_-]{20,250}', { score: 0.99 }),
  P('openai-project-key', 'OpenAI project API key', 'OpenAI project key without the marker: `sk-proj-` followed by 40+ base64url characters.', 'sk-proj-[A-Za-z0-9_-]{40,250}', { validate: noMarker }),
  P('openai-service-account-key', 'OpenAI service account key', 'OpenAI service-account key: `sk-svcacct-` followed by 40+ base64url characters.', 'sk-svcacct-[A-Za-z0-9_-]{40,250}', { validate: noMarker }),
  P('openai-admin-key', 'OpenAI admin key', 'OpenAI organization admin key: `sk-admin-` followed by 40+ base64url characters.', 'sk-admin-[A-Za-z0-9_-]{40,250}', { validate: noMarker }),
  P('anthropic-api-key', 'Anthropic API key', 'Anthropic API key: `sk-ant-api03-` followed by 93 base64url characters and `AA`.', 'sk-ant-api03-[A-Za-z0-9_-]{90,100}AA'),
  P('anthropic-admin-api-key', 'Anthropic admin key', 'Anthropic admin API key: `sk-ant-admin01-` followed by 93 base64url characters and `AA`.', 'sk-ant-admin01-[A-Za-z0-9_-]{90,100}AA'),
  P('anthropic-session-key', 'Anthropic session / OAuth token', 'Anthropic console session or OAuth token: `sk-ant-sid01-` / `sk-ant-oat01-` / `sk-ant-ort01-` and base64url characters.', 'sk-ant-(?:sid|oat|ort)01-[A-Za-z0-9_-]{80,120}'),
  P('huggingface-access-token', 'Hugging Face access token', 'Hugging Face user access token: `hf_` followed by 34 alphanumerics.', 'hf_[A-Za-z0-9]{34}'),
  P('huggingface-organization-api-token', 'Hugging Face organization token', 'Hugging Face organization API token: `api_org_` followed by 34 letters.', 'api_org_[A-Za-z]{34}'),
  C('cohere-api-token', 'Cohere API key', 'Cohere API key: 40 alphanumerics next to a Cohere / CO_API_KEY name.', ['cohere', 'co_api_key'], '[A-Za-z0-9]{40}'),
  P('replicate-api-token', 'Replicate API token', 'Replicate API token: `r8_` followed by 37 alphanumerics.', 'r8_[A-Za-z0-9]{37}'),
  P('groq-api-key', 'Groq API key', 'Groq API key: `gsk_` followed by 52 alphanumerics.', 'gsk_[A-Za-z0-9]{52}'),
  P('perplexity-api-key', 'Perplexity API key', 'Perplexity API key: `pplx-` followed by 48 alphanumerics.', 'pplx-[A-Za-z0-9]{48}'),
  P('xai-api-key', 'xAI API key', 'xAI (Grok) API key: `xai-` followed by 80 alphanumerics.', 'xai-[A-Za-z0-9]{80}'),
  P('openrouter-api-key', 'OpenRouter API key', 'OpenRouter API key: `sk-or-v1-` followed by 64 hex characters.', 'sk-or-v1-[a-f0-9]{64}'),
  P('langsmith-api-key', 'LangSmith API key', 'LangSmith key: `lsv2_pt_` (personal) or `lsv2_sk_` (service), 32 hex, `_` and 10 hex characters.', 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}'),
  P('langfuse-secret-key', 'Langfuse secret key', 'Langfuse secret key: `sk-lf-` followed by a UUID.', 'sk-lf-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}'),
  P('pinecone-api-key', 'Pinecone API key', 'Pinecone API key: `pcsk_`, a 5–6 character id, `_` and ~65 alphanumerics.', 'pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}'),
  C('mistral-api-key', 'Mistral AI API key', 'Mistral API key: 32 alphanumerics next to a Mistral name.', ['mistral'], '[A-Za-z0-9]{32}'),
  C('deepseek-api-key', 'DeepSeek API key', 'DeepSeek API key: `sk-` and 32 hex characters next to a DeepSeek name.', ['deepseek'], 'sk-[a-f0-9]{32}'),
  C('together-api-key', 'Together AI API key', 'Together AI API key: 64 hex characters (or `tgp_v1_` and 43 characters) next to a Together name.', ['together'], '[a-f0-9]{64}|tgp_v1_[A-Za-z0-9_-]{43}'),
  C('wandb-api-key', 'Weights & Biases API key', 'Weights & Biases API key: 40 hex characters next to a wandb name.', ['wandb'], '[a-f0-9]{40}'),
  C('elevenlabs-api-key', 'ElevenLabs API key', 'ElevenLabs API key: `sk_` and 48 hex characters (or 32 hex legacy) next to an ElevenLabs / xi-api-key name.', ['elevenlabs', 'xi-api-key', 'xi_api_key'], 'sk_[a-f0-9]{48}|[a-f0-9]{32}'),
  C('stability-api-key', 'Stability AI API key', 'Stability AI key: `sk-` and 48 alphanumerics next to a Stability name.', ['stability'], 'sk-[A-Za-z0-9]{48}'),
  C('assemblyai-api-key', 'AssemblyAI API key', 'AssemblyAI API key: 32 hex characters next to an AssemblyAI name.', ['assemblyai', 'assembly_ai'], '[a-f0-9]{32}'),
  C('deepgram-api-key', 'Deepgram API key', 'Deepgram API key: 40 hex characters next to a Deepgram name.', ['deepgram'], '[a-f0-9]{40}'),
  C('privateai-api-token', 'Private AI API key', 'Private AI API key: 32 alphanumerics next to a Private AI name.', ['private-ai', 'privateai', 'private_ai'], '[a-z0-9]{32}'),
  C('google-gemini-api-key', 'Gemini API key (by name)', 'A Gemini / Generative Language API key (AIza…) assigned to a Gemini name; also caught as gcp-api-key.', ['gemini', 'genai', 'google_api_key'], 'AIza[0-9A-Za-z_-]{35}'),
];
