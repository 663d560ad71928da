import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostics } from './diagnostics';
import { lateBoundAccountId, lateBoundOrganizationId, resolveLateBound } from './late-bound';
import { normalizeOuPath, suggest } from './organization';
import { PARAMETER_NAME } from './iam-grammar';
import { lintPolicyDocument } from './policy-lint';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from './policy-types';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from './simulate/chain';
import { checkStructure } from './schema';
import { SourceFile, type JsonPath } from './source';
import { accountMayExist, attachmentPoints, checkTargets, ouMayExist, type OrganizationView } from './targets';
import { hasFullAwsAccess, type FullAwsAccessPlacement, type Guardrail, type GuardrailAttachment, type GuardrailSet, type OrganizationSettings, type PolicyDocument, type PolicyParameter, type PolicyType, type Severity, type Targets } from './types';

/** Policy files by type: the folders of the policy type table. */
export const POLICY_FOLDERS: Readonly<Record<PolicyType, string>> = Object.freeze(Object.fromEntries(POLICY_TYPE_NAMES.map((t) => [t, POLICY_TYPES[t].folder])) as Record<PolicyType, string>);

interface RawPolicyFile {
  id: string; type: PolicyType; name?: string; description: string; severity: Severity;
  parameters?: { name: string; description: string; type?: 'string' | 'stringList'; default?: string | string[] }[];
  document: Record<string, unknown>;
}
interface RawGuardrailsFile {
  parameters?: Record<string, string | string[]>;
  adoptedPolicies?: Record<string, string>;
  attachments: { policy: string; targets: Targets }[];
  fullAwsAccess?: { detachFrom: { ous?: string[]; accounts?: string[] } };
}

type Value = string | readonly string[];

/** `${name}` as the whole string, and anywhere in a string: lzkit's parameters, nothing else. */
const WHOLE_PARAMETER = new RegExp(`^\\$\\{(${PARAMETER_NAME.source.slice(1, -1)})\\}$`);
const ANY_PARAMETER = new RegExp(`\\$\\{(${PARAMETER_NAME.source.slice(1, -1)})\\}`, 'g');

/**
 * Values every policy may use without declaring them: bound from organization.yaml so that a
 * guardrail and the organization it protects can never disagree.
 */
export function builtinParameters(org: OrganizationSettings, view: OrganizationView): Record<string, Value> {
  const accountId = (name: string | undefined): string | undefined => {
    if (!name) return undefined;
    const a = view.accounts.get(name);
    // An account in a part of accounts.yaml that could not be read still binds (to a marker).
    return a ? (a.id ?? lateBoundAccountId(a.name)) : accountMayExist(view, name) ? lateBoundAccountId(name) : undefined;
  };
  const out: Record<string, Value | undefined> = {
    organizationId: org.id ?? lateBoundOrganizationId(),
    managementAccountId: accountId(org.managementAccount),
    homeRegion: org.homeRegion,
    allowedRegions: org.allowedRegions,
    deploymentRoleName: org.roles.deployment,
    breakGlassRoleName: org.roles.breakGlass,
    auditRoleName: org.roles.audit,
    deploymentRoleArn: `arn:aws:iam::*:role/${org.roles.deployment}`,
    breakGlassRoleArn: `arn:aws:iam::*:role/${org.roles.breakGlass}`,
    auditRoleArn: `arn:aws:iam::*:role/${org.roles.audit}`,
    logArchiveAccountId: accountId(org.accountRoles.logArchive),
    auditAccountId: accountId(org.accountRoles.audit),
    networkAccountId: accountId(org.accountRoles.network),
    sharedServicesAccountId: accountId(org.accountRoles.sharedServices),
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, Value] => e[1] !== undefined));
}

/** Every policy file of policies/ that passes the structural pass, in a stable order. */
function* policyFiles(dir: string, d: Diagnostics): Generator<{ type: PolicyType; name: string; source: SourceFile }> {
  for (const [type, folder] of Object.entries(POLICY_FOLDERS) as [PolicyType, string][]) {
    const abs = path.join(dir, folder);
    if (!fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const name of fs.readdirSync(abs).filter((f) => f.endsWith('.json')).sort()) {
      const source = SourceFile.read(dir, `${folder}/${name}`, d, { json: true });
      if (source && checkStructure(source, 'policy.schema.json', d)) yield { type, name, source };
    }
  }
}

/**
 * Structure pass and lint of every policy in policies/ without binding parameters: used when
 * organization.yaml or accounts.yaml cannot be read, so policy errors still show in the same run.
 * Quotas and parameter binding need the organization and wait for the next run.
 */
