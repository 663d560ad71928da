import { ROOT, normalizeOuPath, suggest } from './organization';
import type { Diagnostics } from './diagnostics';
import type { SourceFile, JsonPath } from './source';
import type { Account, OrganizationalUnit, Targets } from './types';

/**
 * What the meaning pass could not read because it failed the structural pass. A reference into
 * it may well be right, so it is not reported; the structural errors already were.
 */
export interface DeclarationGaps {
  /** organization.yaml could not be read: its settings and OU tree are stand-ins. */
  readonly organization: boolean;
  /** accounts.yaml could not be read at all. */
  readonly accounts: boolean;
  /** Names of accounts whose entries failed the structural pass. */
  readonly accountNames: ReadonlySet<string>;
  /** Paths of OUs whose entries failed the structural pass (their subtrees are unread too). */
  readonly ouPaths: ReadonlySet<string>;
}

export const NO_GAPS: DeclarationGaps = Object.freeze({ organization: false, accounts: false, accountNames: new Set<string>(), ouPaths: new Set<string>() });

/** What the targeting functions need of the model. */
export interface OrganizationView {
  readonly root: OrganizationalUnit;
  readonly ous: ReadonlyMap<string, OrganizationalUnit>;
  readonly accounts: ReadonlyMap<string, Account>;
  /** Present only while a declaration file has structural errors. */
  readonly gaps?: DeclarationGaps;
}

/** Whether `name` is a declared account, or may be one declared in a part that could not be read. */
export function accountMayExist(org: OrganizationView, name: string): boolean {
  const gaps = org.gaps ?? NO_GAPS;
  return org.accounts.has(name) || gaps.accounts || gaps.accountNames.has(name);
}

/** Whether `ouPath` is a declared OU, or may be one declared in a part that could not be read. */
export function ouMayExist(org: OrganizationView, ouPath: string): boolean {
  const gaps = org.gaps ?? NO_GAPS;
  const p = normalizeOuPath(ouPath);
  return org.ous.has(p) || gaps.organization || [...gaps.ouPaths].some((g) => g === ROOT || p === g || p.startsWith(`${g}/`));
}

/** Reports OU paths and account names in `targets` that the organization does not declare. */
export function checkTargets(org: OrganizationView, targets: Targets, file: SourceFile, at: JsonPath, d: Diagnostics): void {
  (targets.ous ?? []).forEach((ou, i) => {
    if (!ouMayExist(org, ou)) {
      d.error(file.locate([...at, 'ous', i]), 'UNKNOWN_OU', `OU '${ou}' is not declared in organization.yaml${suggest(ou, [...org.ous.keys()])}`);
    }
  });
  for (const key of ['accounts', 'excludeAccounts'] as const) {
    (targets[key] ?? []).forEach((name, i) => {
      if (!accountMayExist(org, name)) {
        d.error(file.locate([...at, key, i]), 'UNKNOWN_ACCOUNT', `account '${name}' is not declared in accounts.yaml${suggest(name, [...org.accounts.keys()])}`);
      }
    });
  }
  if (!targets.ous?.length && !targets.accounts?.length) {
    d.error(file.locate(at), 'EMPTY_TARGETS', `targets name no OU and no account; add 'ous' or 'accounts'`);
  }
}

/** Every account under an OU, its child OUs included. */
export function accountsUnder(org: OrganizationView, ouPath: string): Account[] {
  const ou = org.ous.get(normalizeOuPath(ouPath));
  if (!ou) return [];
  const out: Account[] = [];
  const walk = (n: OrganizationalUnit): void => {
    out.push(...n.accounts);
    n.children.forEach(walk);
  };
  walk(ou);
  return out;
}

/**
 * The accounts a target reaches: accounts of the OUs (and their children) plus the named
 * accounts, less the excluded ones. Used wherever something lands per account (assignments).
 */
export function expandTargets(org: OrganizationView, targets: Targets): Account[] {
  const excluded = new Set(targets.excludeAccounts ?? []);
  const out = new Map<string, Account>();
  for (const ou of targets.ous ?? []) for (const a of accountsUnder(org, ou)) out.set(a.name, a);
  for (const name of targets.accounts ?? []) {
    const a = org.accounts.get(name);
    if (a) out.set(a.name, a);
  }
  for (const name of excluded) out.delete(name);
  return [...out.values()];
}

/**
 * Where a policy must be attached so that it reaches exactly `expandTargets(targets)`: whole OUs
 * where no excluded account lies below them; where one does, the OU is replaced by its children
 * OUs and its own accounts, recursively. Organizations attaches to OUs as a whole, so this is the
 * only faithful way to honour excludeAccounts.
 */
export function attachmentPoints(org: OrganizationView, targets: Targets): { ous: string[]; accounts: string[] } {
  const excluded = new Set(targets.excludeAccounts ?? []);
  const ous: string[] = [];
  const accounts = new Set<string>();
  const place = (ou: OrganizationalUnit): void => {
    const hit = accountsUnder(org, ou.path).some((a) => excluded.has(a.name));
    if (!hit) {
      ous.push(ou.path);
      return;
    }
    for (const a of ou.accounts) if (!excluded.has(a.name)) accounts.add(a.name);
    ou.children.forEach(place);
  };
  for (const p of targets.ous ?? []) {
    const ou = org.ous.get(normalizeOuPath(p));
    if (ou) place(ou);
  }
  // A named account keeps its own attachment even when a named OU reaches it too: for a Deny the
  // second copy changes nothing, but where FullAWSAccess is detached an Allow at the account's
  // own level is what the account needs.
  for (const name of targets.accounts ?? []) if (!excluded.has(name) && org.accounts.has(name)) accounts.add(name);
  return { ous: [...new Set(ous)], accounts: [...accounts] };
}

/** The OUs from the root down to the account's OU: the levels AWS evaluates SCPs and RCPs in. */
export function ouChain(org: OrganizationView, account: Account): OrganizationalUnit[] {
  const chain: OrganizationalUnit[] = [];
  let path: string | undefined = account.ou;
  while (path !== undefined) {
    const ou = org.ous.get(path);
    if (!ou) break;
    chain.unshift(ou);
    path = ou.parentPath;
  }
  if (chain[0]?.path !== ROOT) chain.unshift(org.root);
  return chain;
}
