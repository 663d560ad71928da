import { accountAssignments, type AccountAssignment, type Assignment, type IdentityDeclaration, type PermissionSet } from '../model/identity';
import { sideLocation, type AccessChange, type DiffSide } from './types';

/** What of a permission set is compared (everything Identity Center is given), without its location. */
function fieldsOf(ps: PermissionSet): Record<string, unknown> {
  const boundary = ps.permissionsBoundary?.kind === 'customer-managed'
    ? { name: ps.permissionsBoundary.policy.name, path: ps.permissionsBoundary.policy.path }
    : ps.permissionsBoundary;
  return {
    description: ps.description,
    sessionDuration: ps.sessionSeconds,
    awsManagedPolicies: [...ps.awsManagedPolicies].sort(),
    customerManagedPolicies: ps.customerManagedPolicies.map((c) => `${c.path}${c.name}`).sort(),
    inlinePolicy: ps.inlinePolicy?.content,
    permissionsBoundary: boundary,
    relayState: ps.relayState,
    tags: ps.tags,
  };
}

const principalOf = (a: { principal: { type: string; name: string } }) => `${a.principal.type} ${a.principal.name}`;

/**
 * Permission sets created, removed or changed, and which principals gain or lose which permission
 * set in which accounts: the account assignments of both sides, OU targets expanded by the
 * identity model (`accountAssignments`), so a moved account or an edited target shows here.
 */
export function diffAccess(base: DiffSide, head: DiffSide): AccessChange[] {
  const B = base.lz.identity;
  const H = head.lz.identity;
  if (!B && !H) return [];
  const out: AccessChange[] = [];
  const setsB = B?.permissionSets ?? new Map<string, PermissionSet>();
  const setsH = H?.permissionSets ?? new Map<string, PermissionSet>();
  for (const [name, h] of setsH) {
    const b = setsB.get(name);
    const at = sideLocation(head, h.source);
    if (!b) {
      out.push({ kind: 'permission-set-created', permissionSet: name, location: at });
      continue;
    }
    const fb = fieldsOf(b);
    const fh = fieldsOf(h);
    const fields = Object.keys(fh).filter((k) => JSON.stringify(fb[k]) !== JSON.stringify(fh[k]));
    if (fields.length) out.push({ kind: 'permission-set-changed', permissionSet: name, fields, location: at });
  }
  for (const [name, b] of setsB) if (!setsH.has(name)) out.push({ kind: 'permission-set-removed', permissionSet: name, location: sideLocation(base, b.source) });

  const key = (a: AccountAssignment) => `${principalOf(a)}|${a.permissionSet}|${a.account}`;
  const listB = B ? accountAssignments(B) : [];
  const listH = H ? accountAssignments(H) : [];
  const inB = new Set(listB.map(key));
  const inH = new Set(listH.map(key));
  const grouped = (list: AccountAssignment[], other: Set<string>, kind: 'assignment-added' | 'assignment-removed') => {
    const groups = new Map<string, { principal: string; permissionSet: string; accounts: string[] }>();
    for (const a of list) {
      if (other.has(key(a))) continue;
      const g = `${principalOf(a)}|${a.permissionSet}`;
      const entry = groups.get(g) ?? { principal: principalOf(a), permissionSet: a.permissionSet, accounts: [] };
      entry.accounts.push(a.account);
      groups.set(g, entry);
    }
    for (const g of groups.values()) {
      out.push({ kind, permissionSet: g.permissionSet, principal: g.principal, accounts: g.accounts.sort(), location: assignmentLocation(base, head, g, kind) });
    }
  };
  grouped(listH, inB, 'assignment-added');
  grouped(listB, inH, 'assignment-removed');
  return out;
}

/**
 * The declared assignment behind a gained or lost access: the head side's entry for the same
 * principal and permission set (its targets are the changed line), else the base side's.
 */
function assignmentLocation(base: DiffSide, head: DiffSide, g: { principal: string; permissionSet: string; accounts: string[] }, kind: 'assignment-added' | 'assignment-removed') {
  const find = (identity: IdentityDeclaration | undefined): Assignment | undefined => {
    const same = identity?.assignments.filter((a) => principalOf(a) === g.principal && a.permissionSet === g.permissionSet) ?? [];
    return same.find((a) => g.accounts.some((n) => a.accounts.includes(n))) ?? same[0];
  };
  const h = find(head.lz.identity);
  if (h) return sideLocation(head, h.source);
  const b = find(base.lz.identity);
  if (b) return sideLocation(base, b.source);
  const side = kind === 'assignment-added' ? head : base;
  return sideLocation(side, side.lz.identity?.source ?? side.lz.organization.source);
}
