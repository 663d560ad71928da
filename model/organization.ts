import type { Diagnostics } from './diagnostics';
import { regionProblem } from './regions';
import { buildShardRule, type RawShardRule } from './shards';
import { SourceFile, type JsonPath } from './source';
import { accountMayExist, ouMayExist, type DeclarationGaps } from './targets';
import { POLICY_TYPE_NAMES, POLICY_TYPES, policyTypeOf } from './policy-types';
import type { Account, DelegatedAdministrator, OrganizationalUnit, OrganizationSettings, PolicyQuota, PolicyType, Quotas, RootAccess, RootAccessFeature, StateBackend } from './types';

export const ROOT = 'Root';

/**
 * AWS's default quotas, from the policy type table (10 SCPs per target and 10,240 characters per SCP
 * since 2026-05-15; 5 RCPs and 5,120 characters); organization.quotas overrides them where AWS
 * raised a quota on request. Organizations allows 5 levels of OUs below the root.
 */
export const DEFAULT_QUOTAS: Quotas = quotasFrom({});

interface RawQuotas {
  scpsPerTarget?: number; rcpsPerTarget?: number; scpCharacters?: number; rcpCharacters?: number; ouDepth?: number;
  perType?: Partial<Record<PolicyType, Partial<PolicyQuota>>>;
}

/** The quotas of organization.yaml over AWS's defaults; one PolicyQuota per type. */
function quotasFrom(q: RawQuotas): Quotas {
  const policies = Object.fromEntries(POLICY_TYPE_NAMES.map((t) => [t, Object.freeze({
    perTarget: q.perType?.[t]?.perTarget ?? POLICY_TYPES[t].perTarget,
    characters: q.perType?.[t]?.characters ?? POLICY_TYPES[t].characters,
  })])) as Record<PolicyType, PolicyQuota>;
  policies.SCP = Object.freeze({ perTarget: q.scpsPerTarget ?? POLICY_TYPES.SCP.perTarget, characters: q.scpCharacters ?? POLICY_TYPES.SCP.characters });
  policies.RCP = Object.freeze({ perTarget: q.rcpsPerTarget ?? POLICY_TYPES.RCP.perTarget, characters: q.rcpCharacters ?? POLICY_TYPES.RCP.characters });
  return {
    scpsPerTarget: policies.SCP.perTarget, rcpsPerTarget: policies.RCP.perTarget,
    scpCharacters: policies.SCP.characters, rcpCharacters: policies.RCP.characters,
    ouDepth: q.ouDepth ?? 5, policies: Object.freeze(policies),
  };
}

export const DEFAULT_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY'];

interface RawOu { name: string; id?: string; tags?: Record<string, string>; children?: RawOu[] }
interface RawOrganizationFile {
  organization: {
    id?: string; managementAccount: string; homeRegion: string; allowedRegions: string[];
    enabledPolicyTypes?: string[]; trustedServices?: string[];
    delegatedAdministrators?: { service: string; account: string }[];
    roles?: { deployment?: string; breakGlass?: string; audit?: string };
    accountRoles?: { logArchive?: string; audit?: string; network?: string; sharedServices?: string; securityTooling?: string };
    quotas?: RawQuotas; keepFullAwsAccess?: boolean; stateBackend?: StateBackend; shards?: RawShardRule;
    rootAccess?: { credentialsManagement?: boolean; sessions?: boolean };
  };
  organizationalUnits: RawOu[];
}
interface RawAccount { name: string; email: string; id?: string; ou: string; tags?: Record<string, string> }

export interface OrganizationCore {
  readonly organization: OrganizationSettings;
  readonly root: OrganizationalUnit;
  readonly ous: ReadonlyMap<string, OrganizationalUnit>;
  readonly accounts: ReadonlyMap<string, Account>;
  /** Present when either file, or a part of it, failed the structural pass. */
  readonly gaps?: DeclarationGaps;
}

