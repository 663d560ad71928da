import { desiredState, type DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { Snapshot } from '../snapshot';
import { accountSecurity, areasUnread, unauditable, unreadableAccounts } from './account-security';
import type { DriftCheck, DriftContext } from './context';
import { SEVERITY_ORDER, type Finding } from './finding';
import { guardrails } from './guardrails';
import { identity } from './identity';
import { logging } from './logging';
import { network } from './network';
import { correspond } from './match';
import { accounts, organizationalUnits, organizationSettings } from './organization';

export { CATEGORIES, registerCategory, SEVERITY_ORDER, type Category, type CategoryInfo, type Finding } from './finding';
export type { DriftCheck, DriftContext } from './context';
export { normalizePolicy } from './normalize';

/** The checks run in order; part 2 registers its logging, network and identity checks. */
const CHECKS: DriftCheck[] = [organizationSettings, organizationalUnits, accounts, guardrails, accountSecurity, logging, network, identity, areasUnread, unauditable];

export function registerDriftCheck(check: DriftCheck): void {
  if (!CHECKS.includes(check)) CHECKS.push(check);
}

/**
 * Declared vs observed: every drift as a finding, most severe first. Pure: reads nothing else.
 * `desired` is the model's desired state unless a caller hands another.
 */
export function detectDrift(lz: LandingZone, snapshot: Snapshot, desired: DesiredState = desiredState(lz)): Finding[] {
  const ctx: DriftContext = { lz, desired, snapshot, match: correspond(lz, snapshot), unreadable: unreadableAccounts(snapshot) };
  const rank = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
  return CHECKS.flatMap((check) => check(ctx)).sort((a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}