export function lintPolicyLibrary(dir: string, d: Diagnostics): void {
  for (const { type, source } of policyFiles(dir, d)) {
    const raw = source.data as RawPolicyFile;
    if (raw.type !== type) continue;
    lintPolicyDocument({
      id: raw.id, type, name: raw.name ?? `lzkit-${raw.id}`, description: raw.description, severity: raw.severity, parameters: [],
      document: raw.document as unknown as PolicyDocument, content: JSON.stringify(raw.document), source: source.locate([]),
    }, source, d);
  }
}

/**
 * Reads every policy in policies/, binds its parameters, lints it, and resolves the attachments.
 * `file` is accounts/guardrails.yaml; `unread` when it exists but could not be read, so that no
 * policy is called unattached.
 */
export function buildGuardrails(dir: string, file: SourceFile | undefined, org: OrganizationSettings, view: OrganizationView, d: Diagnostics, unread = false): GuardrailSet {
  const raw: RawGuardrailsFile = (file?.data as RawGuardrailsFile | undefined) ?? { attachments: [] };
  const values: Record<string, Value> = { ...builtinParameters(org, view), ...(raw.parameters ?? {}) };
  const policies = new Map<string, Guardrail>();

  for (const { type, name, source } of policyFiles(dir, d)) {
    const g = bindPolicy(source, type, values, raw.adoptedPolicies ?? {}, d);
    if (!g) continue;
    if (g.id !== name.replace(/\.json$/, '')) {
      d.error(source.locate(['id']), 'POLICY_ID_MISMATCH', `policy id '${g.id}' differs from its file name '${name}'; rename one so they match`);
    }
    const prior = policies.get(g.id);
    if (prior) {
      d.error(source.locate(['id']), 'DUPLICATE_POLICY_ID', `policy id '${g.id}' is already used by ${prior.source.file}`);
      continue;
    }
    lintPolicyDocument(g, source, d);
    checkSize(g, org, source, d);
    policies.set(g.id, g);
  }

  const attachments: GuardrailAttachment[] = [];
  raw.attachments.forEach((a, i) => {
    const at: JsonPath = ['attachments', i];
    if (!file) return;
    const g = policies.get(a.policy);
    // A file that exists but did not load has reported its own errors: "missing" would mislead.
    const fileExists = Object.values(POLICY_FOLDERS).some((f) => fs.existsSync(path.join(dir, f, `${a.policy}.json`)));
    if (!g && !fileExists) {
      d.error(file.locate([...at, 'policy']), 'POLICY_FILE_MISSING',
        `no policy '${a.policy}' in ${Object.values(POLICY_FOLDERS).join(', ')}${suggest(a.policy, [...policies.keys()])}; add policies/<type>/${a.policy}.json or fix the id`);
    }
    checkTargets(view, a.targets, file, [...at, 'targets'], d);
    const points = attachmentPoints(view, a.targets);
    attachments.push(Object.freeze({
      policyId: a.policy, targets: Object.freeze(a.targets),
      ous: Object.freeze(points.ous), accounts: Object.freeze(points.accounts), source: file.locate(at),
    }));
    if (g && !org.enabledPolicyTypes.includes(POLICY_TYPES[g.type].organizationsType)) {
      d.error(file.locate([...at, 'policy']), 'POLICY_TYPE_NOT_ENABLED',
        `'${g.id}' is a ${POLICY_TYPES[g.type].label}, and ${POLICY_TYPES[g.type].organizationsType} is not in organization.enabledPolicyTypes: Organizations refuses to attach it; enable the type in organization.yaml or remove the attachment`);
    }
    if (a.targets.accounts?.includes(org.managementAccount) && g && !POLICY_TYPES[g.type].affectsManagementAccount) {
      d.warning(file.locate([...at, 'targets']), 'MANAGEMENT_ACCOUNT_UNAFFECTED', `${g.type}s do not affect the management account; attaching '${g.id}' to it protects nothing`);
    }
  });
  const fullAwsAccess = fullAwsAccessPlacement(raw, file, view, org, attachments, policies, d);
  checkAttachmentQuotas(attachments, policies, org, fullAwsAccess, d);
  for (const g of unread ? [] : policies.values()) {
    if (!attachments.some((a) => a.policyId === g.id)) {
      d.warning(g.source, 'POLICY_NOT_ATTACHED', `guardrail '${g.id}' is not attached anywhere; attach it in accounts/guardrails.yaml or remove the file`);
    }
  }
  return Object.freeze({ policies, attachments: Object.freeze(attachments), fullAwsAccess });
}

/**
 * Where FullAWSAccess is detached. AWS refuses to detach the last SCP of a target, so every OU or
 * account listed must carry at least one of lzkit's SCPs directly.
 */