const ORGANIZATION_FILE = 'accounts/organization.yaml';
const ACCOUNTS_FILE = 'accounts/accounts.yaml';

/** Stands in for an organization.yaml that could not be read: checks against it are skipped. */
const UNREAD_ORGANIZATION: RawOrganizationFile = { organization: { managementAccount: '', homeRegion: '', allowedRegions: [] }, organizationalUnits: [] };

/**
 * The meaning pass for organization.yaml and accounts.yaml: OU paths and depth, unique names,
 * emails and ids, accounts placed in declared OUs, role accounts and delegated admins declared.
 * Each file is what passed the structural pass (possibly with parts left out), or undefined when
 * nothing of it could be read; the other file is still checked.
 */
export function buildOrganization(orgSource: SourceFile | undefined, accountsSource: SourceFile | undefined, d: Diagnostics): OrganizationCore {
  const orgFile = orgSource ?? SourceFile.fromData(ORGANIZATION_FILE, UNREAD_ORGANIZATION);
  const accountsFile = accountsSource ?? SourceFile.fromData(ACCOUNTS_FILE, { accounts: [] });
  const raw = orgFile.data as RawOrganizationFile;
  const rawAccounts = (accountsFile.data as { accounts: RawAccount[] }).accounts;
  const o = raw.organization;
  const gaps = gapsOf(orgSource, accountsSource);
  const quotas = quotasFrom(o.quotas ?? {});

  // Accounts first, grouped by OU path, so the OU tree can be built bottom-up immutable.
  const accounts = new Map<string, Account>();
  const byOu = new Map<string, Account[]>();
  const emails = new Map<string, string>();
  const ids = new Map<string, string>();
  rawAccounts.forEach((a, i) => {
    const at = accountsFile.locate(['accounts', i]);
    const ou = normalizeOuPath(a.ou);
    const account: Account = Object.freeze({
      name: a.name, email: a.email, id: a.id, ou, isManagement: a.name === o.managementAccount,
      tags: Object.freeze({ ...(a.tags ?? {}) }), source: at,
    });
    const prior = accounts.get(a.name);
    if (prior) {
      d.error(accountsFile.locate(['accounts', i, 'name']), 'DUPLICATE_ACCOUNT_NAME',
        `account name '${a.name}' is already declared at line ${prior.source.line}; account names must be unique`);
      return;
    }
    const email = a.email.toLowerCase();
    const priorEmail = emails.get(email);
    if (priorEmail) {
      d.error(accountsFile.locate(['accounts', i, 'email']), 'DUPLICATE_EMAIL',
        `email '${a.email}' is already used by account '${priorEmail}'; every AWS account needs its own root email`);
    }
    emails.set(email, a.name);
    if (a.id) {
      const priorId = ids.get(a.id);
      if (priorId) d.error(accountsFile.locate(['accounts', i, 'id']), 'DUPLICATE_ACCOUNT_ID', `account id ${a.id} is already declared for '${priorId}'; an account is declared once`);
      ids.set(a.id, a.name);
    }
    accounts.set(a.name, account);
    byOu.set(ou, [...(byOu.get(ou) ?? []), account]);
  });

  const ous = new Map<string, OrganizationalUnit>();
  const ouIds = new Map<string, string>();
  // yamlPath: where this OU is declared; childrenPath: where its children list is (the root's
  // children are the top-level organizationalUnits list).
  const buildOu = (r: RawOu, parentPath: string | undefined, depth: number, yamlPath: (string | number)[], childrenPath: (string | number)[]): OrganizationalUnit => {
    const ouPath = parentPath === undefined ? ROOT : parentPath === ROOT ? r.name : `${parentPath}/${r.name}`;
    const at = orgFile.locate(yamlPath);
    if (depth > quotas.ouDepth) {
      d.error(orgFile.locate([...yamlPath, 'name']), 'OU_TOO_DEEP',
        `OU '${ouPath}' is nested ${depth} levels below the root; Organizations allows ${quotas.ouDepth}: flatten the tree`);
    }
    if (r.id) {
      const prior = ouIds.get(r.id);
      if (prior) d.error(orgFile.locate([...yamlPath, 'id']), 'DUPLICATE_OU_ID', `OU id ${r.id} is already declared for '${prior}'`);
      ouIds.set(r.id, ouPath);
    }
    const seen = new Set<string>();
    const children = (r.children ?? []).flatMap((c, i) => {
      if (seen.has(c.name)) {
        d.error(orgFile.locate([...childrenPath, i, 'name']), 'DUPLICATE_OU_NAME',
          `OU '${c.name}' is declared twice under '${ouPath}'; sibling OUs need distinct names`);
        return [];
      }
      seen.add(c.name);
      const at = [...childrenPath, i];
      return [buildOu(c, ouPath, depth + 1, at, [...at, 'children'])];
    });
    const ou: OrganizationalUnit = Object.freeze({
      name: r.name, path: ouPath, id: r.id, parentPath, depth,
      children: Object.freeze(children), accounts: Object.freeze(byOu.get(ouPath) ?? []),
      tags: Object.freeze({ ...(r.tags ?? {}) }), source: at,
    });
    ous.set(ouPath, ou);
    return ou;
  };
  const root = buildOu({ name: ROOT, children: raw.organizationalUnits }, undefined, 0, ['organizationalUnits'], ['organizationalUnits']);
  const known = { root, ous, accounts, gaps };

  rawAccounts.forEach((a, i) => {
    const ou = normalizeOuPath(a.ou);
    if (!ouMayExist(known, ou)) {
      d.error(accountsFile.locate(['accounts', i, 'ou']), 'UNKNOWN_OU',
        `account '${a.name}' is placed in OU '${a.ou}', which organization.yaml does not declare${suggest(ou, [...ous.keys()])}`);
    }
  });

  const mgmt = accounts.get(o.managementAccount);
  if (!mgmt) {
    if (!gaps?.organization && !accountMayExist(known, o.managementAccount)) d.error(orgFile.locate(['organization', 'managementAccount']), 'UNKNOWN_ACCOUNT',
      `management account '${o.managementAccount}' is not declared in accounts.yaml; declare it with its id`);
  } else {
    if (!mgmt.id) d.error(mgmt.source, 'MANAGEMENT_ACCOUNT_ID_REQUIRED', `the management account '${mgmt.name}' must carry its 12-digit id: it already exists (lzkit deploys from it)`);
    if (mgmt.ou !== ROOT) d.error(accountsFile.locate(['accounts', rawAccounts.findIndex((a) => a.name === mgmt.name), 'ou']), 'MANAGEMENT_ACCOUNT_OU', `the management account always stays under the root; set ou: Root`);
  }
  const homeProblem = gaps?.organization ? undefined : regionProblem(o.homeRegion);
  if (homeProblem) d.error(orgFile.locate(['organization', 'homeRegion']), 'UNKNOWN_REGION', `homeRegion: ${homeProblem}; use the name AWS gives the region`);
  o.allowedRegions.forEach((r, i) => {
    const problem = regionProblem(r, o.homeRegion);
    // A typo here would make region-deny deny the region the typo was meant to allow.
    if (problem) d.error(orgFile.locate(['organization', 'allowedRegions', i]), 'UNKNOWN_REGION', `allowedRegions: ${problem}; fix the name or remove it`);
  });
  if (!gaps?.organization && !homeProblem && !o.allowedRegions.includes(o.homeRegion)) {
    d.error(orgFile.locate(['organization', 'homeRegion']), 'HOME_REGION_NOT_ALLOWED', `home region ${o.homeRegion} is not in allowedRegions; add it there`);
  }
  const backendRegion = o.stateBackend?.region;
  const backendProblem = backendRegion === undefined ? undefined : regionProblem(backendRegion, o.homeRegion);
  if (backendProblem) d.error(orgFile.locate(['organization', 'stateBackend', 'region']), 'UNKNOWN_REGION', `stateBackend.region: ${backendProblem}`);

  const accountRoles = { ...(o.accountRoles ?? {}) };
  for (const [role, name] of Object.entries(accountRoles)) {
    if (name && !accountMayExist(known, name)) {
      d.error(orgFile.locate(['organization', 'accountRoles', role]), 'UNKNOWN_ACCOUNT', `accountRoles.${role} names '${name}', which accounts.yaml does not declare${suggest(name, [...accounts.keys()])}`);
    }
  }
  const delegatedAdministrators: DelegatedAdministrator[] = (o.delegatedAdministrators ?? []).map((da, i) => {
    if (!accountMayExist(known, da.account)) {
      d.error(orgFile.locate(['organization', 'delegatedAdministrators', i, 'account']), 'UNKNOWN_ACCOUNT',
        `delegated administrator for ${da.service} names '${da.account}', which accounts.yaml does not declare${suggest(da.account, [...accounts.keys()])}`);
    } else if (da.account === o.managementAccount) {
      d.error(orgFile.locate(['organization', 'delegatedAdministrators', i, 'account']), 'DELEGATED_ADMIN_MANAGEMENT', `the management account cannot be a delegated administrator; name a member account`);
    }
    return Object.freeze({ servicePrincipal: da.service, account: da.account, source: orgFile.locate(['organization', 'delegatedAdministrators', i]) });
  });
  const trustedServices = o.trustedServices ?? [];
  delegatedAdministrators.forEach((da, i) => {
    if (!trustedServices.includes(da.servicePrincipal)) {
      d.error(orgFile.locate(['organization', 'delegatedAdministrators', i, 'service']), 'TRUSTED_ACCESS_REQUIRED',
        `${da.servicePrincipal} has a delegated administrator but is not in trustedServices; add it there`);
    }
  });
  (o.enabledPolicyTypes ?? []).forEach((t, i) => {
    const service = POLICY_TYPES[policyTypeOf(t) ?? 'SCP'].trustedService;
    if (service && !trustedServices.includes(service)) {
      d.error(orgFile.locate(['organization', 'enabledPolicyTypes', i]), 'TRUSTED_ACCESS_REQUIRED',
        `${t} can be enabled only with trusted access for ${service}; add ${service} to trustedServices`);
    }
  });
  const rootAccess = buildRootAccess(o.rootAccess, orgFile, trustedServices, d);
  if (o.keepFullAwsAccess !== undefined) {
    d.error(orgFile.locate(['organization', 'keepFullAwsAccess']), 'REPLACED_SETTING',
      `keepFullAwsAccess was one switch for the whole organization; AWS lets each OU and account keep or lose FullAWSAccess: remove it here and list where it is detached under 'fullAwsAccess: { detachFrom: ... }' in accounts/guardrails.yaml`);
  }
  const backend: StateBackend = o.stateBackend ?? { type: 'local' };
  if (backend.type === 's3' && !backend.bucket) {
    d.error(orgFile.locate(['organization', 'stateBackend']), 'MISSING_FIELD', `an s3 state backend needs 'bucket' (and 'region'); add them`);
  }

  const organization: OrganizationSettings = Object.freeze({
    id: o.id,
    managementAccount: o.managementAccount,
    homeRegion: o.homeRegion,
    allowedRegions: Object.freeze([...o.allowedRegions]),
    enabledPolicyTypes: Object.freeze(o.enabledPolicyTypes ?? DEFAULT_POLICY_TYPES),
    trustedServices: Object.freeze([...trustedServices]),
    delegatedAdministrators: Object.freeze(delegatedAdministrators),
    roles: Object.freeze({
      deployment: o.roles?.deployment ?? 'OrganizationAccountAccessRole',
      breakGlass: o.roles?.breakGlass ?? 'BreakGlassAdministrator',
      audit: o.roles?.audit ?? 'LzkitAuditReadOnly',
    }),
    accountRoles: Object.freeze(accountRoles),
    quotas: Object.freeze(quotas),
    stateBackend: Object.freeze(backend),
    rootAccess,
    shards: buildShardRule(orgFile, o.shards, root, d),
    source: orgFile.locate(['organization']),
  });
  return { organization, root, ous, accounts, gaps };
}

