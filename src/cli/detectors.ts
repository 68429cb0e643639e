import { parseArgs } from 'node:util';
import { allDetectors } from '../detectors/index.js';
import { println, type CliIO } from './io.js';

/** `airlock detectors`: the manifest of built-in detectors and their entity types. */
export function detectorsCommand(argv: string[], io: CliIO): number {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const list = allDetectors().map((d) => ({ id: d.id, family: d.family, stage: d.stage, summary: d.summary, entities: d.entities }));
  if (values.json) {
    println(io.stdout, JSON.stringify(list, null, 2));
    return 0;
  }
  for (const d of list) {
    println(io.stdout, `${d.id} (${d.family}, ${d.stage}) — ${d.summary}`);
    for (const e of d.entities) println(io.stdout, `    ${e.type}: ${e.description}`);
  }
  return 0;
}
