import { createHash } from 'crypto';
import { desiredState, type DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { Snapshot } from '../snapshot';
import { accountSecurity, rootAccess } from './account-security';
import { effectivePolicies } from './effective';
import type { DriftCheck, DriftContext } from './context';
import { SEVERITY_ORDER, type Finding } from './finding';
import { awsManagedPolicies, guardrails } from './guardrails';
import { identity } from './identity';
import { logging } from './logging';
import { network } from './network';
import { correspond, type Correspondence } from './match';
import { accounts, delegatedAdministrators, organizationalUnits, policyTypes, trustedAccess } from './organization';
import { unauditableFindings } from './unauditable';
import { completeSnapshot, NotReadSignal, readView } from './unread';

export { CATEGORIES, registerCategory, SEVERITY_ORDER, type Category, type CategoryInfo, type Finding } from './finding';
export type { DriftCheck, DriftContext } from './context';
export { normalizePolicy } from './normalize';
export type { ReadView, SnapshotView } from './unread';

/** The checks, run in order; each is stopped where it reads what was not read (see DriftContext.each). */
const CHECKS: DriftCheck[] = [
  trustedAccess, policyTypes, delegatedAdministrators, organizationalUnits, accounts, guardrails, awsManagedPolicies, effectivePolicies, rootAccess, accountSecurity,
  logging, network, identity,
];

/** Adds a check; the function returned takes it out again. */
export function registerDriftCheck(check: DriftCheck): () => void {
  if (!CHECKS.includes(check)) CHECKS.push(check);
  return () => {
    const at = CHECKS.indexOf(check);
    if (at >= 0) CHECKS.splice(at, 1);
  };
}

/**
 * Declared vs observed: every drift as a finding, most severe first. Pure: reads nothing else.
 * A check never sees a part of the snapshot that was not read (it is stopped there); every such
 * part is reported as `unauditable` instead, naming the API that failed and the checks it stopped.
 * `desired` is the model's desired state unless a caller hands another.
 */
export function detectDrift(lz: LandingZone, snapshot: Snapshot, desired: DesiredState = desiredState(lz)): Finding[] {
  const complete = completeSnapshot(lz, snapshot);
  const view = readView(complete);
  const blocked = new Map<string, Set<string>>();
  let current = '';
  const guarded = (run: () => Finding[]): Finding[] => {
    try {
      // A finding that carries a part that was not read is about it: copying it out of the view reads it.
      return run().map((f) => ({ ...f, expected: plain(f.expected), actual: plain(f.actual) }));
    } catch (e) {
      if (!(e instanceof NotReadSignal)) throw e;
      for (const api of e.apis) blocked.set(api, (blocked.get(api) ?? new Set()).add(current));
      return [];
    }
  };
  let match: Correspondence | undefined;
  const ctx: DriftContext = {
    lz,
    desired,
    snapshot: view,
    get match() {
      match ??= correspond(lz, view);
      return match;
    },
    unreadable: new Set(complete.errors.filter((e) => e.scope === 'account' && e.resourceId).map((e) => e.resourceId!)),
    each: <T>(items: Iterable<T>, unit: (item: T) => Finding[]): Finding[] => {
      // By index, so that reading an unread element stops only that element's unit.
      const list = items as unknown as readonly T[];
      if (!Array.isArray(list)) return [...items].flatMap((item) => guarded(() => unit(item)));
      return Array.from({ length: list.length }, (_, i) => guarded(() => unit(list[i]))).flat();
    },
  };
  const findings = CHECKS.flatMap((check) => {
    current = check.name || 'check';
    return guarded(() => check(ctx));
  });
  const declaredAccount = (id: string) => {
    try {
      return ctx.match.declaredAccounts.get(id);
    } catch (e) {
      if (e instanceof NotReadSignal) return undefined;
      throw e;
    }
  };
  findings.push(...unauditableFindings({ lz, snapshot: complete, declaredAccount, blocked }));
  const rank = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
  return uniqueIds(findings).sort((a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}

/** A value out of the view: plain JSON, reading every part on the way. */
function plain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as unknown;
}

/**
 * Finding ids are unique (SARIF fingerprints and the scheduled audit's change detection rely on
 * them): a finding repeated exactly is reported once, and findings that share an id but differ
 * get a suffix from what they say, stable across runs.
 */
export function uniqueIds(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding[]>();
  for (const f of findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  const out: Finding[] = [];
  for (const [id, group] of byId) {
    const distinct = new Map<string, Finding>();
    for (const f of group) distinct.set(JSON.stringify([f.category, f.resource, f.message, f.expected, f.actual]), f);
    if (distinct.size === 1) {
      out.push(group[0]);
      continue;
    }
    for (const [key, f] of distinct) out.push({ ...f, id: `${id}#${createHash('sha256').update(key).digest('hex').slice(0, 8)}` });
  }
  return out;
}
