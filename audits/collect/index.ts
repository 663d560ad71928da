import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { LandingZone } from '../../model/landing-zone';
import { collectOrganization, CORE, describeOrganization, OrganizationUnreadable, readRoot, RUNNING_AREAS, type Tree } from '../areas';
import { correspond } from '../drift/match';
import { isNotRead, notRead, type CollectionError, type NotRead, type Readable } from '../readable';
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
  /** Accounts read at the same time, and organization calls in flight. @default 16 */
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
    const ctx: CollectContext = { pool: clients, limit: orgLimit, record };
    const read = await collectOrganization(ctx, { organization, root, declaration: readDeclared ? declaration : undefined, onAccount: readAccount });
    const areas = readDeclared ? await collectAreas(ctx, declaration, { root, tree: read.tree, managementAccountId: organization.managementAccountId, region: options.region }) : {};
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
      ...areas,
    };
    return { snapshot, stats: { ...clients.stats } };
  } finally {
    clients.destroy();
  }
}

/**
 * Which accounts and names each declared area is read from, resolved against the live tree
 * (declared ids, else the account matched by email or name), then every planned area read at
 * once. A declared area whose account is not in the organization is not read (recorded; the
 * account itself is reported account-missing, or unknown when the tree was not read).
 */
async function collectAreas(
  ctx: CollectContext, lz: LandingZone, live: { root: LiveRoot; tree: Tree; managementAccountId: string; region: string },
): Promise<Record<string, unknown>> {
  const match = correspond(lz, { root: live.root, organizationalUnits: live.tree.found.ous, accounts: live.tree.found.accounts });
  const treeUnread = [live.tree.ous, live.tree.accounts].flatMap((x) => (isNotRead(x) ? x.notRead : []));
  const plan: PlanContext = {
    lz, match, managementAccountId: live.managementAccountId, region: live.region, record: ctx.record,
    idOf: (name: string, api: string): string | NotRead => {
      const id = match.accounts.get(name)?.id;
      if (id) return id;
      if (treeUnread.length) return notRead(treeUnread);
      ctx.record({ scope: 'organization', resourceId: name, api, code: 'AccountNotFound', message: `account ${name} is not in the organization` });
      return notRead([api]);
    },
  };
  const read = await Promise.all(RUNNING_AREAS.filter((a) => a.declaredAt(lz)).map(async (area) => {
    const p = area.plan(plan);
    return [area.key, isNotRead(p) ? p : await area.collect(ctx, p)] as const;
  }));
  return Object.fromEntries(read);
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
