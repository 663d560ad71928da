import type { Diagnostics } from '../diagnostics';
import { suggest } from '../organization';
import type { Section } from '../section';
import type { JsonPath, SourceFile } from '../source';
import { accountMayExist, checkTargets, expandTargets } from '../targets';
import type { OrganizationSettings, Targets } from '../types';
import type { CoreModel } from '../section';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, parseIsoDuration } from './duration';
import { INLINE_POLICY_MAX_BYTES, INLINE_POLICY_MAX_NON_WHITESPACE, PermissionSetPolicyReader, inlinePolicySize } from './policies';
import type {
  AccountAssignment, Assignment, CustomerManagedPolicyRef, IdentityDeclaration, IdentityGroup, PermissionSet, PermissionsBoundary,
} from './types';

export * from './types';
export { parseIsoDuration } from './duration';
export { INLINE_POLICY_MAX_BYTES, INLINE_POLICY_MAX_NON_WHITESPACE, inlinePolicySize } from './policies';

/** The Identity Center service principal a delegated administrator is registered for. */
export const SSO_SERVICE_PRINCIPAL = 'sso.amazonaws.com';
const DEFAULT_SESSION = 'PT1H';

interface RawCustomerManaged { name: string; path?: string; document?: string }
interface RawIdentityFile {
  identityCenter?: { administrator?: string };
  groups?: { name: string; description?: string; create?: boolean }[];
  permissionSets: {
    name: string; description?: string; sessionDuration?: string; awsManagedPolicies?: string[];
    customerManagedPolicies?: RawCustomerManaged[]; inlinePolicy?: string;
    permissionsBoundary?: { managedPolicyArn?: string; customerManaged?: RawCustomerManaged };
    relayState?: string; tags?: Record<string, string>;
  }[];
  assignments: { group?: string; user?: string; permissionSet: string; targets: Targets; allowManagementAccount?: boolean }[];
}

export const identitySection: Section<IdentityDeclaration> = {
  file: 'identity.yaml',
  schema: 'identity.schema.json',
  build: ({ file, core, diagnostics }) => buildIdentity(file, core, diagnostics),
};

function buildIdentity(file: SourceFile, core: CoreModel, d: Diagnostics): IdentityDeclaration {
  const raw = file.data as RawIdentityFile;
  const administrator = checkAdministrator(raw, file, core.organization, core, d);
  const groups = buildGroups(raw, file, d);
  const reader = new PermissionSetPolicyReader(core.dir, d);
  const permissionSets = new Map<string, PermissionSet>();
  raw.permissionSets.forEach((_, i) => {
    const ps = buildPermissionSet(raw, i, file, reader, d);
    const prior = permissionSets.get(ps.name);
    if (prior) {
      d.error(file.locate(['permissionSets', i, 'name']), 'DUPLICATE_PERMISSION_SET',
        `permission set '${ps.name}' is already declared at line ${prior.source.line}; permission set names are unique in Identity Center: rename or merge them`);
      return;
    }
    permissionSets.set(ps.name, ps);
  });
  const assignments = raw.assignments.map((_, i) => buildAssignment(raw, i, file, core, groups, permissionSets, d));
  const users = [...new Set(assignments.filter((a) => a.principal.type === 'USER').map((a) => a.principal.name))];
  return Object.freeze({
    source: file.locate([]), administrator, groups, users: Object.freeze(users), permissionSets, assignments: Object.freeze(assignments),
  });
}

/** The management account, or a member account registered as delegated admin for sso.amazonaws.com. */
function checkAdministrator(raw: RawIdentityFile, file: SourceFile, org: OrganizationSettings, core: CoreModel, d: Diagnostics): string {
  const name = raw.identityCenter?.administrator ?? org.managementAccount;
  const at = file.locate(['identityCenter', 'administrator']);
  if (name === org.managementAccount || core.gaps?.organization) return name;
  if (!accountMayExist(core, name)) {
    d.error(at, 'UNKNOWN_ACCOUNT', `account '${name}' is not declared in accounts.yaml${suggest(name, [...core.accounts.keys()])}`);
    return name;
  }
  if (!core.accounts.has(name)) return name;
  if (!org.delegatedAdministrators.some((da) => da.servicePrincipal === SSO_SERVICE_PRINCIPAL && da.account === name)) {
    d.error(at, 'DELEGATED_ADMIN_MISSING',
      `'${name}' administers Identity Center but is not its delegated administrator; add { service: ${SSO_SERVICE_PRINCIPAL}, account: ${name} } to organization.delegatedAdministrators in organization.yaml, or use the management account`);
  }
  return name;
}

function buildGroups(raw: RawIdentityFile, file: SourceFile, d: Diagnostics): Map<string, IdentityGroup> {
  const groups = new Map<string, IdentityGroup>();
  (raw.groups ?? []).forEach((g, i) => {
    if (groups.has(g.name)) {
      d.error(file.locate(['groups', i, 'name']), 'DUPLICATE_GROUP', `group '${g.name}' is declared twice; remove one`);
      return;
    }
    groups.set(g.name, Object.freeze({ name: g.name, description: g.description, create: g.create ?? false, source: file.locate(['groups', i]) }));
  });
  return groups;
}

