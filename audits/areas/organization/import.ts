import { FULL_AWS_ACCESS } from '../../../model/aws-managed-policies';
import { ROOT } from '../../../model/organization';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../../model/policy-types';
import type { PolicyType } from '../../../model/types';
import { kebab, unique } from '../../import/names';
import type { ImportedDeclaration, ImportOptions } from '../../import/types';
import { isNotRead, isRead } from '../../readable';
import { SnapshotError, type CoreSnapshot, type LivePolicy } from '../../snapshot-core';

/** Organizations' policy types lzkit declares in policies/<folder>/ (the model's policy type table). */
export const IMPORTED_POLICY_TYPES: Readonly<Record<string, { type: PolicyType; folder: string }>> = Object.freeze(Object.fromEntries(
  POLICY_TYPE_NAMES.map((t) => [POLICY_TYPES[t].organizationsType, { type: t, folder: POLICY_TYPES[t].folder.replace(/^policies\//, '') }])));

const POLICY_TYPES_ALLOWED = new Set(POLICY_TYPE_NAMES.map((t) => POLICY_TYPES[t].organizationsType));
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;

interface RawOu { name: string; id: string; children?: RawOu[] }

/**
 * The declaration of an organization as the snapshot saw it: OU tree with ids, accounts with
 * ids and emails, customer policies with their documents, attachments and adopted ids. Pure.
 */
export function declarationFromSnapshot(s: CoreSnapshot, o: ImportOptions = {}): ImportedDeclaration {
  const notes: string[] = [];
  // Without the tree and the policies there is no declaration to write; the rest is noted.
  const unread = (['organizationalUnits', 'accounts', 'policies'] as const).filter((k) => isNotRead(s[k]));
  if (!isRead(s.organizationalUnits) || !isRead(s.accounts) || !isRead(s.policies)) {
    throw new SnapshotError(`the snapshot could not read the ${unread.join(', ')} (${unread.flatMap((k) => (isNotRead(s[k]) ? (s[k] as { notRead: string[] }).notRead : [])).join(', ')}): nothing to import them from; record it again with the permissions to read them`);
  }
  const organizationalUnits = s.organizationalUnits;
  const trustedServices = isRead(s.trustedServices) ? s.trustedServices : [];
  if (!isRead(s.trustedServices)) notes.push(`trusted services: not read (${s.trustedServices.notRead.join(', ')}); none imported`);
  const delegatedAdministrators = isRead(s.delegatedAdministrators) ? s.delegatedAdministrators : [];
  if (!isRead(s.delegatedAdministrators)) notes.push(`delegated administrators: not read (${s.delegatedAdministrators.notRead.join(', ')}); none imported`);
  const ous = new Map<string, string>([[s.root.id, ROOT]]);
  for (const ou of organizationalUnits) ous.set(ou.id, ou.path);

  // OU tree, children in name order so the file is stable.
  const byParent = new Map<string, RawOu[]>();
  for (const ou of [...organizationalUnits].sort((a, b) => a.name.localeCompare(b.name))) {
    byParent.set(ou.parentId, [...(byParent.get(ou.parentId) ?? []), { name: ou.name, id: ou.id }]);
  }
  const tree = (parent: string): RawOu[] => (byParent.get(parent) ?? []).map((ou) => {
    const children = tree(ou.id);
    return children.length ? { ...ou, children } : ou;
  });

  // Accounts: names made declarable and unique; the management account first.
  const taken = new Set<string>();
  const accountNames = new Map<string, string>();
  const sorted = [...s.accounts].sort((a, b) => Number(b.id === s.organization.managementAccountId) - Number(a.id === s.organization.managementAccountId) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const a of sorted) accountNames.set(a.id, unique(kebab(a.name, 50) || `account-${a.id}`, taken, 50, a.id.slice(-4)));
  const accounts = sorted.map((a) => {
    const path = ous.get(a.parentId);
    if (!path) notes.push(`account ${a.name} (${a.id}): its parent ${a.parentId} is not in the snapshot's OU tree; placed under Root`);
    if (a.state !== 'ACTIVE') notes.push(`account ${a.name} (${a.id}) is ${a.state}: imported, and the audit will report it as account-not-active`);
    return { name: accountNames.get(a.id)!, email: a.email, id: a.id, ou: path ?? ROOT };
  });
  const management = accountNames.get(s.organization.managementAccountId);
  if (!management) throw new Error(`the snapshot has no account for the management account ${s.organization.managementAccountId}`);

  // Policies: customer policies of the declarable types; AWS-managed ones are AWS's.
  const policyFiles = new Map<string, unknown>();
  const adoptedPolicies: Record<string, string> = {};
  const attachments: { policy: string; targets: { ous?: string[]; accounts?: string[] } }[] = [];
  const policyIds = new Set<string>();
  for (const p of [...s.policies].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    if (p.awsManaged) continue;
    const kind = IMPORTED_POLICY_TYPES[p.type];
    if (!kind) {
      notes.push(`policy ${p.name} (${p.id}) is a ${p.type}, a type lzkit does not declare; not imported${!isRead(p.targets) || p.targets.length ? ' (the audit will report its attachments as policy-attached-unexpectedly)' : ''}`);
      continue;
    }
    if (isNotRead(p.content) || isNotRead(p.targets)) {
      notes.push(`policy ${p.name} (${p.id}): its ${isNotRead(p.content) ? 'document' : 'targets'} could not be read; not imported`);
      continue;
    }
    const targets = p.targets;
    const document = parseDocument(p.content);
    if (document === undefined) {
      notes.push(`policy ${p.name} (${p.id}): its content is not a JSON object; not imported`);
      continue;
    }
    const id = unique(kebab(p.name.replace(/^lzkit-/i, ''), 64).padEnd(2, '0'), policyIds, 64, p.id.slice(-4));
    adoptedPolicies[id] = p.id;
    policyFiles.set(`${kind.folder}/${id}.json`, {
      id, type: kind.type,
      ...(p.name !== `lzkit-${id}` ? { name: p.name } : {}),
      description: (p.description?.trim() || `Imported from ${p.name} (${p.id}).`).slice(0, 512),
      severity: o.severity ?? 'medium',
      parameters: [],
      document,
    });
    const targetOus = targets.filter((t) => ous.has(t)).map((t) => ous.get(t)!);
    const targetAccounts = targets.filter((t) => accountNames.has(t)).map((t) => accountNames.get(t)!);
    for (const t of targets) if (!ous.has(t) && !accountNames.has(t)) notes.push(`policy ${p.name} (${p.id}) is attached to ${t}, which the snapshot does not hold; that attachment is not imported`);
    if (targetOus.length || targetAccounts.length) {
      attachments.push({ policy: id, targets: { ...(targetOus.length ? { ous: targetOus.sort() } : {}), ...(targetAccounts.length ? { accounts: targetAccounts.sort() } : {}) } });
    }
  }

  // FullAWSAccess missing from a root, OU or account: declared detached there (it stays everywhere else).
  const fullAwsAccess = s.policies.find((p) => p.awsManaged && p.id === FULL_AWS_ACCESS.id);
  const detachFrom = { ous: [] as string[], accounts: [] as string[] };
  if (fullAwsAccess && isRead(fullAwsAccess.targets)) {
    const attached = new Set(fullAwsAccess.targets);
    for (const [id, path] of ous) if (!attached.has(id)) detachFrom.ous.push(path);
    for (const [id, name] of accountNames) if (!attached.has(id) && id !== s.organization.managementAccountId) detachFrom.accounts.push(name);
  } else if (fullAwsAccess) {
    notes.push(`FullAWSAccess: its targets could not be read; where it is detached is not imported`);
  }
  const fullAwsAccessDeclaration = detachFrom.ous.length || detachFrom.accounts.length
    ? { fullAwsAccess: { detachFrom: { ...(detachFrom.ous.length ? { ous: detachFrom.ous.sort() } : {}), ...(detachFrom.accounts.length ? { accounts: detachFrom.accounts.sort() } : {}) } } }
    : {};
  // Centralized root access, as IAM reports it.
  const rootFeatures = s.rootAccess && isRead(s.rootAccess) ? s.rootAccess.enabledFeatures : [];
  if (s.rootAccess && !isRead(s.rootAccess)) notes.push(`centralized root access: not read (${s.rootAccess.notRead.join(', ')}); not imported`);
  const rootAccess = rootFeatures.length
    ? { rootAccess: { credentialsManagement: rootFeatures.includes('RootCredentialsManagement'), sessions: rootFeatures.includes('RootSessions') } }
    : {};

  const delegated = delegatedAdministrators.flatMap((d) => (isRead(d.servicePrincipals) ? d.servicePrincipals : []).map((service) => ({ service, account: accountNames.get(d.accountId) ?? d.accountId })))
    .sort((a, b) => a.service.localeCompare(b.service));
  const organization = {
    organization: {
      ...(/^o-[a-z0-9]{10,32}$/.test(s.organization.id) ? { id: s.organization.id } : {}),
      managementAccount: management,
      homeRegion: o.homeRegion ?? s.region,
      allowedRegions: [o.homeRegion ?? s.region],
      enabledPolicyTypes: s.root.policyTypes.filter((t) => t.status === 'ENABLED' && POLICY_TYPES_ALLOWED.has(t.type)).map((t) => t.type).sort(),
      trustedServices: trustedServices.filter((t) => SERVICE_PRINCIPAL.test(t)).sort(),
      ...(delegated.length ? { delegatedAdministrators: delegated } : {}),
      ...(o.auditRoleName ? { roles: { audit: o.auditRoleName } } : {}),
      quotas: quotasFor(s.policies),
      ...rootAccess,
    },
    organizationalUnits: tree(s.root.id),
  };
  return {
    accountsFiles: new Map<string, unknown>([
      ['organization.yaml', organization],
      ['accounts.yaml', { accounts }],
      ['guardrails.yaml', { ...(Object.keys(adoptedPolicies).length ? { adoptedPolicies } : {}), ...fullAwsAccessDeclaration, attachments }],
    ]),
    headers: new Map([
      ['organization.yaml', 'The organization and its OU tree, imported by `lzkit import`. Ids adopt what exists.'],
      ['accounts.yaml', 'Every account of the organization, imported by `lzkit import`, adopted by id.'],
      ['guardrails.yaml', 'Which policies are attached where, imported by `lzkit import`; adoptedPolicies keep their ids.'],
    ]),
    policyFiles, notes, names: { accounts: accountNames, ous },
  };
}

function parseDocument(content: string): Record<string, unknown> | undefined {
  try {
    const d = JSON.parse(content) as unknown;
    return d && typeof d === 'object' && !Array.isArray(d) ? d as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Quotas at least as large as what the organization already has (AWS raises them on request),
 * so an organization that works today validates; never below AWS's documented defaults.
 */
function quotasFor(policies: readonly LivePolicy[]): { scpsPerTarget: number; rcpsPerTarget: number; scpCharacters: number; rcpCharacters: number } {
  const per = (type: string): number => {
    const count = new Map<string, number>();
    for (const p of policies.filter((x) => x.type === type)) for (const t of isRead(p.targets) ? p.targets : []) count.set(t, (count.get(t) ?? 0) + 1);
    return Math.min(100, Math.max(5, ...count.values()));
  };
  const chars = (type: string): number => Math.min(100000, Math.max(5120, ...policies.filter((p) => p.type === type).map((p) => (isRead(p.content) ? p.content.length : 0))));
  return { scpsPerTarget: per('SERVICE_CONTROL_POLICY'), rcpsPerTarget: per('RESOURCE_CONTROL_POLICY'), scpCharacters: chars('SERVICE_CONTROL_POLICY'), rcpCharacters: chars('RESOURCE_CONTROL_POLICY') };
}
