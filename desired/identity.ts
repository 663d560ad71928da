import type { LandingZone } from '../model/landing-zone';
import { accountAssignments, type AccountAssignment, type CustomerManagedPolicyRef, type IdentityGroup } from '../model/identity';
import type { SourceLocation } from '../model/types';

export interface DesiredPermissionSet {
  readonly name: string;
  readonly description?: string;
  readonly sessionDuration: string;
  readonly relayState?: string;
  /** AWS managed policy ARNs, sorted. */
  readonly managedPolicies: readonly string[];
  /** Sorted by path then name. */
  readonly customerManagedPolicies: readonly { readonly name: string; readonly path: string }[];
  /** The minified inline policy document. */
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn?: string; readonly customerManagedPolicy?: { readonly name: string; readonly path: string } };
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

/**
 * A customer managed policy a permission set names. Identity Center provisions a permission set
 * into an account only when every customer managed policy it names exists there, by name and path:
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetcustom.html
 * lzkit creates each one (from its declared document) in every account that holds one of those
 * permission sets.
 */
export interface DesiredCustomerManagedPolicy {
  readonly name: string;
  readonly path: string;
  /** The minified document; absent when the declaration names none (the policy must already exist). */
  readonly document?: string;
  /** Account names it must exist in, sorted. */
  readonly accounts: readonly string[];
  readonly permissionSets: readonly string[];
  readonly source: SourceLocation;
}

export interface DesiredIdentity {
  readonly administrator: string;
  readonly groups: readonly IdentityGroup[];
  readonly users: readonly string[];
  readonly permissionSets: readonly DesiredPermissionSet[];
  readonly customerManagedPolicies: readonly DesiredCustomerManagedPolicy[];
  readonly assignments: readonly AccountAssignment[];
}

const byPathAndName = (x: { name: string; path: string }, y: { name: string; path: string }): number => `${x.path}${x.name}`.localeCompare(`${y.path}${y.name}`);

export function desiredIdentity(lz: LandingZone): DesiredIdentity | undefined {
  const decl = lz.identity;
  if (!decl) return undefined;
  const assignments = accountAssignments(decl);
  const permissionSets = [...decl.permissionSets.values()].map((ps): DesiredPermissionSet => {
    const b = ps.permissionsBoundary;
    return {
      name: ps.name, description: ps.description, sessionDuration: ps.sessionDuration, relayState: ps.relayState,
      managedPolicies: [...ps.awsManagedPolicies].sort(),
      customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })).sort(byPathAndName),
      inlinePolicy: ps.inlinePolicy?.content,
      permissionsBoundary: b ? (b.kind === 'aws-managed' ? { managedPolicyArn: b.arn } : { customerManagedPolicy: { name: b.policy.name, path: b.policy.path } }) : undefined,
      tags: ps.tags, source: ps.source,
    };
  });

  const policies = new Map<string, { ref: CustomerManagedPolicyRef; accounts: Set<string>; permissionSets: Set<string>; source: SourceLocation }>();
  for (const ps of decl.permissionSets.values()) {
    const refs = [...ps.customerManagedPolicies, ...(ps.permissionsBoundary?.kind === 'customer-managed' ? [ps.permissionsBoundary.policy] : [])];
    const accounts = assignments.filter((a) => a.permissionSet === ps.name).map((a) => a.account);
    for (const ref of refs) {
      const key = `${ref.path}${ref.name}`;
      const entry = policies.get(key) ?? { ref, accounts: new Set<string>(), permissionSets: new Set<string>(), source: ps.source };
      accounts.forEach((a) => entry.accounts.add(a));
      entry.permissionSets.add(ps.name);
      if (!entry.ref.document && ref.document) entry.ref = ref;
      policies.set(key, entry);
    }
  }
  return {
    administrator: decl.administrator,
    groups: [...decl.groups.values()],
    users: decl.users,
    permissionSets,
    customerManagedPolicies: [...policies.values()].map((p) => ({
      name: p.ref.name, path: p.ref.path, document: p.ref.document?.content,
      accounts: [...p.accounts].sort(), permissionSets: [...p.permissionSets].sort(), source: p.source,
    })).sort(byPathAndName),
    assignments,
  };
}
