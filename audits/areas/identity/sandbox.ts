import { AwsError, epoch, inAccount, page } from '../../sandbox/protocol';
import type { JsonHandler, JsonInput, SandboxService } from '../../sandbox/service';
import { section, type SandboxWorld } from '../../sandbox/world';
import type { LiveIdentity } from './snapshot';

/* IAM Identity Center and its identity store, answered only in the administrator account. */
const KEY = 'identity';

/** IAM Identity Center admin (JSON 1.1, target SWBExternalService.*). */
const SSO_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListInstances: (w, input, size, caller) => {
    const i = section(w.part<LiveIdentity>(KEY), 'sso:ListInstances');
    const list = i && i.accountId === caller ? [{ InstanceArn: i.instanceArn, IdentityStoreId: i.identityStoreId, OwnerAccountId: caller, Status: 'ACTIVE' }] : [];
    const p = page(list, input, size);
    return { Instances: p.items, NextToken: p.NextToken };
  },
  ListPermissionSets: (w, input, size, caller) => {
    const p = page(identity(w, input, caller, 'ListPermissionSets').permissionSets.map((x) => x.arn), input, size);
    return { PermissionSets: p.items, NextToken: p.NextToken };
  },
  DescribePermissionSet: (w, input, _s, caller) => {
    const ps = permissionSet(w, input, caller);
    return { PermissionSet: { Name: ps.name, PermissionSetArn: ps.arn, Description: ps.description, SessionDuration: ps.sessionDuration, RelayState: ps.relayState, CreatedDate: epoch() } };
  },
  ListManagedPoliciesInPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).managedPolicies, input, size);
    return { AttachedManagedPolicies: p.items.map((arn) => ({ Arn: arn, Name: arn.slice(arn.lastIndexOf('/') + 1) })), NextToken: p.NextToken };
  },
  ListCustomerManagedPolicyReferencesInPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).customerManagedPolicies, input, size);
    return { CustomerManagedPolicyReferences: p.items.map((c) => ({ Name: c.name, Path: c.path })), NextToken: p.NextToken };
  },
  GetInlinePolicyForPermissionSet: (w, input, _s, caller) => ({ InlinePolicy: permissionSet(w, input, caller).inlinePolicy ?? '' }),
  GetPermissionsBoundaryForPermissionSet: (w, input, _s, caller) => {
    const b = permissionSet(w, input, caller).permissionsBoundary;
    if (!b) throw new AwsError('ResourceNotFoundException', 'Could not find PermissionsBoundary for the given permission set.');
    return { PermissionsBoundary: b.managedPolicyArn ? { ManagedPolicyArn: b.managedPolicyArn } : { CustomerManagedPolicyReference: { Name: b.customerManagedPolicy!.name, Path: b.customerManagedPolicy!.path } } };
  },
  ListAccountsForProvisionedPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).provisionedAccounts, input, size);
    return { AccountIds: p.items, NextToken: p.NextToken };
  },
  ListAccountAssignments: (w, input, size, caller) => {
    const ps = permissionSet(w, input, caller);
    const list = identity(w, input, caller, 'ListAccountAssignments').assignments.filter((a) => a.permissionSetArn === ps.arn && a.accountId === input.AccountId);
    const p = page(list, input, size);
    return { AccountAssignments: p.items.map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId })), NextToken: p.NextToken };
  },
};

function identity(w: SandboxWorld, input: JsonInput, caller: string, op: string) {
  const i = section(w.part<LiveIdentity>(KEY), `sso:${op}`);
  inAccount(i?.accountId, caller, 'sso', op);
  if (input.InstanceArn !== undefined && input.InstanceArn !== i!.instanceArn) throw new AwsError('ResourceNotFoundException', `Instance ${String(input.InstanceArn)} does not exist`);
  return i!;
}

function permissionSet(w: SandboxWorld, input: JsonInput, caller: string) {
  const ps = identity(w, input, caller, 'DescribePermissionSet').permissionSets.find((x) => x.arn === input.PermissionSetArn);
  if (!ps) throw new AwsError('ResourceNotFoundException', `PermissionSet ${String(input.PermissionSetArn)} does not exist`);
  return ps;
}

/** Identity Store (JSON 1.1, target AWSIdentityStore.*). */
const IDENTITYSTORE_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListGroups: (w, input, size, caller) => {
    const i = store(w, input, caller);
    const p = page(i.groups, input, size);
    return { Groups: p.items.map((g) => ({ GroupId: g.id, DisplayName: g.name, IdentityStoreId: i.identityStoreId })), NextToken: p.NextToken };
  },
  ListUsers: (w, input, size, caller) => {
    const i = store(w, input, caller);
    const p = page(i.users, input, size);
    return { Users: p.items.map((u) => ({ UserId: u.id, UserName: u.name, IdentityStoreId: i.identityStoreId })), NextToken: p.NextToken };
  },
};

function store(w: SandboxWorld, input: JsonInput, caller: string) {
  const i = section(w.part<LiveIdentity>(KEY), 'identitystore:ListGroups');
  inAccount(i?.accountId, caller, 'identitystore', 'ListGroups');
  if (input.IdentityStoreId !== i!.identityStoreId) throw new AwsError('ResourceNotFoundException', `Identity store ${String(input.IdentityStoreId)} does not exist`);
  return i!;
}


export const IDENTITY_SERVICES: readonly SandboxService[] = [
  { service: 'sso', protocol: 'json', operations: SSO_OPERATIONS },
  { service: 'identitystore', protocol: 'json', operations: IDENTITYSTORE_OPERATIONS },
];
