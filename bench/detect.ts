/**
 * `npm run bench:detect`: the default detector set (preset `all`, no judge) on realistic 1 KB,
 * 50 KB and 1 MB prompts, against `JSON.parse` of a JSON payload of the same size in the same run.
 * Prints MB/s and the ratio (detectors time / JSON.parse time), and per-byte linearity.
 */
import { performance } from 'node:perf_hooks';
import { policySchema } from '../src/config/index.js';
import { allDetectors } from '../src/detectors/index.js';
import { normalize } from '../src/normalize/index.js';
import { compilePolicy } from '../src/policy/index.js';

/** Small deterministic PRNG: the same texts every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'the team will review quarterly results and plan the next release while customers report issues with ' +
  'the billing service our engineers deployed a fix to production after the incident please summarise ' +
  'this document for the board meeting and draft a reply to the partner about pricing schedule delivery ' +
  'support contract invoice roadmap migration database latency dashboard feedback onboarding'
).split(' ');

const SNIPPET = [
  'def load_config(path):',
  '    with open(path) as fh:',
  '        data = yaml.safe_load(fh)',
  '    return {k: v for k, v in data.items() if v is not None}',
].join('\n');

function realistic(bytes: number, seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const words = Array.from({ length: 8 + Math.floor(r() * 14) }, () => pick(WORDS));
    let sentence = words.join(' ');
    sentence = sentence[0]!.toUpperCase() + sentence.slice(1) + '. ';
    n++;
    // Every so often, the things detectors look for: an email, a key-like token, a code block.
    if (n % 17 === 0) sentence += `Contact ${pick(['jane', 'li.wei', 'omar'])}@${pick(['example.com', 'corp.example'])} for details. `;
    if (n % 53 === 0) sentence += `The key is AKIA${Array.from({ length: 16 }, () => pick([...alnum])).join('')} (rotated). `;
    if (n % 71 === 0) sentence += `\n\n\`\`\`python\n${SNIPPET}\n\`\`\`\n\n`;
    parts.push(sentence);
    size += Buffer.byteLength(sentence);
  }
  return Buffer.from(parts.join('')).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
}

/** Run `fn` until at least `minMs` have passed (after one warm-up call); ms per call. */
async function time(fn: () => unknown, minMs: number): Promise<number> {
  await fn();
  let iters = 0;
  const t0 = performance.now();
  let dt = 0;
  while (dt < minMs || iters < 2) {
    await fn();
    iters++;
    dt = performance.now() - t0;
  }
  return dt / iters;
}

const fmt = (x: number): string => (x >= 10 ? x.toFixed(0) : x.toPrecision(2));

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const engine = compilePolicy('bench', policySchema().parse({ presets: ['all'] }), {});
  const sizes: [string, number][] = [['1 KB', 1024], ['50 KB', 50 * 1024], ['1 MB', 1024 * 1024]];
  const rows: { size: string; bytes: number; detect_ms: number; parse_ms: number; detect_mb_s: number; parse_mb_s: number; ratio: number; findings: number }[] = [];
  for (const [label, bytes] of sizes) {
    const text = realistic(bytes, bytes);
    const payload = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    const segments = [{ path: 'messages[0].content', role: 'user', kind: 'text' as const, text }];
    let findings = 0;
    const detect = await time(async () => {
      const v = await engine.inspectInput(segments, { requestId: 'bench' });
      findings = v.findings.length;
    }, bytes >= 1 << 20 ? 3000 : 1500);
    const parse = await time(() => JSON.parse(payload), 1000);
    const mb = Buffer.byteLength(text) / (1024 * 1024);
    rows.push({ size: label, bytes: Buffer.byteLength(text), detect_ms: detect, parse_ms: parse, detect_mb_s: mb / (detect / 1000), parse_mb_s: Buffer.byteLength(payload) / (1024 * 1024) / (parse / 1000), ratio: detect / parse, findings });
  }
  await engine.close();
  // Where the time goes at 50 KB: each detector alone on an already-normalized view.
  const text50 = realistic(50 * 1024, 50 * 1024);
  const breakdown: { detector: string; ms: number }[] = [];
  const view = normalize(text50);
  const tn = await time(() => {
    const v = normalize(text50);
    return [v.basic, v.digits, v.folded, v.decoded];
  }, 500);
  breakdown.push({ detector: '(normalize: all layers)', ms: tn });
  for (const def of allDetectors()) {
    const p = def.params.safeParse({});
    if (!p.success || def.family === 'topics') continue;
    const d = def.create(p.data);
    const input = { index: 0, segment: { path: 'text', role: 'user', kind: 'text' as const, text: text50 }, view };
    breakdown.push({ detector: def.id, ms: await time(() => d.scan([input], { stage: 'input' }), 300) });
  }
  const perByte = (r: (typeof rows)[number]): number => r.detect_ms / r.bytes;
  const linearity = perByte(rows[2]!) / perByte(rows[1]!);
  if (json) {
    process.stdout.write(`${JSON.stringify({ rows, linearity_1mb_vs_50kb: linearity, breakdown_50kb: breakdown }, null, 2)}\n`);
    return;
  }
  const out = ['size      detectors ms   MB/s     JSON.parse ms   MB/s     ratio   findings'];
  for (const r of rows) {
    out.push(
      `${r.size.padEnd(8)} ${r.detect_ms.toFixed(3).padStart(12)} ${fmt(r.detect_mb_s).padStart(7)} ${r.parse_ms.toFixed(3).padStart(14)} ${fmt(r.parse_mb_s).padStart(7)} ${r.ratio.toFixed(2).padStart(8)}x ${String(r.findings).padStart(8)}`,
    );
  }
  out.push('', `linearity: time per byte at 1 MB is ${linearity.toFixed(2)}x that at 50 KB (1.00 = perfectly linear)`);
  out.push('target: ratio <= 3x JSON.parse on the same payload', '', 'at 50 KB, each alone:');
  for (const b of breakdown) out.push(`  ${b.detector.padEnd(26)} ${b.ms.toFixed(3).padStart(10)} ms`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:detect: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(2);
});
