import { ConfigError, loadConfigFile } from '../config/index.js';
import '../detectors/index.js';
import { println, type CliIO } from './io.js';

/** `airlock check-config FILE`: exit 0 when valid, 1 with every problem and its path otherwise. */
export function checkConfigCommand(argv: string[], io: CliIO): number {
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file) {
    println(io.stderr, 'usage: airlock check-config FILE');
    return 2;
  }
  try {
    const cfg = loadConfigFile(file, { env: io.env });
    const n = (o: object) => Object.keys(o).length;
    println(io.stdout, `${file}: valid (${n(cfg.upstreams)} upstreams, ${cfg.routes.length} routes, ${n(cfg.policies)} policies, ${n(cfg.guards)} guards)`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) println(io.stderr, `${p.path || '(root)'}: ${p.message}`);
      return 1;
    }
    throw e;
  }
}