/** The IAM service principal whose trusted access centralized root access needs. */
export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

/**
 * Centralized root access: both features need trusted access for IAM in Organizations (the
 * EnableOrganizationsRootCredentialsManagement and EnableOrganizationsRootSessions API reference).
 */
function buildRootAccess(raw: { credentialsManagement?: boolean; sessions?: boolean } | undefined, orgFile: SourceFile, trusted: readonly string[], d: Diagnostics): RootAccess | undefined {
  if (!raw) return undefined;
  const credentialsManagement = raw.credentialsManagement ?? false;
  const sessions = raw.sessions ?? false;
  const features: RootAccessFeature[] = [...(credentialsManagement ? ['RootCredentialsManagement' as const] : []), ...(sessions ? ['RootSessions' as const] : [])];
  if (features.length > 0 && !trusted.includes(IAM_SERVICE_PRINCIPAL)) {
    d.error(orgFile.locate(['organization', 'rootAccess']), 'TRUSTED_ACCESS_REQUIRED',
      `centralized root access (${features.join(', ')}) needs trusted access for IAM; add ${IAM_SERVICE_PRINCIPAL} to trustedServices`);
  }
  return Object.freeze({ credentialsManagement, sessions, features: Object.freeze(features), source: orgFile.locate(['organization', 'rootAccess']) });
}

