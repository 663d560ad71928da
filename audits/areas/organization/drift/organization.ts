import { ROOT } from '../../../../model/organization';
import { accountShard } from '../../../../model/shards';
import { fileLocation, type DriftCheck } from '../../../drift/context';
import type { Finding } from '../../../drift/finding';
import { finding } from '../categories';

const ORG_FILE = 'accounts/organization.yaml';
const ACCOUNTS_FILE = 'accounts/accounts.yaml';

/** Trusted access of every declared service (ListAWSServiceAccessForOrganization). */
export const trustedAccess: DriftCheck = ({ lz, snapshot: s }) => {
  const o = lz.organization;
  const org = { type: 'organization', id: s.organization.id, name: s.organization.id };
  const trusted = new Set(s.trustedServices);
  return o.trustedServices.filter((service) => !trusted.has(service)).map((service) => finding({
    category: 'trusted-access-disabled', resource: { ...org, name: service }, about: service, expected: 'enabled', actual: 'disabled',
    message: `trusted access for ${service} is disabled`, remediation: `enable it: aws organizations enable-aws-service-access --service-principal ${service} (or redeploy the organization stack)`,
    location: o.source,
  }));
};

/** The policy types the declaration enables, on the root (ListRoots). */
export const policyTypes: DriftCheck = ({ lz, snapshot: s }) => {
  const o = lz.organization;
  const enabled = new Set(s.root.policyTypes.filter((p) => p.status === 'ENABLED').map((p) => p.type));
  return o.enabledPolicyTypes.filter((type) => !enabled.has(type)).map((type) => {
    const status = s.root.policyTypes.find((p) => p.type === type)?.status ?? 'DISABLED';
    return finding({
      category: 'policy-type-disabled', resource: { type: 'root', id: s.root.id, name: type }, about: type, expected: 'ENABLED', actual: status,
      message: `policy type ${type} is ${status} on the root`, remediation: `enable it: aws organizations enable-policy-type --root-id ${s.root.id} --policy-type ${type}`,
      location: o.source,
    });
  });
};

/** Declared delegated administrators, each registered for its service. */
export const delegatedAdministrators: DriftCheck = (ctx) => {
  const { lz, snapshot: s } = ctx;
  return ctx.each(lz.organization.delegatedAdministrators, (da) => {
    const live = ctx.match.accounts.get(da.account);
    if (!live) return []; // the account itself is missing: reported as account-missing
    const registered = s.delegatedAdministrators.find((d) => d.accountId === live.id)?.servicePrincipals ?? [];
    if (registered.includes(da.servicePrincipal)) return [];
    return [finding({
      category: 'delegated-admin-missing', resource: { type: 'account', id: live.id, name: da.account }, about: da.servicePrincipal,
      expected: da.servicePrincipal, actual: registered,
      message: `${da.account} (${live.id}) is not the delegated administrator of ${da.servicePrincipal}`,
      remediation: `aws organizations register-delegated-administrator --account-id ${live.id} --service-principal ${da.servicePrincipal}`,
      location: da.source,
    })];
  });
};

/** The OU tree: declared OUs that are gone, live OUs nobody declared. */
export const organizationalUnits: DriftCheck = ({ lz, snapshot: s, match }) => {
  const out: Finding[] = [];
  for (const ou of lz.ous.values()) {
    if (ou.path === ROOT || match.ouIds.has(ou.path)) continue;
    out.push(finding({
      category: 'ou-missing', resource: { type: 'organizational-unit', id: ou.id ?? ou.path, name: ou.path }, expected: ou.id ? `${ou.path} (${ou.id})` : ou.path, actual: null,
      message: `OU ${ou.path}${ou.id ? ` (${ou.id})` : ''} does not exist`, remediation: `redeploy the organization stack to create it, or remove it from ${ORG_FILE}`,
      location: ou.source,
    }));
  }
  for (const live of s.organizationalUnits) {
    if (match.declaredOus.has(live.id)) continue;
    const parent = match.declaredOus.get(live.parentId);
    out.push(finding({
      category: 'ou-unexpected', resource: { type: 'organizational-unit', id: live.id, name: live.path }, expected: null, actual: live.path,
      message: `OU ${live.path} (${live.id}) is not declared`, remediation: `declare it in ${ORG_FILE} (with id: ${live.id}) or move its accounts out and delete it`,
      location: parent && parent.path !== ROOT ? parent.source : fileLocation(ORG_FILE),
    }));
  }
  return out;
};

/** Accounts: missing, unmanaged, moved, not active. */
export const accounts: DriftCheck = ({ lz, snapshot: s, match }) => {
  const out: Finding[] = [];
  for (const a of lz.accounts.values()) {
    const live = match.accounts.get(a.name);
    if (!live) {
      out.push(finding({
        category: 'account-missing', resource: { type: 'account', id: a.id ?? a.email, name: a.name }, expected: a.id ?? a.email, actual: null,
        message: `account ${a.name} (${a.id ?? a.email}) is not in the organization`, remediation: a.id ? `invite ${a.id} into the organization or fix its id in ${ACCOUNTS_FILE}` : `cdktf deploy ${accountShard(lz.organization.shards, 'accounts', a)} to create it`,
        location: a.source,
      }));
      continue;
    }
    const resource = { type: 'account', id: live.id, name: a.name };
    if (live.state !== 'ACTIVE') {
      out.push(finding({
        category: 'account-not-active', resource, expected: 'ACTIVE', actual: live.state,
        message: `account ${a.name} (${live.id}) is ${live.state}`, remediation: `reopen the account (AWS Support) or remove it from ${ACCOUNTS_FILE}`,
        location: a.source,
      }));
    }
    const expectedParent = match.ouIds.get(a.ou);
    if (expectedParent && live.parentId !== expectedParent) {
      out.push(finding({
        category: 'account-moved', resource, expected: a.ou, actual: match.livePaths.get(live.parentId) ?? live.parentId,
        message: `account ${a.name} (${live.id}) is in ${match.livePaths.get(live.parentId) ?? live.parentId}, declared in ${a.ou}`,
        remediation: `aws organizations move-account --account-id ${live.id} --source-parent-id ${live.parentId} --destination-parent-id ${expectedParent}`,
        location: a.source,
      }));
    }
  }
  for (const live of s.accounts) {
    if (match.declaredAccounts.has(live.id)) continue;
    out.push(finding({
      category: 'account-unmanaged', resource: { type: 'account', id: live.id, name: live.name }, expected: null,
      actual: `${live.name} <${live.email}> in ${match.livePaths.get(live.parentId) ?? live.parentId}`,
      message: `account ${live.name} (${live.id}) is in the organization but not declared`,
      remediation: `declare it in ${ACCOUNTS_FILE} with id: "${live.id}", or remove it from the organization`,
      location: fileLocation(ACCOUNTS_FILE),
    }));
  }
  return out;
};
