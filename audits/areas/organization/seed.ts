import { createHash } from 'crypto';
import type { DesiredState } from '../../../desired';
import type { LandingZone } from '../../../model/landing-zone';
import { effectivePolicy } from '../../../model/effective';
import { resolveLateBound, resolveLateBoundDeep } from '../../../model/late-bound';
import { MANAGEMENT_POLICY_TYPES, POLICY_TYPES } from '../../../model/policy-types';
import { ROOT } from '../../../model/organization';
import { AWS_MANAGED_POLICIES } from '../../../model/aws-managed-policies';
import { lateBoundFromLive, type LiveIds } from '../../drift/desired';
import { SNAPSHOT_SCHEMA_VERSION, type CoreSnapshot, type LiveAccount, type LiveEffectivePolicy, type LiveOrganizationalUnit, type LivePolicy } from '../../snapshot-core';
import { compliantAccountState } from './baseline';
import { ROOT_CREDENTIALS_MANAGEMENT } from './drift/account-security';


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
 * The organization core as the desired state would leave it, deployed perfectly: every OU and
 * account in place (created ones with deterministic fake ids), every policy with its deployed
 * content attached where the guardrails stack attaches it, FullAWSAccess everywhere it is not
 * detached, trusted access and delegated administrators as declared, and every account with root
 * MFA (or no root credentials where they are managed centrally), no root keys and the baseline
 * password policy. Returns the ids it gave, and the desired state resolved with them, for the
 * areas' seeds.
 */
