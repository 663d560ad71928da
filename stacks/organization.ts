import {
  DataAwsOrganizationsOrganization, GuarddutyOrganizationAdminAccount, IamOrganizationsFeatures, OrganizationsDelegatedAdministrator, OrganizationsOrganization,
  RamSharingWithOrganization, SecurityhubOrganizationAdminAccount, VpcIpamOrganizationAdminAccount,
} from './aws';
import type { DesiredDelegatedAdministrator } from '../desired';
import type { LandingZone } from '../model';
import { landingZoneStack } from './backend';
import { Fn, TerraformOutput, type ITerraformDependable, type TerraformStack } from './cdktf';
import { MemberAccount } from './constructs/member-account';
import { logicalId } from './constructs/logical-id';
import { OrganizationalUnitTree } from './constructs/organizational-unit-tree';
import type { OrganizationRefs, StackContext } from './context';
import { defaultProvider, providerFor } from './providers';

export const ORGANIZATION_STACK = 'organization';

/**
 * The organization stack (management account): the organization with all features, its policy
 * types and trusted services, the OU tree, the member accounts, the delegated administrators
 * (each through the API its service documents) and RAM's sharing with Organizations. Everything
 * declared with an id is adopted through an import block.
 *
 * The management account is deliberately not an aws_organizations_account: it exists before
 * lzkit, Terraform cannot create, move or remove it, and an imported management account would
 * only add a resource whose every destructive plan must fail. Its declared id is used as a
 * literal, and the stack's provider only runs with those credentials (allowed_account_ids).
 */
export function organizationStack(ctx: StackContext): void {
  const { lz } = ctx;
  const desired = ctx.desired.organization;
  const stack = landingZoneStack(ctx.app, lz, ORGANIZATION_STACK);
  defaultProvider(stack, lz);

  // Both lists are authoritative in Terraform: an adopted organization keeps what is live and
  // gains what is declared, so the first apply never turns off Control Tower, Backup, ...
  const live = desired.keepLiveSettings ? new DataAwsOrganizationsOrganization(stack, 'live_organization', {}) : undefined;
  const union = (declared: readonly string[], liveList: () => string[]): string[] =>
    (live ? Fn.setunion([...declared], [liveList()]) : [...declared]);
  const organization = new OrganizationsOrganization(stack, 'organization', {
    featureSet: desired.featureSet,
    enabledPolicyTypes: union(desired.enabledPolicyTypes, () => live!.enabledPolicyTypes),
    awsServiceAccessPrincipals: union(desired.trustedServices, () => live!.awsServiceAccessPrincipals),
    lifecycle: { preventDestroy: true },
  });
  if (desired.adoptedId) organization.importFrom(desired.adoptedId);
  const rootId = organization.roots.get(0).id;
  const organizationId = organization.id;

  const tree = new OrganizationalUnitTree(stack, 'ous', { organizationalUnits: desired.organizationalUnits, rootId });
  const members = new Map<string, MemberAccount>();
  for (const account of desired.accounts) {
    members.set(account.name, new MemberAccount(stack, logicalId('account', [account.name]), { account, parentId: tree.idOf(account.ou) }));
  }

  for (const da of desired.delegatedAdministrators) {
    const member = members.get(da.account);
    if (!member) continue; // validation rejects the management account and unknown names
    delegateAdministration(stack, lz, da, member.accountId, [organization]);
  }

  if (desired.ramSharingWithOrganization) {
    // Sharing to OUs needs RAM's own switch (it creates RAM's service-linked role); trusted access
    // through Organizations alone is not enough:
    // https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
    new RamSharingWithOrganization(stack, 'ram_sharing_with_organization', { dependsOn: [organization] })
      .overrideLogicalId('ram_sharing_with_organization');
  }

  if (desired.rootAccessFeatures.length) {
    // Needs IAM's trusted access (validated), which the organization turns on first:
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_organizations_features
    new IamOrganizationsFeatures(stack, 'root_access', { enabledFeatures: [...desired.rootAccessFeatures], dependsOn: [organization] })
      .overrideLogicalId('root_access');
  }

  // Named outputs for operators and the audit; other stacks get theirs wired by cdktf.
  new TerraformOutput(stack, 'organization_id', { value: organizationId });
  new TerraformOutput(stack, 'root_id', { value: rootId });
  new TerraformOutput(stack, 'account_ids', { value: Object.fromEntries([...members].map(([n, m]) => [n, m.accountId])) });
  new TerraformOutput(stack, 'ou_ids', { value: Object.fromEntries(tree.paths.map((p) => [p, tree.idOf(p)])) });

  ctx.refs.organization = organizationRefs(lz, {
    organizationId,
    ouId: (path) => tree.idOf(path),
    accountId: (name) => members.get(name)?.accountId,
  });
}

/** One delegated administrator, designated through the API its service documents (desired/organization.ts). */
function delegateAdministration(stack: TerraformStack, lz: LandingZone, da: DesiredDelegatedAdministrator, accountId: string, dependsOn: ITerraformDependable[]): void {
  const service = da.servicePrincipal.replace(/\.amazonaws\.com$/, '');
  const management = lz.accounts.get(lz.organization.managementAccount)!;
  for (const region of da.regions) {
    // The management account's provider in that region (the default one in the home region).
    const provider = region === lz.organization.homeRegion ? undefined : providerFor(stack, lz, management, (a) => a.id ?? '', region);
    const regional = da.regions.length > 1;
    const name = logicalId(da.via === 'organizations' ? 'delegated_admin' : `${da.via}_admin`, regional ? [service, da.account, region] : [service, da.account]);
    const common = { provider, dependsOn }; // trusted access must be on before delegating
    const resource = da.via === 'guardduty' ? new GuarddutyOrganizationAdminAccount(stack, name, { ...common, adminAccountId: accountId })
      : da.via === 'securityhub' ? new SecurityhubOrganizationAdminAccount(stack, name, { ...common, adminAccountId: accountId })
        : da.via === 'ipam' ? new VpcIpamOrganizationAdminAccount(stack, name, { ...common, delegatedAdminAccountId: accountId })
          : new OrganizationsDelegatedAdministrator(stack, name, { ...common, accountId, servicePrincipal: da.servicePrincipal });
    resource.overrideLogicalId(name);
  }
}

/**
 * What later stacks read: literal ids for everything adopted (no cross-stack dependency, no
 * remote state read), references for what this stack creates. The root id is always a
 * reference, since the declaration does not carry it.
 */
export function organizationRefs(
  lz: LandingZone,
  created: { organizationId: string; ouId: (path: string) => string; accountId: (name: string) => string | undefined },
): OrganizationRefs {
  return {
    organizationId: lz.organization.id ?? created.organizationId,
    ouId(path: string): string {
      const ou = lz.ous.get(path);
      if (!ou) throw new Error(`lzkit: no OU '${path}' in the model`);
      return ou.id ?? created.ouId(path);
    },
    accountId(name: string): string {
      const account = lz.accounts.get(name);
      if (!account) throw new Error(`lzkit: no account '${name}' in the model`);
      const id = account.id ?? created.accountId(name);
      if (!id) throw new Error(`lzkit: account '${name}' has no id and is not created by the organization stack`);
      return id;
    },
  };
}
