import { DataAwsOrganizationsOrganization, IamOrganizationsFeatures, OrganizationsOrganization, RamSharingWithOrganization } from './aws';
import type { LandingZone } from '../model';
import { landingZoneStack } from './backend';
import { Fn, TerraformOutput } from './cdktf';
import { OrganizationalUnitTree } from './constructs/organizational-unit-tree';
import type { OrganizationRefs, StackContext } from './context';
import { defaultProvider } from './providers';

export const ORGANIZATION_STACK = 'organization';

/**
 * The organization stack (management account): the organization with all features, its policy
 * types and trusted services, the OU tree and RAM's sharing with Organizations. Everything
 * declared with an id is adopted through an import block. The member accounts live in the
 * account shard stacks (stacks/accounts.ts), which read the OU ids from here; the stack
 * publishes the ids of both for the stacks after it.
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
  new TerraformOutput(stack, 'ou_ids', { value: Object.fromEntries(tree.paths.map((p) => [p, tree.idOf(p)])) });

  ctx.refs.organization = organizationRefs(lz, {
    organizationId,
    ouId: (path) => tree.idOf(path),
    accountId: (name) => ctx.accountIds.get(name),
  });
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
      if (!id) throw new Error(`lzkit: account '${name}' has no id and is not created by an account stack (stacks/app.ts order)`);
      return id;
    },
  };
}
