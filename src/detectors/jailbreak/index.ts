import { compileScorer, scorerParams, type ScorerParams } from '../injection/index.js';
import { registerDetectors } from '../registry.js';
import { defineDetector } from '../types.js';

/** Tuned on the development half of the jailbreak corpus; see the report in the issue. */
export const JAILBREAK_THRESHOLD = 0.45;

export const jailbreakDetector = defineDetector<ScorerParams>({
  id: 'jailbreak',
  family: 'jailbreak',
  stage: 'input',
  summary:
    'Jailbreak templates: DAN and its descendants, developer/unfiltered modes, no-rules personas, refusal suppression, dual responses, token games, stay-in-character, instruction overrides.',
  entities: [{ type: 'jailbreak', description: 'A prompt built to make the model drop its safety rules.' }],
  params: scorerParams,
  create: (p) => compileScorer('jailbreak', p.threshold ?? JAILBREAK_THRESHOLD),
});

registerDetectors(jailbreakDetector);
