import { GuarddutyOrganizationAdminAccount, OrganizationsDelegatedAdministrator, SecurityhubOrganizationAdminAccount, VpcIpamOrganizationAdminAccount } from './aws';
import type { DesiredDelegatedAdministrator } from '../desired';
import type { LandingZone } from '../model';
import { landingZoneStack } from './backend';
import { TerraformStack } from './cdktf';
import { logicalId } from './constructs/logical-id';
import type { StackContext } from './context';
import { ORGANIZATION_STACK } from './organization';
import { defaultProvider, providerFor } from './providers';

export const DELEGATED_ADMINISTRATORS_STACK = 'delegated-administrators';

/**
 * The delegated administrators (management account), each designated through the API its service
 * documents (desired/organization.ts). Their own stack, after the organization (trusted access is
 * on before delegating) and the account shards (a created administrator's id is a reference to
 * its shard, which itself reads the organization stack: in the organization stack they would
 * make a cycle).
 */
export function delegatedAdministratorsStack(ctx: StackContext): void {
  const { lz } = ctx;
  const delegations = ctx.desired.organization.delegatedAdministrators;
  if (delegations.length === 0) return;
  const refs = ctx.refs.organization;
  if (!refs) throw new Error('lzkit: the organization stack must be built before the delegated administrators (stacks/app.ts order)');
  const stack = landingZoneStack(ctx.app, lz, DELEGATED_ADMINISTRATORS_STACK);
  defaultProvider(stack, lz);
  stack.addDependency(ctx.app.node.tryFindChild(ORGANIZATION_STACK) as TerraformStack);
  for (const da of delegations) delegate(ctx, stack, lz, da, refs.accountId(da.account));
}

/**
 * The import id of each designation, as the AWS provider documents it:
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_delegated_administrator#import (ACCOUNT_ID/SERVICE_PRINCIPAL)
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_organization_admin_account#import (account id)
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/securityhub_organization_admin_account#import (account id)
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipam_organization_admin_account#import (account id)
 */
function delegate(ctx: StackContext, stack: TerraformStack, lz: LandingZone, da: DesiredDelegatedAdministrator, accountId: string): void {
  const service = da.servicePrincipal.replace(/\.amazonaws\.com$/, '');
  const management = lz.accounts.get(lz.organization.managementAccount)!;
  for (const region of da.regions) {
    // The management account's provider in that region (the default one in the home region).
    const provider = region === lz.organization.homeRegion ? undefined : providerFor(stack, lz, management, (a) => a.id ?? '', region);
    const regional = da.regions.length > 1;
    const name = logicalId(da.via === 'organizations' ? 'delegated_admin' : `${da.via}_admin`, regional ? [service, da.account, region] : [service, da.account]);
    const resource = da.via === 'guardduty' ? new GuarddutyOrganizationAdminAccount(stack, name, { provider, adminAccountId: accountId })
      : da.via === 'securityhub' ? new SecurityhubOrganizationAdminAccount(stack, name, { provider, adminAccountId: accountId })
        : da.via === 'ipam' ? new VpcIpamOrganizationAdminAccount(stack, name, { provider, delegatedAdminAccountId: accountId })
          : new OrganizationsDelegatedAdministrator(stack, name, { provider, accountId, servicePrincipal: da.servicePrincipal });
    resource.overrideLogicalId(name);
    ctx.movables.push({
      address: `${resource.terraformResourceType}.${name}`, stack, resource, provider, imported: false, unshardedStack: ORGANIZATION_STACK,
      importId: da.via === 'organizations' ? `${accountId}/${da.servicePrincipal}` : accountId,
    });
  }
}
