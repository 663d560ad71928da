import { DataAwsIdentitystoreGroup, DataAwsIdentitystoreUser, DataAwsSsoadminInstances, IdentitystoreGroup, SsoadminAccountAssignment } from './aws';
import type { AwsProvider } from './aws';
import type { DesiredIdentity } from '../desired';
import { landingZoneStack } from './backend';
import { Fn, TerraformStack, type ITerraformDependable } from './cdktf';
import { lateBoundOuId } from '../model/late-bound';
import { ROOT } from '../model/organization';
import { accountIdOf } from './constructs/account-refs';
import { CustomerManagedPolicy } from './constructs/customer-managed-policy';
import { logicalId } from './constructs/logical-id';
import { PermissionSet } from './constructs/permission-set';
import { traceToDeclaration } from './constructs/provenance';
import type { StackContext } from './context';
import { defaultProvider, providerFor } from './providers';
import { stringInStacks } from './resolve';

export const IDENTITY_STACK = 'identity';

/**
 * The identity stack (management account, or the delegated administrator of Identity Center):
 * looks up the Identity Center instance and the groups and users, creates the permission sets
 * with their policies, the customer managed policies they name in every account they reach, and
 * one account assignment per (principal, permission set, account) after the targets are expanded.
 */
export function identityStack(ctx: StackContext): void {
  const { lz } = ctx;
  const identity = ctx.desired.identity;
  if (!identity) return;
  const stack = landingZoneStack(ctx.app, lz, IDENTITY_STACK);
  const provider = administratorProvider(ctx, stack, identity);

  const instances = new DataAwsSsoadminInstances(stack, 'identity_center', { provider });
  const instanceArn = Fn.element(Fn.tolist(instances.arns), 0) as string;
  const identityStoreId = Fn.element(Fn.tolist(instances.identityStoreIds), 0) as string;

  const principalIds = new Map<string, string>();
  for (const g of identity.groups) {
    const id = logicalId('group', [g.name]);
    if (g.create) {
      const r = new IdentitystoreGroup(stack, id, { provider, identityStoreId, displayName: g.name, description: g.description });
      r.overrideLogicalId(id);
      principalIds.set(`GROUP|${g.name}`, r.groupId);
    } else {
      const r = new DataAwsIdentitystoreGroup(stack, id, {
        provider, identityStoreId,
        alternateIdentifier: { uniqueAttribute: { attributePath: 'DisplayName', attributeValue: g.name } },
      });
      r.overrideLogicalId(id);
      principalIds.set(`GROUP|${g.name}`, r.groupId);
    }
  }
  for (const user of identity.users) {
    const id = logicalId('user', [user]);
    const r = new DataAwsIdentitystoreUser(stack, id, {
      provider, identityStoreId,
      alternateIdentifier: { uniqueAttribute: { attributePath: 'UserName', attributeValue: user } },
    });
    r.overrideLogicalId(id);
    principalIds.set(`USER|${user}`, r.userId);
  }

  const sets = new Map<string, PermissionSet>();
  for (const ps of identity.permissionSets) {
    const c = new PermissionSet(stack, `PermissionSet-${ps.name}`, { permissionSet: ps, instanceArn, provider });
    traceToDeclaration(c, ps.source);
    sets.set(ps.name, c);
  }

  // Identity Center provisions a permission set into an account only where every customer
  // managed policy it names exists: they are created there first.
  const management = lz.organization.managementAccount;
  const policiesReady = new Map<string, ITerraformDependable[]>();
  for (const p of identity.customerManagedPolicies) {
    if (p.document === undefined) continue; // named, not declared: it must exist already (preflight says so)
    const members = p.accounts.filter((a) => a !== management);
    const c = new CustomerManagedPolicy(stack, `CustomerManagedPolicy-${p.path}${p.name}`, {
      provider: defaultProvider(stack, lz), policy: { ...p, document: p.document },
      accountIds: members.map((a) => accountIdOf(ctx, a)), inManagementAccount: p.accounts.includes(management),
      rootId: stringInStacks(ctx, lateBoundOuId(ROOT)), region: lz.organization.homeRegion,
    });
    traceToDeclaration(c, p.source);
    for (const ps of p.permissionSets) policiesReady.set(ps, [...(policiesReady.get(ps) ?? []), ...c.ready]);
  }

  for (const a of identity.assignments) {
    const ps = sets.get(a.permissionSet);
    const principalId = principalIds.get(`${a.principal.type}|${a.principal.name}`);
    if (!ps || !principalId) continue; // validation has reported it
    const id = logicalId('assignment', [a.principal.type.toLowerCase(), a.principal.name, a.permissionSet, a.account]);
    new SsoadminAccountAssignment(stack, id, {
      provider, instanceArn, permissionSetArn: ps.arn,
      principalType: a.principal.type, principalId,
      targetType: 'AWS_ACCOUNT', targetId: accountIdOf(ctx, a.account),
      dependsOn: [...ps.attachments, ...(policiesReady.get(a.permissionSet) ?? [])],
    }).overrideLogicalId(id);
  }
}

/** The management account's default provider, or the delegated administrator's aliased one. */
function administratorProvider(ctx: StackContext, stack: TerraformStack, identity: DesiredIdentity): AwsProvider | undefined {
  const { lz } = ctx;
  if (identity.administrator === lz.organization.managementAccount) {
    defaultProvider(stack, lz);
    return undefined;
  }
  const account = lz.accounts.get(identity.administrator);
  if (!account) throw new Error(`lzkit: Identity Center administrator '${identity.administrator}' is not in the model (validation should have caught this)`);
  defaultProvider(stack, lz);
  return providerFor(stack, lz, account, (a) => accountIdOf(ctx, a.name));
}
