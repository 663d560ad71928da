import type { Severity, SourceLocation } from '../../model/types';

/**
 * A drift category: the kind of a finding. Each area declares its categories (its folder's
 * categories.ts); the union of all of them is `Category` (audits/areas/index.ts), a closed
 * union the compiler checks: a check can report only a category its area declares.
 */
export interface CategoryInfo<C extends string = string> {
  readonly id: C;
  /** Default severity; guardrail findings take the guardrail's own severity. */
  readonly severity: Severity;
  readonly title: string;
  /** Why it matters: the SARIF rule's help text. */
  readonly description: string;
}

export interface FindingResource {
  readonly type: string;
  readonly id: string;
  readonly name: string;
}

export interface Finding<C extends string = string> {
  /** Stable across runs for the same drift (category, resource and what about it). */
  readonly id: string;
  readonly category: C;
  readonly severity: Severity;
  readonly resource: FindingResource;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
  readonly remediation: string;
  /** The declared element this finding is about (SARIF locates results here). */
  readonly location: SourceLocation;
}

/** An area's categories, their ids kept as literal types. */
export function categories<const C extends string>(list: readonly CategoryInfo<C>[]): readonly CategoryInfo<C>[] {
  return list;
}

/** What the engine reports for every part it could not read: not an area's, every area's. */
export const UNAUDITABLE = categories([
  { id: 'unauditable', severity: 'high', title: 'Could not audit', description: 'The audit could not read this account or API; it is not known to comply.' },
]);

/** A finding as a check reports it: its id is derived, its severity defaults to the category's. */
export interface FindingInput<C extends string> extends Omit<Finding<C>, 'id' | 'severity'> {
  /** Overrides the category's severity (guardrails carry their own). */
  readonly severity?: Severity;
  /** Distinguishes findings of one category on one resource (the target of a detached policy). */
  readonly about?: string;
}

/**
 * The `finding` function of an area: it accepts only the area's own categories (a typo or
 * another area's category does not compile) and takes their default severity.
 */
export function findingsOf<C extends string>(list: readonly CategoryInfo<C>[]): (f: FindingInput<C>) => Finding<C> {
  const severity = new Map<string, Severity>(list.map((c) => [c.id, c.severity]));
  return (f) => {
    const { about, ...rest } = f;
    return { ...rest, id: `${f.category}:${f.resource.id}${about ? `:${about}` : ''}`, severity: f.severity ?? severity.get(f.category) ?? 'medium' };
  };
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