function fullAwsAccessPlacement(
  raw: RawGuardrailsFile, file: SourceFile | undefined, view: OrganizationView, org: OrganizationSettings,
  attachments: readonly GuardrailAttachment[], policies: ReadonlyMap<string, Guardrail>, d: Diagnostics,
): FullAwsAccessPlacement {
  const detach = raw.fullAwsAccess?.detachFrom;
  if (!file || !detach) return Object.freeze({ detachedFromOus: Object.freeze([]), detachedFromAccounts: Object.freeze([]) });
  const at: JsonPath = ['fullAwsAccess', 'detachFrom'];
  const ous: string[] = [];
  const accounts: string[] = [];
  const scpsAt = (kind: 'ou' | 'account', name: string): number => attachments.filter((a) => policies.get(a.policyId)?.type === 'SCP'
    && (kind === 'ou' ? a.ous.map(normalizeOuPath).includes(name) : a.accounts.includes(name))).length;
  (detach.ous ?? []).forEach((p, i) => {
    const path = normalizeOuPath(p);
    if (!view.ous.has(path)) {
      if (!ouMayExist(view, path)) d.error(file.locate([...at, 'ous', i]), 'UNKNOWN_OU', `OU '${p}' is not declared in organization.yaml${suggest(path, [...view.ous.keys()])}`);
      return;
    }
    if (scpsAt('ou', path) === 0) {
      d.error(file.locate([...at, 'ous', i]), 'FULL_AWS_ACCESS_LAST_SCP',
        `FullAWSAccess cannot be detached from OU '${path}': no SCP of lzkit is attached to it directly, and AWS keeps at least one SCP on every target; attach an SCP with the Allow statements this OU needs first`);
    }
    ous.push(path);
  });
  (detach.accounts ?? []).forEach((name, i) => {
    if (!view.accounts.has(name)) {
      if (!accountMayExist(view, name)) d.error(file.locate([...at, 'accounts', i]), 'UNKNOWN_ACCOUNT', `account '${name}' is not declared in accounts.yaml${suggest(name, [...view.accounts.keys()])}`);
      return;
    }
    if (name === org.managementAccount) {
      d.warning(file.locate([...at, 'accounts', i]), 'MANAGEMENT_ACCOUNT_UNAFFECTED', `SCPs do not affect the management account; detaching FullAWSAccess from it changes nothing`);
    }
    if (scpsAt('account', name) === 0) {
      d.error(file.locate([...at, 'accounts', i]), 'FULL_AWS_ACCESS_LAST_SCP',
        `FullAWSAccess cannot be detached from account '${name}': no SCP of lzkit is attached to it directly, and AWS keeps at least one SCP on every target; attach an SCP with the Allow statements it needs first`);
    }
    accounts.push(name);
  });
  return Object.freeze({ detachedFromOus: Object.freeze([...new Set(ous)]), detachedFromAccounts: Object.freeze([...new Set(accounts)]), source: file.locate(['fullAwsAccess']) });
}

function bindPolicy(source: SourceFile, folderType: PolicyType, values: Record<string, Value>, adopted: Record<string, string>, d: Diagnostics): Guardrail | undefined {
  const raw = source.data as RawPolicyFile;
  if (raw.type !== folderType) {
    d.error(source.locate(['type']), 'POLICY_TYPE_MISMATCH', `a ${raw.type} policy sits in the ${folderType} folder; move it or fix 'type'`);
    return undefined;
  }
  const declared: PolicyParameter[] = (raw.parameters ?? []).map((p) => ({ name: p.name, description: p.description, type: p.type ?? (Array.isArray(p.default) ? 'stringList' : 'string'), default: p.default }));
  const bound: Record<string, Value> = {};
  for (const p of declared) if (p.default !== undefined) bound[p.name] = p.default;
  Object.assign(bound, values);
  let ok = true;
  const substitute = (v: unknown, at: JsonPath): unknown => {
    if (typeof v === 'string') return substituteString(v, at);
    if (Array.isArray(v)) return v.flatMap((item, i) => {
      const r = substitute(item, [...at, i]);
      return Array.isArray(r) && typeof item === 'string' ? r : [r];
    });
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, [...at, k])]));
    return v;
  };
  const substituteString = (s: string, at: JsonPath): unknown => {
    const whole = WHOLE_PARAMETER.exec(s);
    if (whole) {
      const value = bound[whole[1]];
      if (value === undefined) return unbound(whole[1], at, s);
      return Array.isArray(value) ? [...value] : value;
    }
    return s.replace(ANY_PARAMETER, (m, name: string) => {
      const value = bound[name];
      if (value === undefined) { unbound(name, at, m); return m; }
      if (Array.isArray(value)) {
        ok = false;
        d.error(source.locate(['document', ...at]), 'LIST_PARAMETER_IN_STRING', `parameter '${name}' is a list and cannot be part of a longer string; use it as the whole value`);
        return m;
      }
      return value as string;
    });
  };
  const unbound = (name: string, at: JsonPath, s: string): string => {
    ok = false;
    d.error(source.locate(['document', ...at]), 'UNBOUND_PARAMETER',
      `parameter '${name}' has no value; bind it under 'parameters:' in accounts/guardrails.yaml or give it a default in ${source.file}`);
    return s;
  };
  const document = substitute(raw.document, []) as PolicyDocument;
  if (!ok) return undefined;
  return Object.freeze({
    id: raw.id, type: raw.type, name: raw.name ?? `lzkit-${raw.id}`, description: raw.description, severity: raw.severity,
    parameters: Object.freeze(declared), document: deepFreeze(document), content: JSON.stringify(document),
    existingId: adopted[raw.id], source: source.locate([]),
  });
}