/** What of the two files could not be read: a whole file, or entries of accounts and OUs. */
function gapsOf(orgFile: SourceFile | undefined, accountsFile: SourceFile | undefined): DeclarationGaps | undefined {
  const accountNames = new Set<string>();
  const ouPaths = new Set<string>();
  for (const p of accountsFile?.leftOut ?? []) {
    const name = p.length === 2 && p[0] === 'accounts' ? nameAt(accountsFile?.fileData, p) : undefined;
    if (name) accountNames.add(name);
  }
  for (const p of orgFile?.leftOut ?? []) {
    // An OU entry: organizationalUnits[i], or children[j] below one; its path from the names above it.
    if (typeof p[p.length - 1] !== 'number' || !(p[0] === 'organizationalUnits' && (p.length === 2 || p[p.length - 2] === 'children'))) continue;
    const names: string[] = [];
    for (let i = 2; i <= p.length; i += 2) names.push(nameAt(orgFile?.fileData, p.slice(0, i)) ?? '');
    // An entry without a readable name hides any OU under its parent.
    const unnamed = names.indexOf('');
    ouPaths.add(unnamed === 0 ? ROOT : normalizeOuPath(names.slice(0, unnamed < 0 ? names.length : unnamed).join('/')));
  }
  if (orgFile && accountsFile && accountNames.size === 0 && ouPaths.size === 0) return undefined;
  return Object.freeze({ organization: !orgFile, accounts: !accountsFile, accountNames, ouPaths });
}

function nameAt(data: unknown, p: JsonPath): string | undefined {
  let v = data;
  for (const k of p) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  const name = v && typeof v === 'object' ? (v as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** `Root/Workloads/Prod`, `/Workloads/Prod/` and `Workloads/Prod` all name the same OU. */
export function normalizeOuPath(p: string): string {
  const parts = p.split('/').map((s) => s.trim()).filter(Boolean);
  if (parts[0] === ROOT) parts.shift();
  return parts.length === 0 ? ROOT : parts.join('/');
}

/** ", did you mean 'x'?" when a close name exists. */
export function suggest(name: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const s = editDistance(name.toLowerCase(), c.toLowerCase());
    if (s < bestScore) { best = c; bestScore = s; }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean '${best}'?` : '';
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
