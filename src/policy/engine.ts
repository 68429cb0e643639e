import { performance } from 'node:perf_hooks';
import type { PolicyConfig } from '../config/policy.js';
import type { GuardConfig } from '../config/schema.js';
import type { ScanInput, Segment } from '../detectors/index.js';
import { normalize as projectNormalize } from '../normalize/index.js';
import { planEdits } from './actions.js';
import { runGuards } from './guards.js';
import { createJudge, type Judge, type JudgeOptions } from './judge.js';
import { compilePipeline } from './pipeline.js';
import { expandPresets } from './presets.js';
import { compilePatterns, type PatternHit } from './rules.js';
import { compileTopicChecks } from './topics.js';
import type { CompiledPolicy, InspectContext, PolicyFinding, Verdict } from './types.js';
import { blockVerdict, describeFindings, passVerdict, type Timings } from './verdicts.js';
import { RequestVault } from './vault.js';
import { blobInputs, plainView, scanInputs, unescapedJsonInputs, type Normalizer } from './view.js';

export interface CompileOptions extends JudgeOptions {
  /** Builds the normalized view of a text; defaults to the project's normalizer. */
  readonly normalize?: Normalizer;
}

/** A compiled policy that owns network pools (the judge's): close it when a reload retires it. */
export interface PolicyHandle extends CompiledPolicy {
  close(): Promise<void>;
}

function judgeFor(name: string, guards: Record<string, GuardConfig>, judges: Map<string, Judge>, where: string, opts: JudgeOptions): Judge {
  const known = judges.get(name);
  if (known) return known;
  const g = guards[name];
  if (!g) throw new Error(`${where}: guard "${name}" is not defined under guards (known: ${Object.keys(guards).join(', ') || 'none'})`);
  const j = createJudge(name, g, opts);
  judges.set(name, j);
  return j;
}

export function compilePolicy(name: string, policyIn: PolicyConfig, guards: Record<string, GuardConfig>, opts: CompileOptions = {}): PolicyHandle {
  const policy = expandPresets(policyIn);
  const normalize = opts.normalize ?? defaultNormalizer;
  const patterns = compilePatterns(policy);
  const pipelines = { input: compilePipeline(name, 'input', policy.input, normalize), output: compilePipeline(name, 'output', policy.output, normalize) };
  const judges = new Map<string, Judge>();
  const guard = policy.guard === undefined ? undefined : judgeFor(policy.guard, guards, judges, `policies.${name}.guard`, opts);
  const topics = {
    input: compileTopicChecks(policy.input, (g, where) => judgeFor(g, guards, judges, `policies.${name}.input.${where}`, opts), normalize),
    output: compileTopicChecks(policy.output, (g, where) => judgeFor(g, guards, judges, `policies.${name}.output.${where}`, opts), normalize),
  };

  function patternBlock(hit: PatternHit, timings: Timings): Verdict {
    const reason = hit.rule === 'allow_patterns' ? 'The prompt matches none of the allowed patterns.' : `The prompt matches a denied pattern (${hit.rule}).`;
    return blockVerdict('input', hit.rule, reason, [hit.finding], timings);
  }

  /** Deny patterns also see the normalized text, so a zero-width space cannot split a denied word. */
  function denyHit(segments: readonly Segment[], inputs: readonly ScanInput[]): PatternHit | undefined {
    if (!patterns.hasDeny) return undefined;
    const direct = patterns.deny(segments);
    if (direct) return direct;
    const json = unescapedJsonInputs(inputs, normalize);
    const inJson = patterns.deny(json.map((b) => b.input.segment));
    if (inJson) return { rule: inJson.rule, finding: { ...inJson.finding, segment: json[inJson.finding.segment]!.owner, start: 0, end: segments[json[inJson.finding.segment]!.owner]!.text.length } };
    if (normalize === plainView) return undefined;
    // Only texts the normalizer changed can hit here; the direct check saw the others as they are.
    // The basic layer is built for the blob search below anyway, and printable ASCII gets the
    // original string back (no second scan of a long prompt to tell that it is plain).
    const changed = inputs.filter((i) => i.view.basic.text !== i.segment.text);
    const hit = patterns.deny(changed.map((i) => ({ ...i.segment, text: i.view.basic.text })));
    if (hit) {
      const owner = changed[hit.finding.segment]!.index;
      return { rule: hit.rule, finding: { ...hit.finding, segment: owner, start: 0, end: segments[owner]!.text.length } };
    }
    // Encoded blobs too: base64 of a denied word must not slip through.
    const blobs = blobInputs(inputs);
    const inBlob = patterns.deny(blobs.map((b) => ({ ...b.input.segment, text: b.input.view.basic.text })));
    if (!inBlob) return undefined;
    const b = blobs[inBlob.finding.segment]!;
    return { rule: inBlob.rule, finding: { ...inBlob.finding, segment: b.owner, start: b.start, end: b.end } };
  }

  async function inspect(stage: 'input' | 'output', segments: readonly Segment[], ctx: InspectContext): Promise<Verdict> {
    const timings: Timings = { detectors_ms: 0, judge_ms: 0 };
    const t0 = performance.now();
    const findings: PolicyFinding[] = [];
    const inputs = scanInputs(segments, normalize);
    if (stage === 'input') {
      const hit = denyHit(segments, inputs) ?? patterns.notAllowed(segments);
      if (hit) {
        timings.detectors_ms = performance.now() - t0;
        return patternBlock(hit, timings);
      }
      findings.push(...patterns.ruleFindings(segments));
    }
    findings.push(...pipelines[stage].run(inputs, { stage, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.request ? { request: ctx.request } : {}) }));
    timings.detectors_ms = performance.now() - t0;

    const blocking = findings.filter((f) => f.action === 'block');
    if (blocking.length > 0) {
      const lead = blocking[0]!;
      return blockVerdict(stage, `${lead.detector}:${lead.type}`, `${describeFindings(blocking)}.`, findings, timings);
    }
    const vault = new RequestVault();
    const edits = planEdits(segments, findings, vault);
    const checks = topics[stage];
    const useGuard = guard !== undefined && (stage === 'input' || (policy.guard_output && ctx.partial !== true));
    if (checks.length === 0 && !useGuard) return passVerdict(findings, edits, vault, timings);

    // The judge sees what the provider would see: texts after redaction.
    const edited = new Map(edits.map((e) => [e.segment, e.text]));
    const texts = segments.map((s, i) => edited.get(i) ?? s.text).filter((t) => t.trim() !== '');
    const tj = performance.now();
    const blocked = await runGuards(stage, checks, useGuard ? guard : undefined, segments, texts, ctx.signal, findings, timings).finally(() => {
      timings.judge_ms = performance.now() - tj;
    });
    if (blocked) return { ...blocked, timings: { ...timings } };
    return passVerdict(findings, edits, vault, timings);
  }

  return {
    name,
    inspectsOutput: pipelines.output.size > 0 || topics.output.length > 0 || (guard !== undefined && policy.guard_output),
    inspectInput: (segments, ctx) => inspect('input', segments, ctx),
    inspectOutput: (segments, ctx) => inspect('output', segments, ctx),
    async close() {
      await Promise.all([...judges.values()].map((j) => j.close()));
    },
  };
}

const defaultNormalizer: Normalizer = (text) => projectNormalize(text);
