import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { LandingZone } from '../../model/landing-zone';
import { collectOrganization, CORE, describeOrganization, OrganizationUnreadable, readRoot, RUNNING_AREAS, type Tree } from '../areas';
import { correspond } from '../drift/match';
import { isNotRead, notRead, type CollectionError, type Readable } from '../readable';
import { SNAPSHOT_SCHEMA_VERSION, type LiveAccount, type LiveAccountState, type LiveOrganization, type LiveRoot } from '../snapshot-core';
import type { Snapshot } from '../snapshot';
import { ClientPool, type CallStats, type ConnectionOptions } from './clients';
import { errorOf, type AccountCollector, type CollectContext, type PlanContext } from './context';
import { limiter } from './limit';
import { checkCallerIsManagement, checkSameOrganization, expectedOrganization } from './same-organization';

export { OrganizationUnreadable } from '../areas';
export { OrganizationMismatch } from './same-organization';
export type { CallStats, ConnectionOptions } from './clients';

export interface CollectProgress {
  readonly accountsDone: number;
  readonly accountsTotal: number;
  readonly throttles: number;
}

export interface CollectOptions extends ConnectionOptions {
  /** Role assumed in every member account (lz.organization.roles.audit). */
  readonly auditRoleName: string;
  /** Accounts read at the same time, organization calls in flight, and each declared area's calls in flight. @default 16 */
  readonly concurrency?: number;
  readonly onProgress?: (p: CollectProgress) => void;
  /** @default the organization core's and those of the declared areas */
  readonly accountCollectors?: readonly AccountCollector[];
  /** Enter only these accounts (a fan-out batch; empty: none). The organization is still read whole. @default every active account */
  readonly accountIds?: ReadonlySet<string>;
  /**
   * The declaration: the organization read must be the declared one (else OrganizationMismatch
   * before anything else is read), and its declared areas are read (once per organization, in the
   * accounts they name). Without it only the organization core is read.
   */
  readonly declaration?: LandingZone;
  /** Read the declared areas (false for a fan-out batch: the organization read has them). @default true */
  readonly readAreas?: boolean;
}

export interface CollectResult {
  readonly snapshot: Snapshot;
  readonly stats: CallStats;
}

/**
 * Reads the live organization into a snapshot (read-only calls only). The management account is
 * read with the caller's credentials, every other active account through the audit role. What
 * cannot be read is recorded in `snapshot.errors`, never skipped silently.
 */
export async function collectSnapshot(options: CollectOptions): Promise<CollectResult> {
  const concurrency = options.concurrency ?? 16;
  const errors: CollectionError[] = [];
  const record = (e: CollectionError): void => { errors.push(e); };
  let done = 0;
  let total = 0;
  const current: { pool?: ClientPool } = {};
  const progress = (): void => options.onProgress?.({ accountsDone: done, accountsTotal: total, throttles: current.pool?.stats.throttles ?? 0 });

  // The organization, its management account and the caller's account come first, with a
  // bootstrap pool: nothing else is read until they are the declared ones.
  const bootstrap = new ClientPool({ ...options, managementAccountId: 'caller', auditRoleName: options.auditRoleName });
  let organization: LiveOrganization;
  let root: LiveRoot;
  try {
    let caller: { Account?: string; Arn?: string };
    [organization, caller] = await Promise.all([
      describeOrganization(bootstrap.caller(OrganizationsClient, 'caller')),
      bootstrap.caller(STSClient, 'caller').send(new GetCallerIdentityCommand({})).catch((e) => {
        throw (e as Error)?.name === 'CredentialsProviderError' ? e : new OrganizationUnreadable('sts:GetCallerIdentity', e);
      }),
    ]);
    if (options.declaration) {
      checkSameOrganization(expectedOrganization(options.declaration), organization, 'the credentials reach',
        'use credentials of the declared organization\'s management account');
    }
    checkCallerIsManagement({ account: caller.Account ?? '', arn: caller.Arn ?? '' }, organization);
    root = await readRoot(bootstrap.caller(OrganizationsClient, 'caller'));
  } finally {
    bootstrap.destroy();
  }
  const clients = new ClientPool({ ...options, managementAccountId: organization.managementAccountId }, progress);
  current.pool = clients;
  const orgLimit = limiter(concurrency);
  const accountLimit = limiter(concurrency);
  const declaration = options.declaration;
  const readDeclared = declaration !== undefined && options.readAreas !== false;
  const collectors = options.accountCollectors ?? [
    CORE.accountCollector,
    ...(declaration ? RUNNING_AREAS.flatMap((a) => (a.declaredAt(declaration) && a.accountCollector?.(declaration)) || []) : []),
  ];
  const accountStates: Record<string, Readable<LiveAccountState>> = {};
  const accountWork: Promise<void>[] = [];

  const readAccount = (a: LiveAccount): void => {
    if (a.state !== 'ACTIVE') return; // suspended or closed accounts cannot be entered; drift reports their state
    if (options.accountIds && !options.accountIds.has(a.id)) return; // another batch reads it
    total++;
    progress();
    accountWork.push(accountLimit(async () => {
      try {
        accountStates[a.id] = await collectAccount(clients, a.id, a.id === organization.managementAccountId, collectors, record);
      } finally {
        done++;
        progress();
      }
    }));
  };

  try {
    const areas = readDeclared ? areaReader({ pool: clients, record }, concurrency, declaration, organization.managementAccountId, options.region) : undefined;
    const read = await collectOrganization({ pool: clients, limit: orgLimit, record }, {
      organization, root, declaration: readDeclared ? declaration : undefined,
      onAccount: (a) => {
        areas?.found(a);
        readAccount(a);
      },
    });
    const areaParts = areas ? await areas.finish(root, read.tree) : {};
    await Promise.all(accountWork);
    const sortedStates = Object.fromEntries(Object.keys(accountStates).sort().map((k) => [k, accountStates[k]]));
    const snapshot: Snapshot = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      collectedAt: new Date().toISOString(),
      region: options.region,
      organization, root,
      ...read.parts,
      accountStates: sortedStates,
      errors: errors.sort((a, b) => `${a.resourceId}${a.api}`.localeCompare(`${b.resourceId}${b.api}`)),
      ...areaParts,
    };
    return { snapshot, stats: { ...clients.stats } };
  } finally {
    clients.destroy();
  }
}

