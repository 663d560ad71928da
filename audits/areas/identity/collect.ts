import { IdentitystoreClient, paginateListGroups, paginateListUsers } from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand, GetInlinePolicyForPermissionSetCommand, GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountAssignments, paginateListAccountsForProvisionedPermissionSet, paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances, paginateListManagedPoliciesInPermissionSet, paginateListPermissionSets, SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { errorOf, type CollectContext as AreaContext, type PlanContext } from '../../collect/context';
import { pages } from '../../collect/pages';
import { isNotRead, notRead, type NotRead, type Readable } from '../../readable';
import type { LiveAccountAssignment, LiveIdentity, LivePermissionSet } from './snapshot';

/** The account that administers Identity Center (lz.identity.administrator). */
export interface IdentityPlan {
  readonly accountId: string;
  readonly region: string;
}

/** Identity Center's administrator account, in the home region. */
export function planIdentity(ctx: PlanContext): IdentityPlan | NotRead {
  const accountId = ctx.idOf(ctx.lz.identity!.administrator, 'sso:ListInstances');
  return isNotRead(accountId) ? accountId : { accountId, region: ctx.lz.organization.homeRegion ?? ctx.region };
}

const PAGE = 100;

/**
 * Identity Center, in its administrator account. The cheapest complete strategy for assignments:
 * ListAccountAssignments needs one (account, permission set) pair per call chain, and every
 * assignment, to any principal, provisions its permission set into the account. So per permission
 * set one ListAccountsForProvisionedPermissionSet chain names the only accounts where it can have
 * assignments, and ListAccountAssignments runs for those pairs only (never accounts x sets).
 * Group and user names come from ListGroups (and ListUsers only when a user is assigned).
 */
export async function collectIdentity(ctx: AreaContext, plan: IdentityPlan): Promise<Readable<LiveIdentity>> {
  const sso = ctx.pool.reader(SSOAdminClient, plan.accountId, plan.region);
  const ids = ctx.pool.reader(IdentitystoreClient, plan.accountId, plan.region);
  const failed: string[] = [];
  const fail = (api: string) => (e: unknown): undefined => {
    ctx.record(errorOf('organization', api, e, plan.accountId));
    failed.push(api);
    return undefined;
  };
  const instance = await ctx.limit(async () => {
    for await (const p of pages(paginateListInstances, { client: sso, pageSize: PAGE }, {})) {
      const i = (p.Instances ?? []).find((x) => x.InstanceArn && x.IdentityStoreId);
      if (i) return { instanceArn: i.InstanceArn!, identityStoreId: i.IdentityStoreId! };
    }
    throw Object.assign(new Error(`no IAM Identity Center instance in ${plan.accountId}`), { name: 'NoInstance' });
  }).catch(fail('sso:ListInstances'));
  if (!instance) return notRead(failed);
  const { instanceArn: InstanceArn, identityStoreId: IdentityStoreId } = instance;

  const [arns, groups] = await Promise.all([
    ctx.limit(async () => {
      const out: string[] = [];
      for await (const p of pages(paginateListPermissionSets, { client: sso, pageSize: PAGE }, { InstanceArn })) out.push(...(p.PermissionSets ?? []));
      return out;
    }).catch(fail('sso:ListPermissionSets')),
    ctx.limit(async () => {
      const out: { id: string; name: string }[] = [];
      for await (const p of pages(paginateListGroups, { client: ids, pageSize: PAGE }, { IdentityStoreId })) {
        for (const g of p.Groups ?? []) if (g.GroupId) out.push({ id: g.GroupId, name: g.DisplayName ?? g.GroupId });
      }
      return out.sort((a, b) => a.id.localeCompare(b.id));
    }).catch(fail('identitystore:ListGroups')),
  ]);
  if (!arns || !groups) return notRead(failed);

  // Assignment reads start as each page of provisioned accounts arrives, not after every
  // permission set is read: the provisioned-account listing then overlaps the (far longer)
  // ListAccountAssignments stream instead of delaying it.
  const pairReads: Promise<LiveAccountAssignment[] | undefined>[] = [];
  const readPairs = (PermissionSetArn: string, accountIds: readonly string[]): void => {
    for (const AccountId of accountIds) {
      pairReads.push(ctx.limit(async () => {
        const out: LiveAccountAssignment[] = [];
        for await (const p of pages(paginateListAccountAssignments, { client: sso, pageSize: PAGE }, { InstanceArn, AccountId, PermissionSetArn })) {
          for (const a of p.AccountAssignments ?? []) {
            if (a.PrincipalId) out.push({ accountId: AccountId, permissionSetArn: PermissionSetArn, principalType: a.PrincipalType ?? '', principalId: a.PrincipalId });
          }
        }
        return out;
      }).catch(fail('sso:ListAccountAssignments')));
    }
  };
  const sets = await Promise.all(arns.map((PermissionSetArn) => readPermissionSet(sso, InstanceArn, PermissionSetArn, fail, (ids) => readPairs(PermissionSetArn, ids), ctx.limit)));
  const perPair = await Promise.all(pairReads);
  if (sets.some((s) => !s) || perPair.some((p) => !p)) return notRead(failed);
  const permissionSets = (sets as LivePermissionSet[]).sort((a, b) => a.name.localeCompare(b.name));
  const assignments = (perPair as LiveAccountAssignment[][]).flat()
    .sort((a, b) => `${a.accountId}${a.permissionSetArn}${a.principalId}`.localeCompare(`${b.accountId}${b.permissionSetArn}${b.principalId}`));

  let users: { id: string; name: string }[] = [];
  if (assignments.some((a) => a.principalType === 'USER')) {
    const read = await ctx.limit(async () => {
      const out: { id: string; name: string }[] = [];
      for await (const p of pages(paginateListUsers, { client: ids, pageSize: PAGE }, { IdentityStoreId })) {
        for (const u of p.Users ?? []) if (u.UserId) out.push({ id: u.UserId, name: u.UserName ?? u.UserId });
      }
      return out;
    }).catch(fail('identitystore:ListUsers'));
    if (!read) return notRead(failed);
    users = read;
  }
  return { accountId: plan.accountId, instanceArn: InstanceArn, identityStoreId: IdentityStoreId, groups, users, permissionSets, assignments };
}

