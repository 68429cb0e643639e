/**
 * The public face of the detectors folder. Importing it registers every built-in detector.
 * Each detector folder's index.ts calls registerDetectors(); add one import line per folder.
 */
export * from './types.js';
export { allDetectors, getDetector, registerDetectors } from './registry.js';
