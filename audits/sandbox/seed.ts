import { createHash } from 'crypto';
import type { LandingZone } from '../../model/landing-zone';
import { resolveLateBound } from '../../model/late-bound';
import { ROOT } from '../../model/organization';
import { AWS_MANAGED_POLICIES, LIVE_POLICY_TYPE } from '../drift/guardrails';
import { compliantAccountState } from './baseline';
import { seedIdentity, seedLogging, seedNetwork } from './seed-areas';
import { SNAPSHOT_SCHEMA_VERSION, type LiveAccount, type LiveOrganizationalUnit, type LivePolicy, type Snapshot } from '../snapshot';


function hash(text: string, alphabet: string, length: number): string {
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/** A deterministic fake id for an account lzkit would create (same name, same id, every run). */
export function fakeAccountId(name: string, taken: ReadonlySet<string>): string {
  for (let salt = 0; ; salt++) {
    const id = `8${hash(`${name}#${salt}`, DIGITS, 11)}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The organization as if the declaration had been deployed perfectly: every OU and account in
 * place (created ones with deterministic fake ids), every guardrail with its bound document
 * attached where declared, trusted access and delegated administrators as declared, and every
 * account with root MFA, no root keys and the baseline password policy.
 */
export function snapshotFromDeclaration(lz: LandingZone): Snapshot {
  const orgId = lz.organization.id ?? `o-${hash(lz.dir, LOWER, 10)}`;
  const rootId = `r-${hash(orgId, LOWER, 4)}`;
  const suffix = rootId.slice(2);
  const ouIds = new Map<string, string>([[ROOT, rootId]]);
  const ous: LiveOrganizationalUnit[] = [];
  for (const ou of [...lz.ous.values()].sort((a, b) => a.depth - b.depth)) {
    if (ou.path === ROOT) continue;
    const id = ou.id ?? `ou-${suffix}-${hash(ou.path, LOWER, 8)}`;
    ouIds.set(ou.path, id);
    ous.push({ id, name: ou.name, parentId: ouIds.get(ou.parentPath ?? ROOT) ?? rootId, path: ou.path, arn: `arn:aws:organizations::${mgmtId(lz)}:ou/${orgId}/${id}` });
  }
  const ouParent = new Map(ous.map((o) => [o.id, o.parentId]));
  /** `o-…/r-…/ou-…/…/<account>/`, the shape of Account.Paths. */
  const entityPath = (parentId: string, accountId: string): string => {
    const chain: string[] = [];
    for (let p: string | undefined = parentId; p && p !== rootId; p = ouParent.get(p)) chain.unshift(p);
    return `${[orgId, rootId, ...chain, accountId].join('/')}/`;
  };
  const taken = new Set([...lz.accounts.values()].flatMap((a) => (a.id ? [a.id] : [])));
  const accountIds = new Map<string, string>();
  const accounts: LiveAccount[] = [];
  for (const a of lz.accounts.values()) {
    const id = a.id ?? fakeAccountId(a.name, taken);
    taken.add(id);
    accountIds.set(a.name, id);
    const parentId = ouIds.get(a.ou) ?? rootId;
    accounts.push({
      id, name: a.name, email: a.email, state: 'ACTIVE', parentId, paths: [entityPath(parentId, id)],
      joinedMethod: a.id ? 'INVITED' : 'CREATED', arn: `arn:aws:organizations::${mgmtId(lz)}:account/${orgId}/${id}`,
    });
  }
  const enabled = new Set(lz.organization.enabledPolicyTypes);
  const everywhere = [rootId, ...ous.map((o) => o.id), ...accounts.map((a) => a.id)].sort();
  const detachedIds = new Set([
    ...lz.guardrails.fullAwsAccess.detachedFromOus.map((p) => ouIds.get(p) ?? rootId),
    ...lz.guardrails.fullAwsAccess.detachedFromAccounts.flatMap((n) => accountIds.get(n) ?? []),
  ]);
  const policies: LivePolicy[] = AWS_MANAGED_POLICIES.filter((p) => enabled.has(p.type)).map((p) => ({
    id: p.id, name: p.name, type: p.type, awsManaged: true, description: `AWS managed ${p.name}`,
    content: JSON.stringify({ Version: '2012-10-17', Statement: [p.statement] }),
    targets: p.type !== 'SERVICE_CONTROL_POLICY' ? everywhere : everywhere.filter((id) => !detachedIds.has(id)),
  }));
  for (const g of lz.guardrails.policies.values()) {
    const targets = new Set<string>();
    for (const att of lz.guardrails.attachments.filter((x) => x.policyId === g.id)) {
      for (const ou of att.ous) targets.add(ouIds.get(ou) ?? rootId);
      for (const name of att.accounts) { const id = accountIds.get(name); if (id) targets.add(id); }
    }
    const content = resolveLateBound(g.content, (v) => (v.kind === 'organization-id' ? orgId : accountIds.get(v.account) ?? v.account));
    policies.push({
      id: g.existingId ?? `p-${hash(g.id, LOWER, 8)}`, name: g.name, description: g.description, type: LIVE_POLICY_TYPE[g.type],
      awsManaged: false, content, targets: [...targets].sort(),
    });
  }
  const ids = { organizationId: orgId, managementAccountId: mgmtId(lz), accountId: (n: string) => accountIds.get(n), ouId: (p: string) => ouIds.get(p) };
  const logging = seedLogging(lz, ids);
  const network = seedNetwork(lz, ids);
  const identity = seedIdentity(lz, ids);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date(0).toISOString(),
    region: lz.organization.homeRegion,
    organization: {
      id: orgId, arn: `arn:aws:organizations::${mgmtId(lz)}:organization/${orgId}`, featureSet: 'ALL',
      managementAccountId: mgmtId(lz), managementAccountEmail: lz.accounts.get(lz.organization.managementAccount)?.email,
    },
    root: { id: rootId, name: 'Root', policyTypes: [...enabled].sort().map((type) => ({ type, status: 'ENABLED' })) },
    trustedServices: [...lz.organization.trustedServices].sort(),
    delegatedAdministrators: [...new Set(lz.organization.delegatedAdministrators.map((d) => d.account))].sort().map((name) => ({
      accountId: accountIds.get(name) ?? name,
      servicePrincipals: lz.organization.delegatedAdministrators.filter((d) => d.account === name).map((d) => d.servicePrincipal).sort(),
    })),
    organizationalUnits: ous.sort((a, b) => a.id.localeCompare(b.id)),
    accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)),
    policies: policies.sort((a, b) => a.id.localeCompare(b.id)),
    accountStates: Object.fromEntries(accounts.map((a) => a.id).sort().map((id) => [id, compliantAccountState()])),
    errors: [],
    ...(logging ? { logging } : {}), ...(network ? { network } : {}), ...(identity ? { identity } : {}),
  };
}

function mgmtId(lz: LandingZone): string {
  return lz.accounts.get(lz.organization.managementAccount)?.id ?? '000000000000';
}
