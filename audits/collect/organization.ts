import {
  DescribeOrganizationCommand, DescribePolicyCommand, ListRootsCommand,
  paginateListAWSServiceAccessForOrganization, paginateListAccountsForParent, paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount, paginateListOrganizationalUnitsForParent, paginateListPolicies,
  paginateListTargetsForPolicy, type OrganizationsClient, type PolicyType,
} from '@aws-sdk/client-organizations';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../model/policy-types';
import type {
  CollectionError, LiveAccount, LiveDelegatedAdministrator, LiveOrganization, LiveOrganizationalUnit, LivePolicy, LiveRoot,
} from '../snapshot';

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

export async function describeOrganization(org: OrganizationsClient): Promise<{ organization: LiveOrganization; root: LiveRoot }> {
  const o = await org.send(new DescribeOrganizationCommand({})).catch((e) => { throw fatal('DescribeOrganization', e); });
  const roots = await org.send(new ListRootsCommand({})).catch((e) => { throw fatal('ListRoots', e); });
  const r = roots.Roots?.[0];
  if (!o.Organization?.Id || !r?.Id) throw new OrganizationUnreadable('DescribeOrganization', new Error('no organization or root returned'));
  return {
    organization: {
      id: o.Organization.Id, arn: o.Organization.Arn ?? '', featureSet: o.Organization.FeatureSet ?? 'ALL',
      managementAccountId: o.Organization.MasterAccountId ?? '', managementAccountEmail: o.Organization.MasterAccountEmail,
    },
    root: {
      id: r.Id, name: r.Name ?? 'Root', arn: r.Arn,
      policyTypes: (r.PolicyTypes ?? []).map((p) => ({ type: p.Type ?? '', status: p.Status ?? '' })),
    },
  };
}

/** Credentials problems are not about the organization: they pass through untouched. */
function fatal(api: string, e: unknown): Error {
  return (e as Error)?.name === 'CredentialsProviderError' ? (e as Error) : new OrganizationUnreadable(api, e);
}

export async function trustedServices(org: OrganizationsClient, record: Record_): Promise<string[]> {
  try {
    const out: string[] = [];
    for await (const page of paginateListAWSServiceAccessForOrganization({ client: org, pageSize: PAGE }, {})) {
      for (const s of page.EnabledServicePrincipals ?? []) if (s.ServicePrincipal) out.push(s.ServicePrincipal);
    }
    return out.sort();
  } catch (e) {
    record(errorOf('organization', 'organizations:ListAWSServiceAccessForOrganization', e));
    return [];
  }
}

export async function delegatedAdministrators(org: OrganizationsClient, limit: Limit, record: Record_): Promise<LiveDelegatedAdministrator[]> {
  const ids: string[] = [];
  try {
    for await (const page of paginateListDelegatedAdministrators({ client: org, pageSize: PAGE }, {})) {
      for (const a of page.DelegatedAdministrators ?? []) if (a.Id) ids.push(a.Id);
    }
  } catch (e) {
    record(errorOf('organization', 'organizations:ListDelegatedAdministrators', e));
    return [];
  }
  return Promise.all(ids.map((accountId) => limit(async () => {
    const servicePrincipals: string[] = [];
    try {
      for await (const page of paginateListDelegatedServicesForAccount({ client: org, pageSize: PAGE }, { AccountId: accountId })) {
        for (const s of page.DelegatedServices ?? []) if (s.ServicePrincipal) servicePrincipals.push(s.ServicePrincipal);
      }
    } catch (e) {
      record(errorOf('organization', 'organizations:ListDelegatedServicesForAccount', e, accountId));
    }
    return { accountId, servicePrincipals: servicePrincipals.sort() };
  })));
}

