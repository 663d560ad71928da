import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import type { LandingZone } from '../model';
import { landingZoneStack } from './backend';
import { TerraformOutput } from './cdktf';
import { MemberAccount } from './constructs/member-account';
import { logicalId } from './constructs/logical-id';
import { OrganizationalUnitTree } from './constructs/organizational-unit-tree';
import type { OrganizationRefs, StackContext } from './context';
import { defaultProvider } from './providers';

export const ORGANIZATION_STACK = 'organization';

/**
 * The organization stack (management account): the organization with all features, its policy
 * types and trusted services, the OU tree, the member accounts and the delegated
 * administrators. Everything declared with an id is adopted through an import block.
 *
 * The management account is deliberately not an aws_organizations_account: it exists before
 * lzkit, Terraform cannot create, move or remove it, and an imported management account would
 * only add a resource whose every destructive plan must fail. Its declared id is used as a
 * literal, and the stack's provider only runs with those credentials (allowed_account_ids).
 */
export function organizationStack(ctx: StackContext): void {
  const { lz } = ctx;
  const stack = landingZoneStack(ctx.app, lz, ORGANIZATION_STACK);
  defaultProvider(stack, lz);

  const o = lz.organization;
  const organization = new OrganizationsOrganization(stack, 'organization', {
    featureSet: 'ALL',
    enabledPolicyTypes: [...o.enabledPolicyTypes],
    awsServiceAccessPrincipals: [...o.trustedServices],
    lifecycle: { preventDestroy: true },
  });
  if (o.id) organization.importFrom(o.id);
  const rootId = organization.roots.get(0).id;
  const organizationId = organization.id;

  const tree = new OrganizationalUnitTree(stack, 'ous', { root: lz.root, rootId });
  const members = new Map<string, MemberAccount>();
  for (const account of lz.accounts.values()) {
    if (account.isManagement) continue;
    members.set(account.name, new MemberAccount(stack, logicalId('account', [account.name]), {
      account, parentId: tree.idOf(account.ou), roleName: o.roles.deployment,
    }));
  }

  for (const da of o.delegatedAdministrators) {
    const member = members.get(da.account);
    if (!member) continue; // validation rejects the management account and unknown names
    const name = logicalId('delegated_admin', [da.servicePrincipal.replace(/\.amazonaws\.com$/, ''), da.account]);
    new OrganizationsDelegatedAdministrator(stack, name, {
      accountId: member.accountId,
      servicePrincipal: da.servicePrincipal,
      dependsOn: [organization], // trusted access must be on before delegating
    }).overrideLogicalId(name);
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
