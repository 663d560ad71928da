import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { notRead, SNAPSHOT_SCHEMA_VERSION, type CollectionError, type LiveAccount, type LiveAccountState, type LiveOrganization, type LiveRoot, type Readable, type Snapshot } from '../snapshot';
import { ACCOUNT_COLLECTORS, type AccountCollector } from './account';
import type { LandingZone } from '../../model/landing-zone';
import { collectAreas, planAreas } from './areas';
import { ClientPool, type CallStats, type ConnectionOptions } from './clients';
import { limiter } from './limit';
import { organizationRootAccess } from './root-access';
import { effectivePolicies, effectivePolicySamples } from './effective';
import { correspond } from '../drift/match';
import { delegatedAdministrators, describeOrganization, errorOf, OrganizationUnreadable, policies, readRoot, trustedServices, walkTree } from './organization';
import { checkCallerIsManagement, checkSameOrganization, expectedOrganization } from './same-organization';

export { OrganizationUnreadable } from './organization';
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
  /** @default ACCOUNT_COLLECTORS */
  readonly accountCollectors?: readonly AccountCollector[];
  /** Enter only these accounts (a fan-out batch; empty: none). The organization is still read whole. @default every active account */
  readonly accountIds?: ReadonlySet<string>;
  /**
   * The declaration: the organization read must be the declared one (else OrganizationMismatch
   * before anything else is read), and its logging, network and identity sections are read (once
   * per organization, in the accounts they name). Without it only the organization core is read.
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
      describeOrganization(bootstrap.caller('organizations', 'caller')),
      bootstrap.caller('sts', 'caller').send(new GetCallerIdentityCommand({})).catch((e) => {
        throw (e as Error)?.name === 'CredentialsProviderError' ? e : new OrganizationUnreadable('sts:GetCallerIdentity', e);
      }),
    ]);
    if (options.declaration) {
      checkSameOrganization(expectedOrganization(options.declaration), organization, 'the credentials reach',
        'use credentials of the declared organization\'s management account');
    }
    checkCallerIsManagement({ account: caller.Account ?? '', arn: caller.Arn ?? '' }, organization);
    root = await readRoot(bootstrap.caller('organizations', 'caller'));
  } finally {
    bootstrap.destroy();
  }
  const clients = new ClientPool({ ...options, managementAccountId: organization.managementAccountId }, progress);
  current.pool = clients;
  const orgLimit = limiter(concurrency);
  const accountLimit = limiter(concurrency);
  const org = clients.caller('organizations', organization.managementAccountId);
  const accountStates: Record<string, Readable<LiveAccountState>> = {};
  const accountWork: Promise<void>[] = [];

  const readAccount = (a: LiveAccount): void => {
    if (a.state !== 'ACTIVE') return; // suspended or closed accounts cannot be entered; drift reports their state
    if (options.accountIds && !options.accountIds.has(a.id)) return; // another batch reads it
    total++;
    progress();
    accountWork.push(accountLimit(async () => {
      try {
        accountStates[a.id] = await collectAccount(clients, a.id, a.id === organization.managementAccountId, options.accountCollectors ?? ACCOUNT_COLLECTORS, record);
      } finally {
        done++;
        progress();
      }
    }));
  };

  try {
    const [services, admins, livePolicies, tree, rootAccess] = await Promise.all([
      trustedServices(org, record),
      delegatedAdministrators(org, orgLimit, record),
      policies(org, orgLimit, record),
      walkTree(org, organization.id, root, orgLimit, record, readAccount),
      // One call, whatever the declaration says: the root checks need the mode, import writes it.
      organizationRootAccess(clients.caller('iam', organization.managementAccountId), record),
    ]);
    // Effective management policies: one account per distinct chain of attachments.
    const declaration = options.declaration;
    const effective = declaration && options.readAreas !== false
      ? await (async () => {
        const match = correspond(declaration, { root, organizationalUnits: tree.found.ous, accounts: tree.found.accounts });
        const samples = effectivePolicySamples(declaration, (name) => {
          const a = match.accounts.get(name);
          return a && a.state === 'ACTIVE' ? a.id : undefined;
        });
        return samples.length ? effectivePolicies(org, samples, orgLimit, record) : undefined;
      })()
      : undefined;
    const areas = options.declaration && options.readAreas !== false
      ? await collectAreas(
        { pool: clients, limit: orgLimit, record },
        planAreas(options.declaration, { root, tree, managementAccountId: organization.managementAccountId }, options.region, record),
      )
      : {};
    await Promise.all(accountWork);
    const sortedStates = Object.fromEntries(Object.keys(accountStates).sort().map((k) => [k, accountStates[k]]));
    const snapshot: Snapshot = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      collectedAt: new Date().toISOString(),
      region: options.region,
      organization, root,
      trustedServices: services,
      delegatedAdministrators: admins,
      organizationalUnits: tree.ous,
      accounts: tree.accounts,
      policies: livePolicies,
      accountStates: sortedStates,
      errors: errors.sort((a, b) => `${a.resourceId}${a.api}`.localeCompare(`${b.resourceId}${b.api}`)),
      rootAccess,
      ...(effective ? { effectivePolicies: effective } : {}),
      ...areas,
    };
    return { snapshot, stats: { ...clients.stats } };
  } finally {
    clients.destroy();
  }
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
  const iam = () => (isManagement ? clients.caller('iam', accountId) : clients.member('iam', accountId));
  const state: Record<string, unknown> = {};
  await Promise.all(collectors.map(async (c) => {
    state[c.key] = await c.collect({ accountId, iam, record });
  }));
  return state as unknown as LiveAccountState;
}
