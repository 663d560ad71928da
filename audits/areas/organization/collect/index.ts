import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { LandingZone } from '../../../../model/landing-zone';
import type { CollectContext } from '../../../collect/context';
import { correspond } from '../../../drift/match';
import type { CoreSnapshot, LiveAccount, LiveOrganization, LiveRoot } from '../../../snapshot-core';
import { effectivePolicies, effectivePolicySamples } from './effective';
import { delegatedAdministrators, policies, trustedServices, walkTree, type Tree } from './organization';
import { organizationRootAccess } from './root-access';

export { iamCollector } from './account';
export { describeOrganization, OrganizationUnreadable, readRoot, type Tree } from './organization';

/** What the organization read returns beside the snapshot's core parts: the tree as found, to plan the areas. */
export interface OrganizationRead {
  readonly parts: Pick<CoreSnapshot, 'trustedServices' | 'delegatedAdministrators' | 'organizationalUnits' | 'accounts' | 'policies' | 'rootAccess' | 'effectivePolicies'>;
  readonly tree: Tree;
}

/**
 * The organization-wide reads in the management account, all at once: trusted access, delegated
 * administrators, policies, the tree (handing each account to `onAccount` as soon as it is found),
 * centralized root access and, with a declaration, the effective management policies of one
 * account per distinct chain of attachments.
 */
export async function collectOrganization(ctx: CollectContext, a: {
  organization: LiveOrganization; root: LiveRoot; declaration?: LandingZone; onAccount: (account: LiveAccount) => void;
}): Promise<OrganizationRead> {
  const management = a.organization.managementAccountId;
  const org = ctx.pool.caller(OrganizationsClient, management);
  const [services, admins, livePolicies, tree, rootAccess] = await Promise.all([
    trustedServices(org, ctx.record),
    delegatedAdministrators(org, ctx.limit, ctx.record),
    policies(org, ctx.limit, ctx.record),
    walkTree(org, a.organization.id, a.root, ctx.limit, ctx.record, a.onAccount),
    // One call, whatever the declaration says: the root checks need the mode, import writes it.
    organizationRootAccess(ctx.pool.caller(IAMClient, management), ctx.record),
  ]);
  const declaration = a.declaration;
  let effective;
  if (declaration) {
    const match = correspond(declaration, { root: a.root, organizationalUnits: tree.found.ous, accounts: tree.found.accounts });
    const samples = effectivePolicySamples(declaration, (name) => {
      const live = match.accounts.get(name);
      return live && live.state === 'ACTIVE' ? live.id : undefined;
    });
    if (samples.length) effective = await effectivePolicies(org, samples, ctx.limit, ctx.record);
  }
  return {
    parts: {
      trustedServices: services, delegatedAdministrators: admins, organizationalUnits: tree.ous, accounts: tree.accounts, policies: livePolicies, rootAccess,
      ...(effective ? { effectivePolicies: effective } : {}),
    },
    tree,
  };
}
