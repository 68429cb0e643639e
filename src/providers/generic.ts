import type { Segment } from '../detectors/types.js';
import type { Adapter } from './types.js';
import { JSON_BODY, walkStrings } from './walk.js';

/** Any JSON body on a path no adapter knows: every string is inspected (no bypass by path). */
export const genericJson: Adapter = {
  name: 'generic',
  matches: () => true,
  extract(body) {
    const out: Segment[] = [];
    walkStrings(body, '', 'user', 'text', out);
    return out;
  },
  ...JSON_BODY,
};
