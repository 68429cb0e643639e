/**
 * The public face of the detectors folder. Importing it registers every built-in detector.
 * Each detector folder's index.ts calls registerDetectors(); add one import line per folder.
 */
export * from './types.js';
export { allDetectors, getDetector, registerDetectors } from './registry.js';
import './keywords/index.js';
import './code/index.js';
import './injection/index.js';
import './jailbreak/index.js';
import './invisible/index.js';
import './canary/index.js';
import './system-prompt-leak/index.js';
import './toxicity/index.js';
import './secrets/index.js';
// The topics detector asks the judge, so its engine lives in src/policy; its schema is registered
// here so every entry point (serve, check-config, scan) knows the id.
import { registerTopicsDetector } from '../policy/topics.js';
registerTopicsDetector();
import './pii/index.js';
