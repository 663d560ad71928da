import type { LandingZone } from '../model';
import { ROOT } from '../model/organization';
import type { Account } from '../model/types';
import { findResources, isProtected } from './resources';
import { sideLocation, type DiffSide, type OrganizationChange } from './types';

/**
 * Which base OU is which head OU: the same path; else the same adopted id; else, among the OUs
 * left, the same name elsewhere (moved) or, under the same parent, a shared account (renamed).
 */
export function matchOus(base: LandingZone, head: LandingZone): Map<string, string> {
  const map = new Map<string, string>();
  const taken = new Set<string>();
  const link = (b: string, h: string) => { map.set(b, h); taken.add(h); };
  for (const p of base.ous.keys()) if (head.ous.has(p)) link(p, p);
  const left = () => [...base.ous.values()].filter((o) => !map.has(o.path));
  const free = () => [...head.ous.values()].filter((o) => !taken.has(o.path));
  for (const b of left()) {
    const h = b.id ? free().find((o) => o.id === b.id) : undefined;
    if (h) link(b.path, h.path);
  }
  for (const b of left()) {
    const same = free().filter((o) => o.name === b.name);
    if (same.length === 1 && left().filter((o) => o.name === b.name).length === 1) link(b.path, same[0].path);
  }
  for (const b of left()) {
    const parent = b.parentPath === undefined ? undefined : map.get(b.parentPath);
    const names = new Set(b.accounts.map((a) => a.name));
    const h = free().filter((o) => o.parentPath === parent && o.accounts.some((a) => names.has(a.name)));
    if (h.length === 1) link(b.path, h[0].path);
  }
  return map;
}

/** Which base account is which head account: the same name, else the same adopted id, else the same email. */
function matchAccounts(base: LandingZone, head: LandingZone): Map<string, string> {
  const map = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of base.accounts.keys()) if (head.accounts.has(n)) { map.set(n, n); taken.add(n); }
  for (const key of ['id', 'email'] as const) {
    for (const b of base.accounts.values()) {
      if (map.has(b.name) || !b[key]) continue;
      const h = [...head.accounts.values()].find((a) => !taken.has(a.name) && a[key] === b[key]);
      if (h) { map.set(b.name, h.name); taken.add(h.name); }
    }
  }
  return map;
}

/**
 * Accounts and OUs created, moved, renamed and removed, and policy types and trusted services
 * turned on or off. A removed account is an error: the base side's synthesized account says what
 * Terraform would do to it once its resource block is gone.
 */
export function diffOrganization(base: DiffSide, head: DiffSide): OrganizationChange[] {
  const out: OrganizationChange[] = [];
  const B = base.lz;
  const H = head.lz;
  const ous = matchOus(B, H);
  const headOuOf = new Map([...ous].map(([b, h]) => [h, b]));

  for (const h of H.ous.values()) {
    if (h.path === ROOT) continue;
    const bPath = headOuOf.get(h.path);
    const at = sideLocation(head, h.source);
    if (bPath === undefined) {
      out.push({ kind: 'ou-created', subject: h.path, detail: h.id ? `adopted (${h.id}): imported, not created` : 'created', severity: 'note', location: at });
      continue;
    }
    const b = B.ous.get(bPath)!;
    const parentNow = h.parentPath;
    const parentBefore = b.parentPath === undefined ? undefined : ous.get(b.parentPath) ?? b.parentPath;
    if (parentNow !== parentBefore) {
      out.push({ kind: 'ou-moved', subject: h.path, before: b.parentPath, after: parentNow, detail: `moved from ${b.parentPath ?? ROOT} to ${parentNow ?? ROOT}`, severity: 'warning', location: at });
    }
    if (b.name !== h.name) out.push({ kind: 'ou-renamed', subject: h.path, before: b.name, after: h.name, detail: `renamed from ${b.name}`, severity: 'note', location: at });
  }
  for (const b of B.ous.values()) {
    if (b.path === ROOT || ous.has(b.path)) continue;
    out.push({ kind: 'ou-removed', subject: b.path, detail: OU_REMOVAL, severity: 'warning', location: sideLocation(base, b.source) });
  }

  const accounts = matchAccounts(B, H);
  const headAccount = new Map([...accounts].map(([b, h]) => [h, b]));
  for (const h of H.accounts.values()) {
    const at = sideLocation(head, h.source);
    const bName = headAccount.get(h.name);
    if (bName === undefined) {
      out.push(h.id
        ? { kind: 'account-adopted', subject: h.name, after: h.ou, detail: `adopted (${h.id}) into ${h.ou}: imported, not created`, severity: 'note', location: at }
        : { kind: 'account-created', subject: h.name, after: h.ou, detail: `a new AWS account is created in ${h.ou}`, severity: 'note', location: at });
      continue;
    }
    const b = B.accounts.get(bName)!;
    if (b.name !== h.name) out.push({ kind: 'account-renamed', subject: h.name, before: b.name, after: h.name, detail: `renamed from ${b.name}`, severity: 'warning', location: at });
    const ouBefore = ous.get(b.ou) ?? b.ou;
    if (ouBefore !== h.ou) out.push({ kind: 'account-moved', subject: h.name, before: b.ou, after: h.ou, detail: `moved from ${b.ou} to ${h.ou}`, severity: 'warning', location: at });
  }
  for (const b of B.accounts.values()) {
    if (accounts.has(b.name)) continue;
    out.push({ kind: 'account-removed', subject: b.name, before: b.ou, detail: accountRemoval(base, b), severity: 'error', location: sideLocation(base, b.source) });
  }

  const orgAt = sideLocation(head, H.organization.source);
  const onOff = (before: readonly string[], after: readonly string[], on: OrganizationChange['kind'], off: OrganizationChange['kind'], what: string) => {
    for (const x of after) if (!before.includes(x)) out.push({ kind: on, subject: x, detail: `${what} turned on`, severity: 'note', location: orgAt });
    for (const x of before) if (!after.includes(x)) out.push({ kind: off, subject: x, detail: `${what} turned off`, severity: 'warning', location: orgAt });
  };
  onOff(B.organization.enabledPolicyTypes, H.organization.enabledPolicyTypes, 'policy-type-enabled', 'policy-type-disabled', 'policy type');
  onOff(B.organization.trustedServices, H.organization.trustedServices, 'trusted-service-enabled', 'trusted-service-disabled', 'trusted access');
  return out;
}

// AWS deletes only an empty OU: https://docs.aws.amazon.com/organizations/latest/APIReference/API_DeleteOrganizationalUnit.html
const OU_REMOVAL = 'removed: Terraform deletes the OU, which AWS allows only once it holds no account and no OU';

/**
 * What Terraform does once an account's resource block is gone. prevent_destroy does not stop it
 * then: the setting leaves with the block (https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy).
 * With close_on_deletion false the provider removes the account from the organization; with true
 * it closes it (https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/organizations_account).
 */
function accountRemoval(base: DiffSide, account: Account): string {
  const found = findResources(base.stacks, 'aws_organizations_account', (r) => r.name === account.name)[0];
  if (!found) return `removed from the declaration (${account.id ?? 'not yet created'})`;
  const closes = found.block.close_on_deletion === true;
  const what = closes ? 'CLOSES the AWS account' : 'removes the AWS account from the organization (it is not closed: close_on_deletion is false)';
  const guard = isProtected(found.block) ? `; its prevent_destroy leaves with the resource block, so nothing stops it: keep the account declared, or run terraform state rm ${found.address} in the ${found.stack} stack to stop managing it` : '';
  return `removed: Terraform destroys ${found.address}, which ${what}${guard}`;
}