function buildPermissionSet(raw: RawIdentityFile, i: number, file: SourceFile, reader: PermissionSetPolicyReader, d: Diagnostics): PermissionSet {
  const p = raw.permissionSets[i];
  const at: JsonPath = ['permissionSets', i];
  const sessionDuration = p.sessionDuration ?? DEFAULT_SESSION;
  const parsed = parseIsoDuration(sessionDuration);
  let sessionSeconds = MIN_SESSION_SECONDS;
  if (!parsed.ok) {
    d.error(file.locate([...at, 'sessionDuration']), 'SESSION_DURATION_INVALID',
      `sessionDuration '${sessionDuration}' is not an ISO-8601 duration of hours/minutes; write it like PT8H or PT1H30M`);
  } else if (parsed.seconds > MAX_SESSION_SECONDS) {
    d.error(file.locate([...at, 'sessionDuration']), 'SESSION_DURATION_TOO_LONG',
      `sessionDuration '${sessionDuration}' is longer than Identity Center allows (PT12H); shorten it`);
  } else if (parsed.seconds < MIN_SESSION_SECONDS) {
    d.error(file.locate([...at, 'sessionDuration']), 'SESSION_DURATION_TOO_SHORT',
      `sessionDuration '${sessionDuration}' is shorter than Identity Center allows (PT1H); lengthen it`);
  } else {
    sessionSeconds = parsed.seconds;
  }
  const customerManaged = (ref: RawCustomerManaged, refAt: JsonPath): CustomerManagedPolicyRef => Object.freeze({
    name: ref.name, path: ref.path ?? '/',
    document: ref.document ? reader.read(ref.document, file.locate([...refAt, 'document'])) : undefined,
  });
  const inlinePolicy = p.inlinePolicy ? reader.read(p.inlinePolicy, file.locate([...at, 'inlinePolicy'])) : undefined;
  if (inlinePolicy) {
    const size = inlinePolicySize(inlinePolicy.content);
    if (!size.fits) {
      d.error(file.locate([...at, 'inlinePolicy']), 'INLINE_POLICY_TOO_LARGE',
        `the inline policy of '${p.name}' (${inlinePolicy.file}) has ${size.nonWhitespace} non-whitespace characters and ${size.bytes} bytes; Identity Center allows ${INLINE_POLICY_MAX_NON_WHITESPACE} and ${INLINE_POLICY_MAX_BYTES}: move statements into customer managed policies or shorten it`);
    }
  }
  const b = p.permissionsBoundary;
  const permissionsBoundary: PermissionsBoundary | undefined = b?.managedPolicyArn
    ? { kind: 'aws-managed', arn: b.managedPolicyArn }
    : b?.customerManaged ? { kind: 'customer-managed', policy: customerManaged(b.customerManaged, [...at, 'permissionsBoundary', 'customerManaged']) } : undefined;
  return Object.freeze({
    name: p.name, description: p.description,
    sessionDuration, sessionSeconds,
    awsManagedPolicies: Object.freeze((p.awsManagedPolicies ?? []).map(awsManagedPolicyArn)),
    customerManagedPolicies: Object.freeze((p.customerManagedPolicies ?? []).map((ref, j) => customerManaged(ref, [...at, 'customerManagedPolicies', j]))),
    inlinePolicy, permissionsBoundary, relayState: p.relayState,
    tags: Object.freeze({ ...(p.tags ?? {}) }), source: file.locate(at),
  });
}

/** `ReadOnlyAccess` and `job-function/Billing` are short for their ARNs in the aws partition. */
export function awsManagedPolicyArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:iam::aws:policy/${nameOrArn}`;
}

function buildAssignment(
  raw: RawIdentityFile, i: number, file: SourceFile, core: CoreModel,
  groups: ReadonlyMap<string, IdentityGroup>, permissionSets: ReadonlyMap<string, PermissionSet>, d: Diagnostics,
): Assignment {
  const a = raw.assignments[i];
  const at: JsonPath = ['assignments', i];
  const principal = a.group !== undefined ? { type: 'GROUP' as const, name: a.group } : { type: 'USER' as const, name: a.user ?? '' };
  if (principal.type === 'GROUP' && !groups.has(principal.name)) {
    d.error(file.locate([...at, 'group']), 'UNKNOWN_GROUP',
      `group '${principal.name}' is not declared under groups${suggest(principal.name, [...groups.keys()])}; declare it (looked up by display name) or fix the name`);
  }
  if (!permissionSets.has(a.permissionSet)) {
    d.error(file.locate([...at, 'permissionSet']), 'UNKNOWN_PERMISSION_SET',
      `permission set '${a.permissionSet}' is not declared under permissionSets${suggest(a.permissionSet, [...permissionSets.keys()])}`);
  }
  checkTargets(core, a.targets, file, [...at, 'targets'], d);
  const allowManagementAccount = a.allowManagementAccount ?? false;
  const management = core.organization.managementAccount;
  let accounts = expandTargets(core, a.targets).map((acc) => acc.name);
  if (accounts.includes(management) && !allowManagementAccount) {
    d.warning(file.locate([...at, 'targets']), 'MANAGEMENT_ACCOUNT_SKIPPED',
      `the targets reach the management account '${management}'; it is left out because access there is rarely intended: set 'allowManagementAccount: true' to assign it, or exclude it explicitly`);
    accounts = accounts.filter((n) => n !== management);
  }
  return Object.freeze({
    principal: Object.freeze(principal), permissionSet: a.permissionSet, targets: Object.freeze(a.targets),
    allowManagementAccount, accounts: Object.freeze(accounts), source: file.locate(at),
  });
}

/**
 * Every (principal, permission set, account) the declaration grants, deduplicated: exactly the
 * aws_ssoadmin_account_assignment resources the identity stack synthesizes.
 */
export function accountAssignments(identity: IdentityDeclaration): AccountAssignment[] {
  const seen = new Map<string, AccountAssignment>();
  for (const a of identity.assignments) {
    for (const account of a.accounts) {
      const key = `${a.principal.type}|${a.principal.name}|${a.permissionSet}|${account}`;
      if (!seen.has(key)) seen.set(key, Object.freeze({ principal: a.principal, permissionSet: a.permissionSet, account }));
    }
  }
  return [...seen.values()];
}
