import type { LandingZone } from '../../model/landing-zone';
import type { LiveOrganization } from '../snapshot';

/** What the declaration says the organization is; either may be undeclared (a new organization, a created management account). */
export interface ExpectedOrganization {
  readonly organizationId?: string;
  readonly managementAccountId?: string;
  readonly managementAccountName: string;
}

export function expectedOrganization(lz: LandingZone): ExpectedOrganization {
  return {
    organizationId: lz.organization.id,
    managementAccountId: lz.accounts.get(lz.organization.managementAccount)?.id,
    managementAccountName: lz.organization.managementAccount,
  };
}

/** Another organization, or another management account, than declared: nothing of it is diffed. */
export class OrganizationMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrganizationMismatch';
  }
}

/**
 * Checked before anything is compared (and, live, before anything else is read): the snapshot or
 * the credentials must be of the declared organization, and its management account the declared
 * one; otherwise every account would be reported missing or unmanaged. `what` names the source
 * with its verb (`the snapshot org.json is of`, `the credentials reach`); `fix` says what to do instead.
 */
export function checkSameOrganization(expected: ExpectedOrganization, live: LiveOrganization, what: string, fix: string): void {
  if (expected.organizationId && live.id !== expected.organizationId) {
    throw new OrganizationMismatch(`${what} organization ${live.id}, but accounts/organization.yaml declares ${expected.organizationId}: ${fix}, or correct organization.id`);
  }
  if (expected.managementAccountId && live.managementAccountId !== expected.managementAccountId) {
    throw new OrganizationMismatch(`${what} an organization managed by account ${live.managementAccountId}, but accounts/accounts.yaml declares the management account ${expected.managementAccountName} as ${expected.managementAccountId}: ${fix}, or correct its id`);
  }
}

/**
 * The live audit reads the management account with the caller's credentials: credentials of a
 * member account would have its own IAM settings read as the management account's.
 */
export function checkCallerIsManagement(caller: { readonly account: string; readonly arn: string }, live: LiveOrganization): void {
  if (caller.account !== live.managementAccountId) {
    throw new OrganizationMismatch(`the credentials are of account ${caller.account} (${caller.arn}), not of the management account ${live.managementAccountId} of ${live.id}: run the audit with the management account's credentials`);
  }
}