export function seedOrganization(lz: LandingZone, desired: DesiredState): { core: CoreSnapshot; ids: LiveIds; resolved: DesiredState } {
  const o = desired.organization;
  const mgmt = mgmtId(lz);
  const orgId = o.adoptedId ?? `o-${hash(lz.dir, LOWER, 10)}`;
  const rootId = `r-${hash(orgId, LOWER, 4)}`;
  const suffix = rootId.slice(2);
  const ouIds = new Map<string, string>([[ROOT, rootId]]);
  const ous: LiveOrganizationalUnit[] = [];
  for (const ou of o.organizationalUnits) {
    const id = ou.adoptedId ?? `ou-${suffix}-${hash(ou.path, LOWER, 8)}`;
    ouIds.set(ou.path, id);
    ous.push({ id, name: ou.name, parentId: ouIds.get(ou.parentPath) ?? rootId, path: ou.path, arn: `arn:aws:organizations::${mgmt}:ou/${orgId}/${id}` });
  }
  const ouParent = new Map(ous.map((x) => [x.id, x.parentId]));
  /** `o-…/r-…/ou-…/…/<account>/`, the shape of Account.Paths. */
  const entityPath = (parentId: string, accountId: string): string => {
    const chain: string[] = [];
    for (let p: string | undefined = parentId; p && p !== rootId; p = ouParent.get(p)) chain.unshift(p);
    return `${[orgId, rootId, ...chain, accountId].join('/')}/`;
  };
  const taken = new Set([mgmt, ...o.accounts.flatMap((a) => (a.adoptedId ? [a.adoptedId] : []))]);
  const accountIds = new Map<string, string>([[lz.organization.managementAccount, mgmt]]);
  const accounts: LiveAccount[] = [];
  const management = lz.accounts.get(lz.organization.managementAccount)!;
  for (const a of [{ name: management.name, email: management.email, ou: ROOT, adoptedId: mgmt }, ...o.accounts]) {
    const id = a.adoptedId ?? fakeAccountId(a.name, taken);
    taken.add(id);
    accountIds.set(a.name, id);
    const parentId = ouIds.get(a.ou) ?? rootId;
    accounts.push({
      id, name: a.name, email: a.email, state: 'ACTIVE', parentId, paths: [entityPath(parentId, id)],
      joinedMethod: a.adoptedId ? 'INVITED' : 'CREATED', arn: `arn:aws:organizations::${mgmt}:account/${orgId}/${id}`,
    });
  }

  const region = lz.organization.homeRegion;
  const ids: LiveIds = {
    organizationId: orgId, accountId: (n) => accountIds.get(n), ouId: (p) => ouIds.get(p),
    keyArn: (account, key) => `arn:aws:kms:${region}:${accountIds.get(account) ?? account}:key/${fakeKeyId(`${account}/${key}`)}`,
  };
  const live = resolveLateBoundDeep(desired, lateBoundFromLive(ids));
  const g = live.guardrails;
  const enabled = new Set(o.enabledPolicyTypes);
  const everywhere = [rootId, ...ous.map((x) => x.id), ...accounts.map((a) => a.id)].sort();
  const detached = new Set(g.fullAwsAccessDetachments.map((t) => t.id));
  const policies: LivePolicy[] = AWS_MANAGED_POLICIES.filter((p) => enabled.has(p.type)).map((p) => ({
    id: p.id, name: p.name, type: p.type, awsManaged: true, description: `AWS managed ${p.name}`,
    content: JSON.stringify(p.document),
    targets: p.type === 'SERVICE_CONTROL_POLICY' ? everywhere.filter((id) => !detached.has(id)) : everywhere,
  }));
  for (const p of g.policies) {
    policies.push({
      id: p.adoptedId ?? `p-${hash(p.id, LOWER, 8)}`, name: p.name, description: p.description, type: p.type, awsManaged: false,
      content: p.content, targets: [...new Set(g.attachments.filter((a) => a.policyId === p.id).map((a) => a.target.id))].sort(),
    });
  }
  const admins = [...new Set(o.delegatedAdministrators.map((d) => d.account))].sort();
  const centralRoot = o.rootAccessFeatures.includes(ROOT_CREDENTIALS_MANAGEMENT);
  // What Organizations would merge for each account, as the model computes it (the sandbox stands in for AWS).
  const effectivePolicies = seedEffectivePolicies(lz, accountIds, (text) => resolveLateBound(text, lateBoundFromLive(ids)));
  const seeded: CoreSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date(0).toISOString(),
    region,
    organization: {
      id: orgId, arn: `arn:aws:organizations::${mgmt}:organization/${orgId}`, featureSet: o.featureSet,
      managementAccountId: mgmt, managementAccountEmail: management.email,
    },
    root: { id: rootId, name: 'Root', policyTypes: [...enabled].sort().map((type) => ({ type, status: 'ENABLED' })) },
    trustedServices: [...o.trustedServices].sort(),
    delegatedAdministrators: admins.map((name) => ({
      accountId: accountIds.get(name) ?? name,
      servicePrincipals: o.delegatedAdministrators.filter((d) => d.account === name).map((d) => d.servicePrincipal).sort(),
    })),
    organizationalUnits: ous.sort((a, b) => a.id.localeCompare(b.id)),
    accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)),
    policies: policies.sort((a, b) => a.id.localeCompare(b.id)),
    // Centrally managed root access removes the member accounts' root credentials; the management
    // account keeps its own root user.
    accountStates: Object.fromEntries(accounts.map((a) => a.id).sort().map((id) => [id, compliantAccountState(!centralRoot || id === mgmt)])),
    rootAccess: { enabledFeatures: [...o.rootAccessFeatures].sort() },
    ...(effectivePolicies.length ? { effectivePolicies } : {}),
    errors: [],
  };
  return { core: seeded, ids, resolved: live };
}

/** Every account's effective management policy of every type attached somewhere. */
function seedEffectivePolicies(lz: LandingZone, accountIds: ReadonlyMap<string, string>, resolve: (text: string) => string): LiveEffectivePolicy[] {
  const attached = new Set([...lz.guardrails.attachments].map((a) => lz.guardrails.policies.get(a.policyId)?.type));
  const out: LiveEffectivePolicy[] = [];
  for (const type of MANAGEMENT_POLICY_TYPES.filter((t) => attached.has(t))) {
    for (const account of lz.accounts.values()) {
      const content = effectivePolicy(lz, account.name, type).content;
      if (content) out.push({ accountId: accountIds.get(account.name)!, type: POLICY_TYPES[type].organizationsType, content: resolve(JSON.stringify(content)) });
    }
  }
  return out;
}

/** A deterministic fake KMS key id (a UUID's shape). */
function fakeKeyId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function mgmtId(lz: LandingZone): string {
  return lz.accounts.get(lz.organization.managementAccount)?.id ?? '000000000000';
}