/** ListPolicies per type, then DescribePolicy and ListTargetsForPolicy once per policy. */
export async function policies(org: OrganizationsClient, limit: Limit, record: Record_): Promise<LivePolicy[]> {
  const perType = await Promise.all(COLLECTED_POLICY_TYPES.map((type) => limit(async () => {
    const found: { id: string; type: string }[] = [];
    try {
      for await (const page of paginateListPolicies({ client: org, pageSize: PAGE }, { Filter: type })) {
        for (const p of page.Policies ?? []) if (p.Id) found.push({ id: p.Id, type });
      }
    } catch (e) {
      record(errorOf('organization', 'organizations:ListPolicies', e, type));
    }
    return found;
  })));
  const out = await Promise.all(perType.flat().map(({ id, type }) => limit(async (): Promise<LivePolicy | undefined> => {
    try {
      const [described, targets] = await Promise.all([
        org.send(new DescribePolicyCommand({ PolicyId: id })),
        (async () => {
          const t: string[] = [];
          for await (const page of paginateListTargetsForPolicy({ client: org, pageSize: PAGE }, { PolicyId: id })) {
            for (const x of page.Targets ?? []) if (x.TargetId) t.push(x.TargetId);
          }
          return t.sort();
        })(),
      ]);
      const s = described.Policy?.PolicySummary;
      return {
        id, name: s?.Name ?? id, arn: s?.Arn, description: s?.Description, type: s?.Type ?? type,
        awsManaged: s?.AwsManaged ?? false, content: described.Policy?.Content ?? '', targets,
      };
    } catch (e) {
      record(errorOf('organization', 'organizations:DescribePolicy', e, id));
      return undefined;
    }
  })));
  return out.filter((p): p is LivePolicy => p !== undefined).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Walks the OU tree once, top-down: per parent, its child OUs and its accounts. Each account is
 * handed to `onAccount` as soon as it is found, so per-account reads overlap the walk.
 */
export async function walkTree(
  org: OrganizationsClient, root: LiveRoot, limit: Limit, record: Record_, onAccount: (a: LiveAccount) => void,
): Promise<{ ous: LiveOrganizationalUnit[]; accounts: LiveAccount[] }> {
  const ous: LiveOrganizationalUnit[] = [];
  const accounts: LiveAccount[] = [];
  const visit = async (parentId: string, parentPath: string | undefined): Promise<void> => {
    const children = await limit(async () => {
      const found: LiveOrganizationalUnit[] = [];
      try {
        for await (const page of paginateListOrganizationalUnitsForParent({ client: org, pageSize: PAGE }, { ParentId: parentId })) {
          for (const ou of page.OrganizationalUnits ?? []) {
            if (!ou.Id) continue;
            const name = ou.Name ?? ou.Id;
            found.push({ id: ou.Id, name, arn: ou.Arn, parentId, path: parentPath === undefined ? name : `${parentPath}/${name}` });
          }
        }
      } catch (e) {
        record(errorOf('organization', 'organizations:ListOrganizationalUnitsForParent', e, parentId));
      }
      return found;
    });
    ous.push(...children);
    const listAccounts = limit(async () => {
      try {
        for await (const page of paginateListAccountsForParent({ client: org, pageSize: PAGE }, { ParentId: parentId })) {
          for (const a of page.Accounts ?? []) {
            if (!a.Id) continue;
            const account: LiveAccount = {
              id: a.Id, name: a.Name ?? '', email: a.Email ?? '', arn: a.Arn, status: a.Status ?? 'ACTIVE', parentId, joinedMethod: a.JoinedMethod,
            };
            accounts.push(account);
            onAccount(account);
          }
        }
      } catch (e) {
        record(errorOf('organization', 'organizations:ListAccountsForParent', e, parentId));
      }
    });
    await Promise.all([listAccounts, ...children.map((c) => visit(c.id, c.path))]);
  };
  await visit(root.id, undefined);
  const byPath = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return { ous: ous.sort(byPath), accounts: accounts.sort(byPath) };
}

export function errorOf(scope: CollectionError['scope'], api: string, e: unknown, resourceId?: string): CollectionError {
  if ((e as Error)?.name === 'CredentialsProviderError') throw e;
  const err = e as Error & { Code?: string };
  return { scope, ...(resourceId ? { resourceId } : {}), api, code: err?.name ?? err?.Code ?? 'Error', message: oneLine(err?.message ?? String(e)) };
}

function oneLine(s: string): string {
  return s.split('\n')[0].slice(0, 300);
}
