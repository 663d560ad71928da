import { desiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import { resolveLateBound } from '../../model/late-bound';
import { correspond } from '../drift/match';
import { isNotRead, notRead, type CollectionError, type LiveRoot, type NotRead, type Snapshot } from '../snapshot';
import type { ClientPool } from './clients';
import { collectIdentity, type IdentityPlan } from './identity';
import { collectLogging, type LoggingPlan } from './logging';
import { collectNetwork, type NetworkPlan } from './network';
import type { Tree } from './organization';

/** What an area collector gets: the pool, the shared concurrency limit and the error recorder. */
export interface AreaContext {
  readonly pool: ClientPool;
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly record: (e: CollectionError) => void;
}


export interface AreaPlans {
  readonly logging?: LoggingPlan | NotRead;
  readonly network?: NetworkPlan | NotRead;
  readonly identity?: IdentityPlan | NotRead;
}

/**
 * Which accounts and names each declared area is read from, resolved against the live tree
 * (declared ids, else the account matched by email or name). A declaration without a section
 * plans nothing for it; a declared area whose account is not in the organization is not read
 * (recorded; the account itself is reported account-missing, or unknown when the tree was not read).
 */
export function planAreas(
  lz: LandingZone, live: { root: LiveRoot; tree: Tree; managementAccountId: string }, region: string, record: (e: CollectionError) => void,
): AreaPlans {
  const match = correspond(lz, { root: live.root, organizationalUnits: live.tree.found.ous, accounts: live.tree.found.accounts });
  const treeUnread = [live.tree.ous, live.tree.accounts].flatMap((x) => (isNotRead(x) ? x.notRead : []));
  const idOf = (name: string, api: string): string | NotRead => {
    const id = match.accounts.get(name)?.id;
    if (id) return id;
    if (treeUnread.length) return notRead(treeUnread);
    record({ scope: 'organization', resourceId: name, api, code: 'AccountNotFound', message: `account ${name} is not in the organization` });
    return notRead([api]);
  };
  const plans: { logging?: LoggingPlan | NotRead; network?: NetworkPlan | NotRead; identity?: IdentityPlan | NotRead } = {};
  const logging = desiredState(lz).logging;
  if (logging) {
    const archiveAccountId = idOf(logging.archiveAccount, 's3:GetBucketPolicy');
    // The bucket and the key as the logging stack names them, with the ids just read.
    plans.logging = isNotRead(archiveAccountId) ? archiveAccountId : {
      managementAccountId: live.managementAccountId, archiveAccountId, region: logging.logBucket.region,
      bucketName: resolveLateBound(logging.logBucket.bucket, (v) => (v.kind === 'account-id' ? match.accounts.get(v.account)?.id ?? '' : '')),
      keyAlias: logging.key.alias,
    };
  }
  if (lz.network) {
    const accountId = idOf(lz.network.transitGateway.account, 'ec2:DescribeTransitGateways');
    plans.network = isNotRead(accountId) ? accountId : { accountId, region: lz.network.transitGateway.region };
  }
  if (lz.identity) {
    const accountId = idOf(lz.identity.administrator, 'sso:ListInstances');
    plans.identity = isNotRead(accountId) ? accountId : { accountId, region: lz.organization.homeRegion ?? region };
  }
  return plans;
}

/** Reads every planned area at once; an area that could not be read is NotRead (errors recorded). */
export async function collectAreas(ctx: AreaContext, plans: AreaPlans): Promise<Pick<Snapshot, 'logging' | 'network' | 'identity'>> {
  const read = <P extends object, T>(plan: P | NotRead | undefined, collect: (ctx: AreaContext, plan: P) => Promise<T>): Promise<T | NotRead | undefined> =>
    (plan === undefined ? Promise.resolve(undefined) : isNotRead(plan) ? Promise.resolve(plan) : collect(ctx, plan));
  const [logging, network, identity] = await Promise.all([
    read(plans.logging, collectLogging), read(plans.network, collectNetwork), read(plans.identity, collectIdentity),
  ]);
  return { ...(logging ? { logging } : {}), ...(network ? { network } : {}), ...(identity ? { identity } : {}) };
}
