import { normalize } from '../../normalize/index.js';
import type { ScanInput, Segment } from '../types.js';

/** Scan inputs for unit tests of the code / injection / jailbreak / keywords detectors. */
export function testInputs(...texts: string[]): ScanInput[] {
  return texts.map((text, index) => {
    const segment: Segment = { path: `messages[${index}].content`, role: 'user', kind: 'text', text };
    return { index, segment, view: normalize(text) };
  });
}
