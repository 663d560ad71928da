import { DataAwsIdentitystoreGroup } from '@cdktf/provider-aws/lib/data-aws-identitystore-group';
import { DataAwsIdentitystoreUser } from '@cdktf/provider-aws/lib/data-aws-identitystore-user';
import { DataAwsSsoadminInstances } from '@cdktf/provider-aws/lib/data-aws-ssoadmin-instances';
import { IdentitystoreGroup } from '@cdktf/provider-aws/lib/identitystore-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { accountAssignments, type IdentityDeclaration } from '../model/identity';
import { landingZoneStack } from './backend';
import { Fn, TerraformStack } from './cdktf';
import { accountIdOf } from './constructs/account-refs';
import { logicalId } from './constructs/logical-id';
import { PermissionSet } from './constructs/permission-set';
import { traceToDeclaration } from './constructs/provenance';
import type { StackContext } from './context';
import { defaultProvider, providerFor } from './providers';

export const IDENTITY_STACK = 'identity';

/**
 * The identity stack (management account, or the delegated administrator of Identity Center):
 * looks up the Identity Center instance and the groups and users, creates the permission sets
 * with their policies, and one account assignment per (principal, permission set, account)
 * after the targets are expanded.
 */
export function identityStack(ctx: StackContext): void {
  const { lz } = ctx;
  const identity = lz.identity;
  if (!identity) return;
  const stack = landingZoneStack(ctx.app, lz, IDENTITY_STACK);
  const provider = administratorProvider(ctx, stack, identity);

  const instances = new DataAwsSsoadminInstances(stack, 'identity_center', { provider });
  const instanceArn = Fn.element(Fn.tolist(instances.arns), 0) as string;
  const identityStoreId = Fn.element(Fn.tolist(instances.identityStoreIds), 0) as string;

  const principalIds = new Map<string, string>();
  for (const g of identity.groups.values()) {
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
  for (const ps of identity.permissionSets.values()) {
    const c = new PermissionSet(stack, `PermissionSet-${ps.name}`, { permissionSet: ps, instanceArn, provider });
    traceToDeclaration(c, ps.source);
    sets.set(ps.name, c);
  }

  for (const a of accountAssignments(identity)) {
    const ps = sets.get(a.permissionSet);
    const principalId = principalIds.get(`${a.principal.type}|${a.principal.name}`);
    if (!ps || !principalId) continue; // validation has reported it
    const id = logicalId('assignment', [a.principal.type.toLowerCase(), a.principal.name, a.permissionSet, a.account]);
    new SsoadminAccountAssignment(stack, id, {
      provider, instanceArn, permissionSetArn: ps.arn,
      principalType: a.principal.type, principalId,
      targetType: 'AWS_ACCOUNT', targetId: accountIdOf(ctx, a.account),
      dependsOn: [...ps.attachments],
    }).overrideLogicalId(id);
  }
}

/** The management account's default provider, or the delegated administrator's aliased one. */
function administratorProvider(ctx: StackContext, stack: TerraformStack, identity: IdentityDeclaration): AwsProvider | undefined {
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