/** Thrown by an early plan that names an account the walk has not found yet. */
const NOT_FOUND_YET = Symbol('not found yet');

/**
 * Reads the declared areas, each as soon as its plan can be made. While the tree is walked, an
 * area is planned again with every account found, against the accounts that can only be the
 * declared ones whatever is found later (by declared id, or by email when no declared id is
 * that account's: emails are unique in an organization); its reads then overlap the rest of the
 * walk, which at a thousand accounts is most of the organization read. What still names an
 * account not found (a created account matched by name, or one missing) is planned after the
 * walk, against the whole tree: declared ids, else the account matched by email or name. A
 * declared area whose account is not in the organization is not read (recorded; the account
 * itself is reported account-missing, or unknown when the tree was not read).
 */
function areaReader(ctx: Omit<CollectContext, 'limit'>, concurrency: number, lz: LandingZone, managementAccountId: string, region: string): {
  found(account: LiveAccount): void;
  finish(root: LiveRoot, tree: Tree): Promise<Record<string, unknown>>;
} {
  const declared = RUNNING_AREAS.filter((a) => a.declaredAt(lz));
  const started = new Map<string, Promise<unknown>>();
  const declaredIds = new Set([...lz.accounts.values()].flatMap((d) => (d.id ? [d.id] : [])));
  const byId = new Set<string>();
  const byEmail = new Map<string, string>();
  const early: PlanContext = {
    lz, managementAccountId, region, record: ctx.record,
    idOf: (name) => {
      const d = lz.accounts.get(name);
      const id = !d ? undefined : d.id ? (byId.has(d.id) ? d.id : undefined) : byEmail.get(d.email.toLowerCase());
      if (id === undefined) throw NOT_FOUND_YET;
      return id;
    },
  };
  const start = (area: (typeof declared)[number], plan: PlanContext): void => {
    let p;
    try {
      p = area.plan(plan);
    } catch (e) {
      if (e === NOT_FOUND_YET) return;
      throw e;
    }
    // Each area has its own limit: areas call other services (or other accounts) than the tree
    // walk and than each other, and one area's long queue (identity's assignment reads) would
    // otherwise hold the others back.
    started.set(area.key, isNotRead(p) ? Promise.resolve(p) : area.collect({ ...ctx, limit: limiter(concurrency) }, p));
  };
  const tryEarly = (): void => {
    for (const area of declared) if (!started.has(area.key)) start(area, early);
  };
  tryEarly(); // an area naming only the management account needs no walk
  return {
    found: (a) => {
      if (started.size === declared.length) return;
      byId.add(a.id);
      if (!declaredIds.has(a.id)) byEmail.set(a.email.toLowerCase(), a.id);
      tryEarly();
    },
    finish: async (root, tree) => {
      const match = correspond(lz, { root, organizationalUnits: tree.found.ous, accounts: tree.found.accounts });
      const treeUnread = [tree.ous, tree.accounts].flatMap((x) => (isNotRead(x) ? x.notRead : []));
      const late: PlanContext = {
        lz, managementAccountId, region, record: ctx.record,
        idOf: (name, api) => {
          const id = match.accounts.get(name)?.id;
          if (id) return id;
          if (treeUnread.length) return notRead(treeUnread);
          ctx.record({ scope: 'organization', resourceId: name, api, code: 'AccountNotFound', message: `account ${name} is not in the organization` });
          return notRead([api]);
        },
      };
      for (const area of declared) if (!started.has(area.key)) start(area, late);
      return Object.fromEntries(await Promise.all(declared.map(async (a) => [a.key, await started.get(a.key)] as const)));
    },
  };
}

/** Enters one account (the audit role, or the caller for the management account) and runs every collector. */
async function collectAccount(
  clients: ClientPool, accountId: string, isManagement: boolean, collectors: readonly AccountCollector[], record: (e: CollectionError) => void,
): Promise<Readable<LiveAccountState>> {
  if (!isManagement) {
    try {
      await clients.roleCredentials(accountId)();
    } catch (e) {
      record(errorOf('account', 'sts:AssumeRole', e, accountId));
      return notRead(['sts:AssumeRole']);
    }
  }
  const state: Record<string, unknown> = {};
  await Promise.all(collectors.map(async (c) => {
    state[c.key] = await c.collect({
      accountId, isManagement, record,
      client: (service, region) => (isManagement ? clients.caller(service, accountId, region) : clients.member(service, accountId, region)),
    });
  }));
  return state as LiveAccountState;
}