/** Organizations counts characters of the minified document; late-bound ids count at their real length. */
function checkSize(g: Guardrail, org: OrganizationSettings, source: SourceFile, d: Diagnostics): void {
  const limit = org.quotas.policies[g.type].characters;
  const length = resolveLateBound(g.content, (v) => (v.kind === 'organization-id' ? 'o-abcdefghij' : '123456789012')).length;
  if (length > limit) {
    d.error(source.locate(['document']), 'POLICY_TOO_LARGE',
      `${POLICY_TYPES[g.type].label} '${g.id}' is ${length} characters after minification; the quota is ${limit} (${quotaSetting(g.type, 'characters')}): split it or shorten it`);
  }
}

/** Where organization.yaml raises a quota. */
function quotaSetting(type: PolicyType, which: 'perTarget' | 'characters'): string {
  if (type === 'SCP' || type === 'RCP') return `organization.quotas.${type.toLowerCase()}${which === 'perTarget' ? 'sPerTarget' : 'Characters'}`;
  return `organization.quotas.perType.${type}.${which}`;
}

/** Per target, the policies attached directly plus AWS's FullAWSAccess where it stays attached. */
function checkAttachmentQuotas(attachments: GuardrailAttachment[], policies: ReadonlyMap<string, Guardrail>, org: OrganizationSettings, fullAwsAccess: FullAwsAccessPlacement, d: Diagnostics): void {
  const perTarget = new Map<string, { type: PolicyType; policyId: string; attachment: GuardrailAttachment }[]>();
  const fullAccessAt = new Map<string, boolean>();
  const placement = { policies, attachments, fullAwsAccess };
  for (const a of attachments) {
    const g = policies.get(a.policyId);
    if (!g) continue;
    const targets = [
      ...a.ous.map((o) => ({ key: `OU ${normalizeOuPath(o)}`, kind: 'ou' as const, name: normalizeOuPath(o) })),
      ...a.accounts.map((n) => ({ key: `account ${n}`, kind: 'account' as const, name: n })),
    ];
    for (const { key: t, kind, name } of targets) {
      fullAccessAt.set(t, hasFullAwsAccess(placement, { kind, name }));
      const list = perTarget.get(t) ?? [];
      if (list.some((x) => x.policyId === g.id)) {
        d.error(a.source, 'DUPLICATE_ATTACHMENT', `'${g.id}' is attached to ${t} more than once; remove the repeated target`);
        continue;
      }
      list.push({ type: g.type, policyId: g.id, attachment: a });
      perTarget.set(t, list);
    }
  }
  for (const [target, list] of perTarget) {
    for (const type of new Set(list.map((x) => x.type))) {
      const own = list.filter((x) => x.type === type);
      // RCPFullAWSAccess can never be detached; FullAWSAccess stays where it is not detached.
      const managed = type === 'RCP' ? RCP_FULL_AWS_ACCESS : type === 'SCP' && fullAccessAt.get(target) ? FULL_AWS_ACCESS : undefined;
      const count = own.length + (managed ? 1 : 0);
      const limit = org.quotas.policies[type].perTarget;
      if (count > limit) {
        const last = own[own.length - 1].attachment;
        d.error(last.source, 'TOO_MANY_POLICIES',
          `${target} would have ${count} ${type}s (${[...own.map((x) => x.policyId), ...(managed ? [managed] : [])].join(', ')}); the quota is ${limit} per target (${quotaSetting(type, 'perTarget')}): merge guardrails or attach some to a parent OU`);
      }
    }
  }
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}
