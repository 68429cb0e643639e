import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadConfigFile, policySchema, type GuardConfig, type PolicyConfig } from '../config/index.js';
import '../detectors/index.js';
import { compilePolicy, type PolicyHandle, type Verdict } from '../policy/index.js';
import type { CliIO } from './io.js';

const USAGE = `usage: airlock scan [--config FILE] [--policy NAME] [--preset NAME]… [--output] [--jsonl] [FILE…]

Scans text from stdin (or FILEs) with a policy and prints one JSON result per input:
  {"findings":[{"detector","type","start","end","score"}],"verdict":"allow|block|modify|flag"}
  --config FILE   use a policy from this Airlock config (or ASM WasmPlugin manifest)
  --policy NAME   which policy of the config (default: "default", else the only one)
  --preset NAME   add a preset (gdpr, pci, hipaa, ccpa, all); repeatable. With neither
                  --config nor --preset, the preset "all" is used
  --output        scan as a model answer (output detectors) instead of a prompt
  --jsonl         read one {"text": …} object per line; one result line per input, in order
Exit status: 0 nothing found, 1 findings, 2 error.`;

interface ScanArgs {
  config?: string;
  policy?: string;
  presets: string[];
  jsonl: boolean;
  stage: 'input' | 'output';
  files: string[];
}

function parseArgs(argv: readonly string[]): ScanArgs | string {
  const a: ScanArgs = { presets: [], jsonl: false, stage: 'input', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const eq = arg.indexOf('=');
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[i + 1];
      i++;
      return v;
    };
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (name === '--config' || name === '--policy' || name === '--preset') {
      const v = value();
      if (v === undefined || v === '') return `${name} needs a value`;
      if (name === '--config') a.config = v;
      else if (name === '--policy') a.policy = v;
      else a.presets.push(v);
    } else if (arg === '--jsonl') a.jsonl = true;
    else if (arg === '--output') a.stage = 'output';
    else if (arg === '--input') a.stage = 'input';
    else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else a.files.push(arg);
  }
  return a;
}

function pickPolicy(args: ScanArgs, env: NodeJS.ProcessEnv | undefined): { name: string; policy: PolicyConfig; guards: Record<string, GuardConfig> } {
  if (!args.config) {
    const presets = args.presets.length > 0 ? args.presets : ['all'];
    return { name: 'scan', policy: policySchema().parse({ presets }), guards: {} };
  }
  const cfg = loadConfigFile(args.config, env ? { env } : {});
  const names = Object.keys(cfg.policies);
  const name = args.policy ?? (cfg.policies.default ? 'default' : names.length === 1 ? names[0]! : undefined);
  if (name === undefined) throw new Error(`the config has ${names.length} policies; choose one with --policy (${names.join(', ')})`);
  const base = cfg.policies[name];
  if (!base) throw new Error(`no policy "${name}" in ${args.config} (known: ${names.join(', ') || 'none'})`);
  return { name, policy: { ...base, presets: [...base.presets, ...args.presets] }, guards: cfg.guards };
}

export interface ScanResult {
  findings: { detector: string; type: string; start: number; end: number; score: number }[];
  verdict: 'allow' | 'block' | 'modify' | 'flag';
}

export function toResult(v: Verdict): ScanResult {
  const findings = v.findings.map((f) => ({ detector: f.detector, type: f.type, start: f.start, end: f.end, score: Math.round(f.score * 1000) / 1000 }));
  const verdict = v.decision === 'allow' && findings.length > 0 ? 'flag' : v.decision;
  return { findings, verdict };
}

async function scanText(engine: PolicyHandle, stage: 'input' | 'output', text: string, n: number): Promise<ScanResult> {
  const segments = [{ path: 'text', role: stage === 'input' ? 'user' : 'assistant', kind: 'text' as const, text }];
  const ctx = { requestId: `scan-${n}` };
  return toResult(stage === 'input' ? await engine.inspectInput(segments, ctx) : await engine.inspectOutput(segments, ctx));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function textOf(line: string): string | undefined {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const t = (o as { text?: unknown }).text;
  return typeof t === 'string' ? t : undefined;
}

export async function scanCommand(argv: readonly string[], io: Pick<CliIO, 'stdin' | 'stdout' | 'stderr'> & Partial<Pick<CliIO, 'env'>> = process): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`airlock scan: ${args}\n${USAGE}\n`);
    return 2;
  }
  let engine: PolicyHandle;
  try {
    const { name, policy, guards } = pickPolicy(args, io.env);
    engine = compilePolicy(name, policy, guards);
  } catch (err) {
    io.stderr.write(`airlock scan: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let found = false;
  let failed = false;
  const emit = (r: ScanResult | { error: string }, extra: Record<string, unknown> = {}): void => {
    if ('error' in r) failed = true;
    else if (r.findings.length > 0) found = true;
    io.stdout.write(`${JSON.stringify({ ...extra, ...r })}\n`);
  };
  try {
    let n = 0;
    if (args.jsonl) {
      const sources: NodeJS.ReadableStream[] = [];
      if (args.files.length === 0 || args.files.includes('-')) sources.push(io.stdin);
      for (const f of args.files.filter((x) => x !== '-')) sources.push((await import('node:fs')).createReadStream(f));
      for (const src of sources) {
        const rl = createInterface({ input: src, crlfDelay: Infinity });
        for await (const line of rl) {
          n++;
          if (line.trim() === '') continue;
          const text = textOf(line);
          if (text === undefined) emit({ error: `line ${n}: expected a JSON object with a "text" string` });
          else emit(await scanText(engine, args.stage, text, n));
        }
      }
    } else if (args.files.length === 0) {
      emit(await scanText(engine, args.stage, await readAll(io.stdin), 0));
    } else {
      for (const f of args.files) {
        n++;
        const text = f === '-' ? await readAll(io.stdin) : await readFile(f, 'utf8');
        emit(await scanText(engine, args.stage, text, n), args.files.length > 1 ? { file: f } : {});
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(`airlock scan: ${code ? `cannot read input (${code})` : err instanceof Error ? err.message : String(err)}\n`);
    failed = true;
  } finally {
    await engine.close();
  }
  return failed ? 2 : found ? 1 : 0;
}
