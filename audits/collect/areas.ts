import { desiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import { resolveLateBound } from '../../model/late-bound';
import { correspond } from '../drift/match';
import type { CollectionError, LiveAccount, LiveOrganizationalUnit, LiveRoot, Snapshot } from '../snapshot';
import type { ClientPool } from './clients';
import { collectIdentity, type IdentityPlan } from './identity';
import { collectLogging, type LoggingPlan } from './logging';
import { collectNetwork, type NetworkPlan } from './network';

/** What an area collector gets: the pool, the shared concurrency limit and the error recorder. */
export interface AreaContext {
  readonly pool: ClientPool;
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly record: (e: CollectionError) => void;
}


export interface AreaPlans {
  readonly logging?: LoggingPlan;
  readonly network?: NetworkPlan;
  readonly identity?: IdentityPlan;
}

/**
 * Which accounts and names each declared area is read from, resolved against the live tree
 * (declared ids, else the account matched by email or name). A declaration without a section
 * plans nothing for it; a declared area whose account is not in the organization is recorded as
 * unreadable (the account itself is reported account-missing).
 */
export function planAreas(
  lz: LandingZone, live: { root: LiveRoot; organizationalUnits: readonly LiveOrganizationalUnit[]; accounts: readonly LiveAccount[]; managementAccountId: string },
  region: string, record: (e: CollectionError) => void,
): AreaPlans {
  const match = correspond(lz, { root: live.root, organizationalUnits: live.organizationalUnits, accounts: live.accounts } as unknown as Snapshot);
  const idOf = (name: string, api: string): string | undefined => {
    const id = match.accounts.get(name)?.id;
    if (!id) record({ scope: 'organization', resourceId: name, api, code: 'AccountNotFound', message: `account ${name} is not in the organization` });
    return id;
  };
  const plans: { logging?: LoggingPlan; network?: NetworkPlan; identity?: IdentityPlan } = {};
  const logging = desiredState(lz).logging;
  if (logging) {
    const archiveAccountId = idOf(logging.archiveAccount, 's3:GetBucketPolicy');
    if (archiveAccountId) {
      // The bucket and the key as the logging stack names them, with the ids just read.
      const bucketName = resolveLateBound(logging.logBucket.bucket, (v) => (v.kind === 'account-id' ? match.accounts.get(v.account)?.id ?? '' : ''));
      plans.logging = { managementAccountId: live.managementAccountId, archiveAccountId, region: logging.logBucket.region, bucketName, keyAlias: logging.key.alias };
    }
  }
  if (lz.network) {
    const accountId = idOf(lz.network.transitGateway.account, 'ec2:DescribeTransitGateways');
    if (accountId) plans.network = { accountId, region: lz.network.transitGateway.region };
  }
  if (lz.identity) {
    const accountId = idOf(lz.identity.administrator, 'sso:ListInstances');
    if (accountId) plans.identity = { accountId, region: lz.organization.homeRegion ?? region };
  }
  return plans;
}

/** Reads every planned area at once; each result is undefined when the area could not be read (errors recorded). */
export async function collectAreas(ctx: AreaContext, plans: AreaPlans): Promise<Pick<Snapshot, 'logging' | 'network' | 'identity'>> {
  const [logging, network, identity] = await Promise.all([
    plans.logging ? collectLogging(ctx, plans.logging) : undefined,
    plans.network ? collectNetwork(ctx, plans.network) : undefined,
    plans.identity ? collectIdentity(ctx, plans.identity) : undefined,
  ]);
  return { ...(logging ? { logging } : {}), ...(network ? { network } : {}), ...(identity ? { identity } : {}) };
}
