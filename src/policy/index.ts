/**
 * The policy engine: rules, detectors and the intelligent guard → one verdict per request.
 * Other folders import only this file.
 */
import { registerTopicsDetector } from './topics.js';

// Policies may name `topics:` as soon as the engine is loaded.
registerTopicsDetector();

export type { CompiledPolicy, InspectContext, PolicyFinding, PseudonymVault, SegmentEdit, Verdict } from './types.js';
export { compilePolicy, type CompileOptions, type PolicyHandle } from './engine.js';
export { createJudge, buildJudgePrompt, DEFAULT_JUDGE_PROMPT, type Judge, type JudgeAnswer, type JudgeOptions, type JudgeOutcome } from './judge.js';
export { guardEndpoint } from './judge-http.js';
export { parseJudgeAnswer } from './verdict-parse.js';
export { PatternError } from './patterns.js';
export { RequestVault, partialPlaceholderStart, entityLabel } from './vault.js';
export { maskPreview, valueHash } from './mask.js';
export { expandPresets, presetNames } from './presets.js';
export { topicsDetector, registerTopicsDetector } from './topics.js';
export { plainView } from './view.js';
export { vaultConfigSchema, vaultRedisUrl, checkVaultConfig, type VaultConfig } from './vault-config.js';
export { VaultSealer } from './vault-seal.js';
export { RedisVaultStore, openVaultStore, registerVaultMetrics, type VaultStore, type VaultRecord, type VaultLogger } from './vault-store.js';
