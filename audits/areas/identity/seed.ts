import { createHash } from 'crypto';
import type { SeedContext } from '../area';
import type { LiveIdentity } from './snapshot';

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

/** Identity Center as the identity stack deploys it: every permission set, group and assignment. */
export function seedIdentity({ desired, ids }: SeedContext): LiveIdentity | undefined {
  const d = desired.identity;
  if (!d) return undefined;
  const admin = ids.accountId(d.administrator);
  if (!admin) return undefined;
  const instance = `ssoins-${hex(`${admin}/sso`, 16)}`;
  const psArn = (name: string): string => `arn:aws:sso:::permissionSet/${instance}/ps-${hex(name, 16)}`;
  const groups = d.groups.map((g) => ({ id: `g-${hex(g.name, 12)}`, name: g.name }));
  const users = d.users.map((u) => ({ id: `u-${hex(u, 12)}`, name: u }));
  const assignments = d.assignments.flatMap((a) => {
    const accountId = ids.accountId(a.account);
    const principal = (a.principal.type === 'GROUP' ? groups : users).find((p) => p.name === a.principal.name);
    return accountId && principal ? [{ accountId, permissionSetArn: psArn(a.permissionSet), principalType: a.principal.type, principalId: principal.id }] : [];
  }).sort((a, b) => `${a.accountId}${a.permissionSetArn}${a.principalId}`.localeCompare(`${b.accountId}${b.permissionSetArn}${b.principalId}`));
  return {
    accountId: admin, instanceArn: `arn:aws:sso:::instance/${instance}`, identityStoreId: `d-${hex(`${admin}/store`, 10)}`,
    groups: groups.sort((a, b) => a.id.localeCompare(b.id)), users: assignments.some((a) => a.principalType === 'USER') ? users : [],
    permissionSets: d.permissionSets.map((ps) => ({
      arn: psArn(ps.name), name: ps.name,
      ...(ps.description ? { description: ps.description } : {}), sessionDuration: ps.sessionDuration, ...(ps.relayState ? { relayState: ps.relayState } : {}),
      managedPolicies: [...ps.managedPolicies], customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ ...c })),
      ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}), ...(ps.permissionsBoundary ? { permissionsBoundary: structuredClone(ps.permissionsBoundary) } : {}),
      provisionedAccounts: [...new Set(assignments.filter((a) => a.permissionSetArn === psArn(ps.name)).map((a) => a.accountId))].sort(),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    assignments,
  };
}
