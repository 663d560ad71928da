import type { LandingZone } from '../../model/landing-zone';
import { ROOT } from '../../model/organization';
import type { Account, OrganizationalUnit } from '../../model/types';
import type { LiveAccount, LiveOrganizationalUnit, LiveRoot } from '../snapshot-core';

/**
 * Which live OU and account each declared one is. Adopted elements match by id; created ones
 * (no id in the declaration) by their place: OUs by name under their matched parent, accounts
 * by email, then by name.
 */
export interface Correspondence {
  /** Declared OU path -> live id (the root's id for `Root`). */
  readonly ouIds: ReadonlyMap<string, string>;
  /** Live OU id (or root id) -> declared OU. */
  readonly declaredOus: ReadonlyMap<string, OrganizationalUnit>;
  /** Declared account name -> live account. */
  readonly accounts: ReadonlyMap<string, LiveAccount>;
  /** Live account id -> declared account. */
  readonly declaredAccounts: ReadonlyMap<string, Account>;
  /** Live id -> live path (`Root`, `Workloads/Prod`) for messages. */
  readonly livePaths: ReadonlyMap<string, string>;
}

/** The live tree as read (the drift engine's view, or what a collection found so far). */
export interface LiveTree {
  readonly root: LiveRoot;
  readonly organizationalUnits: readonly LiveOrganizationalUnit[];
  readonly accounts: readonly LiveAccount[];
}

export function correspond(lz: LandingZone, s: LiveTree): Correspondence {
  const ouIds = new Map<string, string>([[ROOT, s.root.id]]);
  const declaredOus = new Map<string, OrganizationalUnit>([[s.root.id, lz.root]]);
  const liveById = new Map(s.organizationalUnits.map((o) => [o.id, o]));
  const liveChildren = new Map<string, LiveOrganizationalUnit[]>();
  for (const o of s.organizationalUnits) liveChildren.set(o.parentId, [...(liveChildren.get(o.parentId) ?? []), o]);
  const walk = (ou: OrganizationalUnit, liveId: string | undefined): void => {
    for (const child of ou.children) {
      let live: LiveOrganizationalUnit | undefined;
      if (child.id) live = liveById.get(child.id);
      else if (liveId) live = (liveChildren.get(liveId) ?? []).find((o) => o.name === child.name && !declaredOus.has(o.id));
      if (live) {
        ouIds.set(child.path, live.id);
        declaredOus.set(live.id, child);
      }
      walk(child, live?.id);
    }
  };
  walk(lz.root, s.root.id);

  const accounts = new Map<string, LiveAccount>();
  const declaredAccounts = new Map<string, Account>();
  const byId = new Map(s.accounts.map((a) => [a.id, a]));
  const claim = (d: Account, live: LiveAccount | undefined): void => {
    if (!live || declaredAccounts.has(live.id)) return;
    accounts.set(d.name, live);
    declaredAccounts.set(live.id, d);
  };
  const declared = [...lz.accounts.values()];
  for (const d of declared) if (d.id) claim(d, byId.get(d.id));
  for (const d of declared) if (!d.id) claim(d, s.accounts.find((a) => !declaredAccounts.has(a.id) && a.email.toLowerCase() === d.email.toLowerCase()));
  for (const d of declared) if (!d.id && !accounts.has(d.name)) claim(d, s.accounts.find((a) => !declaredAccounts.has(a.id) && a.name === d.name));

  const livePaths = new Map<string, string>([[s.root.id, ROOT], ...s.organizationalUnits.map((o) => [o.id, o.path] as [string, string])]);
  return { ouIds, declaredOus, accounts, declaredAccounts, livePaths };
}
