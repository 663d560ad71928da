import type { LandingZone } from '../model';
import { simulateApply, type ApplyStats } from './apply/simulate';
import type { PreflightFinding } from './finding';
import { checkGraph, type GraphCheck } from './graph/run';
import { checkPreconditions } from './preconditions';
import { RULES } from './rules';
import { readStacks, withSynthesizedStacks } from './synth';
import type { StackView } from './synthesized';

export type { PreflightFinding } from './finding';
export { RULES } from './rules';

/** Everything preflight found, and what each check covered. */
export interface PreflightReport {
  readonly ok: boolean;
  readonly errors: readonly PreflightFinding[];
  readonly warnings: readonly PreflightFinding[];
  readonly stacks: readonly string[];
  readonly apply: ApplyStats;
  readonly graph: Omit<GraphCheck, 'findings'>;
}

export interface PreflightOptions {
  /** Environment for terraform (PATH decides whether the graph check runs). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Proves the landing zone deploys: synthesizes the declaration, then runs the three independent
 * checks over the same stacks: the apply simulation through the guardrails, the AWS
 * precondition rules, and Terraform's judgement of each stack's graph.
 */
export async function runPreflight(lz: LandingZone, options: PreflightOptions = {}): Promise<PreflightReport> {
  return withSynthesizedStacks(lz, (stacks) => checkStacks(lz, stacks, options));
}

/** Preflight of the stacks a synth already wrote to `outdir` (what `lzkit start` just synthesized). */
export async function runPreflightOn(lz: LandingZone, outdir: string, preferred: readonly string[] = [], options: PreflightOptions = {}): Promise<PreflightReport> {
  return checkStacks(lz, readStacks(outdir, preferred), options);
}

export async function checkStacks(lz: LandingZone, stacks: readonly StackView[], options: PreflightOptions = {}): Promise<PreflightReport> {
  const apply = simulateApply(lz, stacks);
  const preconditions = checkPreconditions(stacks, lz);
  const { findings: graphFindings, ...graph } = await checkGraph(stacks, options.env ?? process.env);
  const all = [...apply.findings, ...preconditions, ...graphFindings];
  const errors = all.filter((f) => f.level === 'error');
  return { ok: errors.length === 0, errors, warnings: all.filter((f) => f.level === 'warning'), stacks: stacks.map((s) => s.name), apply: apply.stats, graph };
}

/** The JSON `lzkit preflight --json` prints: `{ ok, errors, warnings }`, each finding without its level. */
export function toJson(r: PreflightReport): { ok: boolean; errors: unknown[]; warnings: unknown[] } {
  const item = ({ rule, stack, resource, file, line, message, doc }: PreflightFinding) => ({ rule, stack, resource, file, line, message, doc });
  return { ok: r.ok, errors: r.errors.map(item), warnings: r.warnings.map(item) };
}

/** One line per finding (`error FILE:LINE [rule] message`), then the summary line. */
export function toText(r: PreflightReport): string {
  const line = (f: PreflightFinding) => `${f.level} ${f.file ? `${f.file}:${f.line} ` : ''}[${f.rule}] ${f.message}${f.doc ? ` (${f.doc})` : ''}`;
  return `${[...r.errors.map(line), ...r.warnings.map(line), summaryLine(r)].join('\n')}\n`;
}

/** `preflight: deployable, 0 errors, 2 warnings (...)`: what `lzkit start` prints too. */
export function summaryLine(r: PreflightReport): string {
  const graph = r.graph.skipped ? 'graph check skipped' : `terraform ${r.graph.terraform} planned ${r.stacks.length} stacks in ${(r.graph.millis / 1000).toFixed(1)} s`;
  return `preflight: ${r.ok ? 'deployable' : 'NOT deployable'}, ${r.errors.length} error(s), ${r.warnings.length} warning(s): `
    + `apply simulation of ${r.apply.evaluated} resources in member accounts (${r.apply.decisions} decisions; ARNs: ${r.apply.exactResources} exact, ${r.apply.typedResources} by type, ${r.apply.wildcardResources} on *), `
    + `${RULES.length} AWS precondition rules, ${graph}`;
}
