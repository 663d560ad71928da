import {
  DescribeOrganizationCommand, DescribePolicyCommand, ListRootsCommand,
  paginateListAWSServiceAccessForOrganization, paginateListAccountsForParent, paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount, paginateListOrganizationalUnitsForParent, paginateListPolicies,
  paginateListTargetsForPolicy, type OrganizationsClient, type PolicySummary, type PolicyType,
} from '@aws-sdk/client-organizations';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../../../model/policy-types';
import { errorOf } from '../../../collect/context';
import { pages } from '../../../collect/pages';
import { notRead, type CollectionError, type Readable } from '../../../readable';
import type { LiveAccount, LiveDelegatedAdministrator, LiveOrganization, LiveOrganizationalUnit, LivePolicy, LiveRoot } from '../../../snapshot-core';

/** The policy types lzkit governs (the model's policy type table); ListPolicies needs one call chain per type. */
export const COLLECTED_POLICY_TYPES: readonly PolicyType[] = POLICY_TYPE_NAMES.map((t) => POLICY_TYPES[t].organizationsType as PolicyType);
const PAGE = 20; // the largest page Organizations serves for these lists

type Record_ = (e: CollectionError) => void;
type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** A failure that leaves nothing to audit (no organization, no root): the audit stops. */
export class OrganizationUnreadable extends Error {
  constructor(api: string, override readonly cause: unknown) {
    super(`could not read the organization (${api}): ${(cause as Error)?.name ?? 'Error'}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'OrganizationUnreadable';
  }
}

export async function describeOrganization(org: OrganizationsClient): Promise<LiveOrganization> {
  const o = await org.send(new DescribeOrganizationCommand({})).catch((e) => { throw fatal('DescribeOrganization', e); });
  if (!o.Organization?.Id) throw new OrganizationUnreadable('DescribeOrganization', new Error('no organization returned'));
  return {
    id: o.Organization.Id, arn: o.Organization.Arn ?? '', featureSet: o.Organization.FeatureSet ?? 'ALL',
    managementAccountId: o.Organization.MasterAccountId ?? '', managementAccountEmail: o.Organization.MasterAccountEmail,
  };
}

export async function readRoot(org: OrganizationsClient): Promise<LiveRoot> {
  const roots = await org.send(new ListRootsCommand({})).catch((e) => { throw fatal('ListRoots', e); });
  const r = roots.Roots?.[0];
  if (!r?.Id) throw new OrganizationUnreadable('ListRoots', new Error('no root returned'));
  return { id: r.Id, name: r.Name ?? 'Root', arn: r.Arn, policyTypes: (r.PolicyTypes ?? []).map((p) => ({ type: p.Type ?? '', status: p.Status ?? '' })) };
}

/** Credentials problems are not about the organization: they pass through untouched. */
function fatal(api: string, e: unknown): Error {
  return (e as Error)?.name === 'CredentialsProviderError' ? (e as Error) : new OrganizationUnreadable(api, e);
}

export async function trustedServices(org: OrganizationsClient, record: Record_): Promise<Readable<string[]>> {
  const api = 'organizations:ListAWSServiceAccessForOrganization';
  try {
    const out: string[] = [];
    for await (const page of pages(paginateListAWSServiceAccessForOrganization, { client: org, pageSize: PAGE }, {})) {
      for (const s of page.EnabledServicePrincipals ?? []) if (s.ServicePrincipal) out.push(s.ServicePrincipal);
    }
    return out.sort();
  } catch (e) {
    record(errorOf('organization', api, e));
    return notRead([api]);
  }
}

export async function delegatedAdministrators(org: OrganizationsClient, limit: Limit, record: Record_): Promise<Readable<LiveDelegatedAdministrator[]>> {
  const ids: string[] = [];
  try {
    for await (const page of pages(paginateListDelegatedAdministrators, { client: org, pageSize: PAGE }, {})) {
      for (const a of page.DelegatedAdministrators ?? []) if (a.Id) ids.push(a.Id);
    }
  } catch (e) {
    record(errorOf('organization', 'organizations:ListDelegatedAdministrators', e));
    return notRead(['organizations:ListDelegatedAdministrators']);
  }
  const admins = await Promise.all(ids.map((accountId) => limit(async (): Promise<LiveDelegatedAdministrator> => {
    const api = 'organizations:ListDelegatedServicesForAccount';
    try {
      const servicePrincipals: string[] = [];
      for await (const page of pages(paginateListDelegatedServicesForAccount, { client: org, pageSize: PAGE }, { AccountId: accountId })) {
        for (const s of page.DelegatedServices ?? []) if (s.ServicePrincipal) servicePrincipals.push(s.ServicePrincipal);
      }
      return { accountId, servicePrincipals: servicePrincipals.sort() };
    } catch (e) {
      record(errorOf('organization', api, e, accountId));
      return { accountId, servicePrincipals: notRead([api]) };
    }
  })));
  return admins.sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/**
 * ListPolicies per type (its summaries name the policy), then DescribePolicy (the document) and
 * ListTargetsForPolicy once per policy; each of those marks only its own part unread.
 */
export async function policies(org: OrganizationsClient, limit: Limit, record: Record_): Promise<Readable<LivePolicy[]>> {
  const unread: string[] = [];
  const perType = await Promise.all(COLLECTED_POLICY_TYPES.map((type) => limit(async () => {
    const found: PolicySummary[] = [];
    try {
      for await (const page of pages(paginateListPolicies, { client: org, pageSize: PAGE }, { Filter: type })) {
        for (const p of page.Policies ?? []) if (p.Id) found.push({ ...p, Type: p.Type ?? type });
      }
    } catch (e) {
      record(errorOf('organization', 'organizations:ListPolicies', e, type));
      unread.push('organizations:ListPolicies');
    }
    return found;
  })));
  if (unread.length) return notRead(unread);
  const out = await Promise.all(perType.flat().map((summary) => limit(async (): Promise<LivePolicy> => {
    const id = summary.Id!;
    const [content, targets] = await Promise.all([
      org.send(new DescribePolicyCommand({ PolicyId: id })).then((r): Readable<string> => r.Policy?.Content ?? '', (e) => {
        record(errorOf('organization', 'organizations:DescribePolicy', e, id));
        return notRead(['organizations:DescribePolicy']);
      }),
      (async (): Promise<Readable<string[]>> => {
        const t: string[] = [];
        for await (const page of pages(paginateListTargetsForPolicy, { client: org, pageSize: PAGE }, { PolicyId: id })) {
          for (const x of page.Targets ?? []) if (x.TargetId) t.push(x.TargetId);
        }
        return t.sort();
      })().catch((e) => {
        record(errorOf('organization', 'organizations:ListTargetsForPolicy', e, id));
        return notRead(['organizations:ListTargetsForPolicy']);
      }),
    ]);
    return {
      id, name: summary.Name ?? id, arn: summary.Arn, description: summary.Description, type: summary.Type!,
      awsManaged: summary.AwsManaged ?? false, content, targets,
    };
  })));
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The tree as read: the lists for the snapshot (not read when a listing failed), and whatever was found (to plan the area reads). */
export interface Tree {
  readonly ous: Readable<LiveOrganizationalUnit[]>;
  readonly accounts: Readable<LiveAccount[]>;
  readonly found: { readonly ous: readonly LiveOrganizationalUnit[]; readonly accounts: readonly LiveAccount[] };
}

/**
 * Walks the OU tree once, top-down: per parent, its child OUs and its accounts. Each account is
 * handed to `onAccount` as soon as it is found, so per-account reads overlap the walk. A failed
 * OU listing leaves the tree below it unknown (OUs and accounts not read); a failed account
 * listing leaves the accounts unknown.
 */
export async function walkTree(
  org: OrganizationsClient, organizationId: string, root: LiveRoot, limit: Limit, record: Record_, onAccount: (a: LiveAccount) => void,
): Promise<Tree> {
  const ous: LiveOrganizationalUnit[] = [];
  const accounts: LiveAccount[] = [];
  const failedOus: string[] = [];
  const failedAccounts: string[] = [];
  const visit = async (parentId: string, parentPath: string | undefined, entityPath: string): Promise<void> => {
    const children = await limit(async () => {
      const found: LiveOrganizationalUnit[] = [];
      try {
        for await (const page of pages(paginateListOrganizationalUnitsForParent, { client: org, pageSize: PAGE }, { ParentId: parentId })) {
          for (const ou of page.OrganizationalUnits ?? []) {
            if (!ou.Id) continue;
            const name = ou.Name ?? ou.Id;
            found.push({ id: ou.Id, name, arn: ou.Arn, parentId, path: parentPath === undefined ? name : `${parentPath}/${name}` });
          }
        }
      } catch (e) {
        record(errorOf('organization', 'organizations:ListOrganizationalUnitsForParent', e, parentId));
        failedOus.push('organizations:ListOrganizationalUnitsForParent');
      }
      return found;
    });
    ous.push(...children);
    const listAccounts = limit(async () => {
      try {
        for await (const page of pages(paginateListAccountsForParent, { client: org, pageSize: PAGE }, { ParentId: parentId })) {
          for (const a of page.Accounts ?? []) {
            if (!a.Id) continue;
            const account: LiveAccount = {
              // State; Status only from an endpoint that predates State (AWS retires Status on
              // 2026-09-09). Neither: not known to be active, so neither entered nor passed.
              id: a.Id, name: a.Name ?? '', email: a.Email ?? '', arn: a.Arn, state: a.State ?? a.Status ?? 'UNKNOWN',
              paths: a.Paths ?? [`${entityPath}${a.Id}/`], parentId, joinedMethod: a.JoinedMethod,
            };
            accounts.push(account);
            onAccount(account);
          }
        }
      } catch (e) {
        record(errorOf('organization', 'organizations:ListAccountsForParent', e, parentId));
        failedAccounts.push('organizations:ListAccountsForParent');
      }
    });
    await Promise.all([listAccounts, ...children.map((c) => visit(c.id, c.path, `${entityPath}${c.id}/`))]);
  };
  await visit(root.id, undefined, `${organizationId}/${root.id}/`);
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  ous.sort(byId);
  accounts.sort(byId);
  return {
    ous: failedOus.length ? notRead(failedOus) : ous,
    accounts: failedOus.length || failedAccounts.length ? notRead([...failedOus, ...failedAccounts]) : accounts,
    found: { ous, accounts },
  };
}
