import { AREAS, CORE } from '../areas';
import type { Coverage } from './coverage-entry';

export type { Coverage } from './coverage-entry';

/**
 * What the drift audit does with each part of the desired state: compares it with what it read,
 * uses it to find the live resource, or leaves it unchecked - and then says why. Every property of
 * the desired state has an entry (a test walks the example's desired state), so a property a stack
 * starts to deploy is either audited or listed as not checked; reports list the unchecked ones the
 * way `lzkit nag` lists the resources it could not check. Each area keeps the entries of its part.
 */
export const AUDIT_COVERAGE: readonly Coverage[] = [...CORE.coverage, ...AREAS.flatMap((a) => a.coverage)];

/** The entry that covers a property path (the longest matching prefix), if any. */
export function coverageOf(path: string): Coverage | undefined {
  let best: Coverage | undefined;
  for (const c of AUDIT_COVERAGE) {
    if ((path === c.path || path.startsWith(`${c.path}.`) || path.startsWith(`${c.path}[]`)) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}

/** What the audit does not check, for the reports. */
export function uncheckedProperties(): readonly { readonly path: string; readonly why: string }[] {
  return AUDIT_COVERAGE.flatMap((c) => (c.audit === 'not-checked' ? [{ path: c.path, why: c.why }] : []));
}
