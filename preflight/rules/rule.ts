import type { LandingZone } from '../../model';
import type { Level } from '../finding';
import type { StackView } from '../synthesized';

/** What a rule reads: the synthesized stacks in deploy order, and the validated model when there is one. */
export interface RuleInput {
  readonly stacks: readonly StackView[];
  /** Absent for a rule run over hand-written stacks alone. */
  readonly lz?: LandingZone;
}

/** One resource (or stack) a rule finds wanting. */
export interface RuleProblem {
  readonly stack: string;
  /** Terraform address, or empty for a prerequisite of the whole deploy. */
  readonly resource: string;
  readonly message: string;
}

/** cdk-nag's three answers: the rule does not apply, the stacks comply, or they do not (and where). */
export type RuleOutcome =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'compliant' }
  | { readonly status: 'non-compliant'; readonly problems: readonly RuleProblem[] };

/**
 * A precondition of the deploy that Terraform cannot see: a pure function of the synthesized
 * stacks (and the model), with the AWS or Terraform documentation it stands on.
 */
export interface PreconditionRule {
  readonly id: string;
  /** error: the deploy fails or leaves a broken landing zone; warning: a step outside Terraform. */
  readonly level: Level;
  /** The one page that documents the requirement. */
  readonly doc: string;
  /** What the rule proves, one sentence (docs/preflight.md lists it). */
  readonly description: string;
  check(input: RuleInput): RuleOutcome;
}

export const NOT_APPLICABLE: RuleOutcome = { status: 'not-applicable' };
export const COMPLIANT: RuleOutcome = { status: 'compliant' };

/** Compliant when nothing was found, else non-compliant with the problems. */
export function outcome(problems: readonly RuleProblem[]): RuleOutcome {
  return problems.length ? { status: 'non-compliant', problems } : COMPLIANT;
}
