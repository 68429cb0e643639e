/**
 * `npm run eval`: the `--preset all` engine (no judge) over the evaluation corpora. A text counts
 * as positive when the corpus's detector family fires on it. Prints TPR, FPR and precision per
 * corpus and per kind, language accuracy for code, and texts/second.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { policySchema } from '../src/config/index.js';
import '../src/detectors/index.js';
import { compilePolicy } from '../src/policy/index.js';

const FAMILY: Record<string, string> = { secrets: 'secrets', pii: 'pii', code: 'code', jailbreak: 'jailbreak', injection: 'injection' };

interface Row {
  text: string;
  label: number;
  kind: string;
}
interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
interface Stats extends Counts {
  n: number;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
function stats(c: Counts): Stats {
  return { ...c, n: c.tp + c.fp + c.tn + c.fn, tpr: ratio(c.tp, c.tp + c.fn), fpr: ratio(c.fp, c.fp + c.tn), precision: ratio(c.tp, c.tp + c.fp) };
}
const empty = (): Counts => ({ tp: 0, fp: 0, tn: 0, fn: 0 });

/** Language names as corpora and detectors spell them differently (C++ / cpp, Shell / bash). */
function lang(s: string): string {
  const l = s.toLowerCase().replace(/^lang[:_-]/, '');
  const map: Record<string, string> = { 'c++': 'cpp', 'c#': 'csharp', cs: 'csharp', js: 'javascript', ts: 'typescript', bash: 'shell', sh: 'shell', zsh: 'shell', py: 'python', golang: 'go', rb: 'ruby', rs: 'rust', kt: 'kotlin' };
  return map[l] ?? l;
}

function parseArgs(argv: string[]): { corpus: string; json: boolean; allKinds: boolean } {
  const here = fileURLToPath(new URL('.', import.meta.url));
  let corpus = resolve(here, '..', '..', 'shared', 'eval');
  let json = false;
  let allKinds = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') corpus = resolve(argv[++i] ?? '');
    else if (argv[i]?.startsWith('--corpus=')) corpus = resolve(argv[i]!.slice(9));
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--all-kinds') allKinds = true;
    else throw new Error(`unknown option ${argv[i]} (use --corpus DIR, --json, --all-kinds)`);
  }
  return { corpus, json, allKinds };
}

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

const MAX_KINDS = 15;
const pct = (x: number | null): string => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.corpus)) throw new Error(`corpus directory ${args.corpus} not found (use --corpus DIR)`);
  const engine = compilePolicy('eval', policySchema().parse({ presets: ['all'] }), {});
  const report: Record<string, unknown> = {};
  let texts = 0;
  let seconds = 0;
  const files = readdirSync(args.corpus).filter((f) => f.endsWith('.jsonl')).sort();
  for (const f of files) {
    const name = basename(f, '.jsonl');
    const family = FAMILY[name];
    if (!family) continue;
    const rows = readRows(join(args.corpus, f));
    const total = empty();
    const byKind = new Map<string, Counts>();
    let langRight = 0;
    let langSeen = 0;
    const t0 = performance.now();
    for (const [i, row] of rows.entries()) {
      const v = await engine.inspectInput([{ path: 'text', role: 'user', kind: 'text', text: row.text }], { requestId: `eval-${i}` });
      const hits = v.findings.filter((x) => x.detector === family);
      const predicted = hits.length > 0;
      const key = row.label === 1 ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn';
      total[key]++;
      let k = byKind.get(row.kind);
      if (!k) byKind.set(row.kind, (k = empty()));
      k[key]++;
      if (family === 'code' && row.label === 1 && predicted) {
        langSeen++;
        const best = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score)[0]!;
        if (lang(best.type) === lang(row.kind)) langRight++;
      }
    }
    const dt = (performance.now() - t0) / 1000;
    texts += rows.length;
    seconds += dt;
    const kinds = Object.fromEntries([...byKind.entries()].sort((a, b) => b[1].tp + b[1].fn + b[1].fp + b[1].tn - (a[1].tp + a[1].fn + a[1].fp + a[1].tn)).map(([kind, c]) => [kind, stats(c)]));
    report[name] = {
      family,
      ...stats(total),
      texts_per_s: rows.length / dt,
      ...(family === 'code' ? { language_accuracy: ratio(langRight, langSeen), language_checked: langSeen } : {}),
      kinds,
    };
  }
  await engine.close();
  const summary = { corpus: args.corpus, texts, texts_per_s: texts / seconds, corpora: report };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const out: string[] = [`corpus: ${args.corpus}`, ''];
  out.push(`${'corpus / kind'.padEnd(48)} ${'n'.padStart(5)}   TPR     FPR     prec`);
  for (const [name, r] of Object.entries(report) as [string, Stats & { kinds: Record<string, Stats>; language_accuracy?: number | null; texts_per_s: number }][]) {
    out.push(`${name.toUpperCase().padEnd(48)} ${String(r.n).padStart(5)} ${pct(r.tpr)} ${pct(r.fpr)} ${pct(r.precision)}   (${r.texts_per_s.toFixed(0)} texts/s)`);
    if (r.language_accuracy !== undefined) out.push(`  language named correctly: ${pct(r.language_accuracy ?? null)}`);
    const kinds = Object.entries(r.kinds);
    let hidden = 0;
    for (const [idx, [kind, s]] of kinds.entries()) {
      if (!args.allKinds && (s.n < 5 || idx >= MAX_KINDS)) {
        hidden++;
        continue;
      }
      out.push(`  ${kind.slice(0, 46).padEnd(46)} ${String(s.n).padStart(5)} ${pct(s.tpr)} ${pct(s.fpr)} ${pct(s.precision)}`);
    }
    if (hidden > 0) out.push(`  (${hidden} smaller kinds not shown; --all-kinds shows them)`);
    out.push('');
  }
  out.push(`${texts} texts, ${(texts / seconds).toFixed(0)} texts/s overall`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