/**
 * Six call chains per permission set: its description, three policy kinds, boundary, provisioned
 * accounts (each page handed to `onAccounts` as it arrives). Each chain gets its own input
 * object: the paginators write their NextToken into it (see pages()).
 */
async function readPermissionSet(
  sso: import('@aws-sdk/client-sso-admin').SSOAdminClient, InstanceArn: string, PermissionSetArn: string,
  fail: (api: string) => (e: unknown) => undefined, onAccounts: (accountIds: readonly string[]) => void, limit: AreaContext['limit'],
): Promise<LivePermissionSet | undefined> {
  const input = () => ({ InstanceArn, PermissionSetArn });
  const [described, managed, customer, inline, boundary, accounts] = await Promise.all([
    limit(() => sso.send(new DescribePermissionSetCommand(input()))).then((r) => r.PermissionSet ?? {}, fail('sso:DescribePermissionSet')),
    limit(async () => {
      const out: string[] = [];
      for await (const p of pages(paginateListManagedPoliciesInPermissionSet, { client: sso, pageSize: PAGE }, input())) for (const m of p.AttachedManagedPolicies ?? []) if (m.Arn) out.push(m.Arn);
      return out.sort();
    }).catch(fail('sso:ListManagedPoliciesInPermissionSet')),
    limit(async () => {
      const out: { name: string; path: string }[] = [];
      for await (const p of pages(paginateListCustomerManagedPolicyReferencesInPermissionSet, { client: sso, pageSize: PAGE }, input())) {
        for (const m of p.CustomerManagedPolicyReferences ?? []) if (m.Name) out.push({ name: m.Name, path: m.Path ?? '/' });
      }
      return out.sort((a, b) => `${a.path}${a.name}`.localeCompare(`${b.path}${b.name}`));
    }).catch(fail('sso:ListCustomerManagedPolicyReferencesInPermissionSet')),
    limit(() => sso.send(new GetInlinePolicyForPermissionSetCommand(input()))).then((r) => r.InlinePolicy ?? '', fail('sso:GetInlinePolicyForPermissionSet')),
    limit(() => sso.send(new GetPermissionsBoundaryForPermissionSetCommand(input()))).then(
      (r) => r.PermissionsBoundary ?? null,
      (e) => ((e as Error).name === 'ResourceNotFoundException' ? null : fail('sso:GetPermissionsBoundaryForPermissionSet')(e)),
    ),
    limit(async () => {
      const out: string[] = [];
      for await (const p of pages(paginateListAccountsForProvisionedPermissionSet, { client: sso, pageSize: PAGE }, input())) {
        out.push(...(p.AccountIds ?? []));
        onAccounts(p.AccountIds ?? []);
      }
      return out.sort();
    }).catch(fail('sso:ListAccountsForProvisionedPermissionSet')),
  ]);
  if (!described || !managed || !customer || inline === undefined || boundary === undefined || !accounts) return undefined;
  const b = boundary;
  return {
    arn: PermissionSetArn, name: described.Name ?? PermissionSetArn,
    ...(described.Description ? { description: described.Description } : {}),
    ...(described.SessionDuration ? { sessionDuration: described.SessionDuration } : {}),
    ...(described.RelayState ? { relayState: described.RelayState } : {}),
    managedPolicies: managed, customerManagedPolicies: customer,
    ...(inline ? { inlinePolicy: inline } : {}),
    ...(b && (b.ManagedPolicyArn || b.CustomerManagedPolicyReference?.Name) ? {
      permissionsBoundary: b.ManagedPolicyArn
        ? { managedPolicyArn: b.ManagedPolicyArn }
        : { customerManagedPolicy: { name: b.CustomerManagedPolicyReference!.Name!, path: b.CustomerManagedPolicyReference!.Path ?? '/' } },
    } : {}),
    provisionedAccounts: accounts,
  };
}
