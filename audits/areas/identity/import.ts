import { kebab, unique } from '../../import/names';
import type { ImportedDeclaration } from '../../import/types';
import { isNotRead, type Readable } from '../../readable';
import type { CoreSnapshot } from '../../snapshot-core';
import type { LiveIdentity } from './snapshot';

/**
 * identity.yaml from IAM Identity Center: permission sets (policies, boundary, session,
 * inline policy as a file in policies/permission-sets/) and assignments grouped per principal
 * and permission set, targeting the accounts they are assigned in. Groups are looked up by name.
 */
export function importIdentity(s: CoreSnapshot, part: Readable<LiveIdentity> | undefined, d: ImportedDeclaration): void {
  const identity = identityFromSnapshot(s, part, d);
  if (!identity) return;
  d.accountsFiles.set('identity.yaml', identity.file);
  d.headers.set('identity.yaml', 'IAM Identity Center permission sets and assignments, imported by `lzkit import`.');
  for (const [file, doc] of identity.policies) d.policyFiles.set(`permission-sets/${file}`, doc);
}

export function identityFromSnapshot(s: CoreSnapshot, part: Readable<LiveIdentity> | undefined, d: ImportedDeclaration): { file: unknown; policies: Map<string, unknown> } | undefined {
  const idc = part;
  if (!idc) return undefined;
  if (isNotRead(idc)) {
    d.notes.push(`identity: the snapshot could not read IAM Identity Center (${idc.notRead.join(', ')}); identity.yaml not imported`);
    return undefined;
  }
  const policies = new Map<string, unknown>();
  const files = new Set<string>();
  const byArn = new Map(idc.permissionSets.map((p) => [p.arn, p.name]));
  const permissionSets = [...idc.permissionSets].sort((a, b) => a.name.localeCompare(b.name)).map((p) => {
    let inlinePolicy: string | undefined;
    if (p.inlinePolicy) {
      try {
        const file = `${unique(kebab(p.name, 60) || 'permission-set', files, 60)}.json`;
        policies.set(file, JSON.parse(p.inlinePolicy) as unknown);
        inlinePolicy = file;
      } catch {
        d.notes.push(`permission set ${p.name}: its inline policy is not JSON; not imported`);
      }
    }
    const b = p.permissionsBoundary;
    return {
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      ...(p.sessionDuration ? { sessionDuration: p.sessionDuration } : {}),
      ...(p.managedPolicies.length ? { awsManagedPolicies: [...p.managedPolicies].sort() } : {}),
      ...(p.customerManagedPolicies.length ? { customerManagedPolicies: p.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })) } : {}),
      ...(inlinePolicy ? { inlinePolicy } : {}),
      ...(b?.managedPolicyArn ? { permissionsBoundary: { managedPolicyArn: b.managedPolicyArn } } : b?.customerManagedPolicy ? { permissionsBoundary: { customerManaged: { ...b.customerManagedPolicy } } } : {}),
      ...(p.relayState ? { relayState: p.relayState } : {}),
    };
  });

  const groups = new Map(idc.groups.map((g) => [g.id, g.name]));
  const users = new Map(idc.users.map((u) => [u.id, u.name]));
  const grouped = new Map<string, { kind: 'group' | 'user'; principal: string; permissionSet: string; accounts: Set<string> }>();
  for (const a of idc.assignments) {
    const kind = a.principalType === 'USER' ? 'user' : 'group';
    const principal = (kind === 'user' ? users : groups).get(a.principalId);
    const permissionSet = byArn.get(a.permissionSetArn);
    const account = d.names.accounts.get(a.accountId);
    if (!principal || !permissionSet || !account) {
      d.notes.push(`assignment of ${a.principalType} ${a.principalId} to ${a.permissionSetArn} in ${a.accountId}: ${!principal ? 'principal' : !permissionSet ? 'permission set' : 'account'} not in the snapshot; not imported`);
      continue;
    }
    const key = `${kind}\u0000${principal}\u0000${permissionSet}`;
    const g = grouped.get(key) ?? { kind, principal, permissionSet, accounts: new Set<string>() };
    g.accounts.add(account);
    grouped.set(key, g);
  }
  const management = d.names.accounts.get(s.organization.managementAccountId);
  const assignments = [...grouped.values()].sort((a, b) => a.principal.localeCompare(b.principal) || a.permissionSet.localeCompare(b.permissionSet)).map((g) => ({
    [g.kind]: g.principal,
    permissionSet: g.permissionSet,
    targets: { accounts: [...g.accounts].sort() },
    ...(management && g.accounts.has(management) ? { allowManagementAccount: true } : {}),
  }));
  const usedGroups = [...new Set([...grouped.values()].filter((g) => g.kind === 'group').map((g) => g.principal))].sort();
  return {
    file: {
      identityCenter: { administrator: d.names.accounts.get(idc.accountId) ?? idc.accountId },
      ...(usedGroups.length ? { groups: usedGroups.map((name) => ({ name })) } : {}),
      permissionSets,
      assignments,
    },
    policies,
  };
}
