export { configSchema, type AirlockConfig } from './root.js';
export * from './schema.js';
export { policySchema, type PolicyConfig, type DetectorEntry } from './policy.js';
export { ConfigError, loadConfigFile, parseConfigText, parseConfigDocument, deepFreeze, formatPath, type ConfigProblem } from './loader.js';
export { watchConfig, type ConfigWatcher } from './watch.js';
export { singleUpstreamConfig, inferProvider, PROVIDER_KEY_ENV } from './demo.js';
export { guardOrigin, isWasmPlugin } from './asm.js';
