import { registerDetectors } from '../registry.js';
import { defineDetector } from '../types.js';
import { compileScorer, scorerParams, type ScorerParams } from './scorer.js';

export { collectSignals, compileScorer, scoreFamily, scorerParams } from './scorer.js';
export type { FamilyScore, ScoredFamily, ScorerParams, SignalHit } from './scorer.js';

/** Tuned on the development half of the injection corpus; see the report in the issue. */
export const INJECTION_THRESHOLD = 0.5;

export const injectionDetector = defineDetector<ScorerParams>({
  id: 'injection',
  family: 'injection',
  stage: 'input',
  summary:
    'Prompt injection: instruction-override phrases (several languages), system-prompt extraction, chat-template tokens and fake turns, forced outputs, and instructions appended to data.',
  entities: [{ type: 'prompt_injection', description: 'Text that tries to replace or subvert the instructions the model was given.' }],
  params: scorerParams,
  create: (p) => compileScorer('injection', p.threshold ?? INJECTION_THRESHOLD),
});

registerDetectors(injectionDetector);
