import type { Account, LandingZone, Targets } from '../model';
import { attachmentPoints } from '../model';
import { lateBoundAccountId, lateBoundOrganizationId } from '../model/late-bound';
import { PRIVATE_RANGES, routePlan, type NetworkDeclaration, type SegmentRouteTable, type Spoke } from '../model/network';
import { landingZoneStack } from './backend';
import { CentralEgress } from './constructs/egress-vpc';
import { AddressPlan } from './constructs/ipam';
import { SpokeVpc, type FlowLogDestination } from './constructs/spoke-vpc';
import { SegmentMembership, TransitGatewayHub } from './constructs/transit-gateway-hub';
import type { StackContext } from './context';
import { providerFor } from './providers';

/** Stack name of a spoke: one state per spoke account, so editing one spoke never replans another. */
export const spokeStackName = (account: string): string => `network-spoke-${account}`;

/**
 * The `network` stack in the hub account (TGW, segment route tables, static routes, RAM shares,
 * IPAM, central egress) and one `network-spoke-<account>` stack per spoke. A spoke's attachment
 * is accepted and joined to its segment inside the spoke's stack (through the hub account's
 * provider): the hub stack cannot hold it without depending on every spoke, which would make
 * the spokes' references to the TGW a cycle.
 */
export function networkStack(ctx: StackContext): void {
  const { app, lz, refs } = ctx;
  const net = lz.network;
  if (!net) return;
  const ids = idResolver(ctx);
  const hubAccount = mustAccount(lz, net.transitGateway.account);
  const plan = routePlan(net);
  const flowLogs = flowLogDestination(ctx, net);

  const stack = landingZoneStack(app, lz, 'network');
  const hubProvider = providerFor(stack, lz, hubAccount, ids.accountId, net.transitGateway.region);
  const hub = new TransitGatewayHub(stack, 'hub', {
    provider: hubProvider,
    amazonSideAsn: net.transitGateway.amazonSideAsn,
    cidrBlocks: net.transitGateway.cidrBlocks,
    description: net.transitGateway.description,
    routeTables: plan,
    sharePrincipals: net.transitGateway.shareWith ? ids.principals(net.transitGateway.shareWith) : [],
  });
  const addresses = net.ipam && new AddressPlan(stack, 'ipam', {
    provider: hubProvider,
    region: net.ipam.region,
    topPool: net.ipam.topPool,
    pools: net.ipam.pools.map((p) => ({ segment: p.segment, cidr: p.cidr, principals: p.shareWith ? ids.principals(p.shareWith) : [] })),
  });

  if (net.egress) {
    const egress = new CentralEgress(stack, 'egress', {
      provider: hubProvider, egress: net.egress, transitGatewayId: hub.transitGateway.id,
      returnRoutes: net.ipam ? [net.ipam.topPool] : PRIVATE_RANGES, flowLogs,
    });
    new SegmentMembership(stack, 'egress-segment', {
      provider: hubProvider, attachmentId: egress.attachment.id,
      associateWith: hub.routeTableId(net.egress.segment), propagateTo: propagationTargets(plan, 'egress', hub),
    });
    for (const table of plan) {
      for (const r of table.staticRoutes) hub.addStaticRoute(table.segment, r.cidr, r.target === 'egress' ? egress.attachment.id : undefined);
    }
  }

  for (const spoke of net.spokes) {
    const account = mustAccount(lz, spoke.account);
    const spokeStack = landingZoneStack(app, lz, spokeStackName(spoke.account));
    const provider = providerFor(spokeStack, lz, account, ids.accountId, spoke.region);
    const sameAccount = spoke.account === hubAccount.name;
    new SpokeVpc(spokeStack, 'spoke', {
      provider,
      hubProvider: sameAccount ? undefined : providerFor(spokeStack, lz, hubAccount, ids.accountId, net.transitGateway.region),
      spoke,
      transitGatewayId: hub.transitGateway.id,
      ipamPoolId: spoke.ipamPool ? addresses?.poolId(spoke.ipamPool) : undefined,
      routesToTransitGateway: vpcRoutesToHub(net, spoke),
      associateWith: hub.routeTableId(spoke.segment),
      propagateTo: propagationTargets(plan, `spoke:${spoke.account}`, hub),
      flowLogs,
    });
  }
  refs.network = { transitGatewayId: hub.transitGateway.id };
}

/** The segment route tables an attachment propagates into, as the route plan says. */
function propagationTargets(plan: readonly SegmentRouteTable[], key: string, hub: TransitGatewayHub): Record<string, string> {
  return Object.fromEntries(plan.filter((t) => (t.propagations as readonly string[]).includes(key)).map((t) => [t.segment, hub.routeTableId(t.segment)]));
}

/** What a spoke hands to the TGW: everything when its segment exits through central egress, else the private ranges. */
function vpcRoutesToHub(net: NetworkDeclaration, spoke: Spoke): readonly string[] {
  if (net.egress?.usedBy.includes(spoke.segment)) return ['0.0.0.0/0'];
  return net.ipam ? [net.ipam.topPool] : PRIVATE_RANGES;
}

function flowLogDestination(ctx: StackContext, net: NetworkDeclaration): FlowLogDestination {
  const logging = ctx.refs.logging;
  const prefix = logging?.flowLogPrefix?.replace(/^\/+|\/+$/g, '');
  const bucketArn = logging?.bucketArn ?? net.flowLogs.bucketArn;
  if (!bucketArn) {
    throw new Error(`${net.source.file}: flow logs have no destination; declare accounts/logging.yaml (the log archive bucket) or flowLogs.bucketArn`);
  }
  return {
    s3Arn: logging && prefix ? `${bucketArn}/${prefix}/` : bucketArn,
    trafficType: net.flowLogs.trafficType,
    maxAggregationInterval: net.flowLogs.maxAggregationInterval,
  };
}

/** Account ids, OU ids and RAM principals: the organization stack's references when it publishes them, else literals or late-bound markers. */
function idResolver(ctx: StackContext) {
  const { lz, refs } = ctx;
  const accountId = (a: Account): string => refs.organization?.accountId(a.name) ?? a.id ?? lateBoundAccountId(a.name);
  const organizationId = refs.organization?.organizationId ?? lz.organization.id ?? lateBoundOrganizationId();
  const management = mustAccount(lz, lz.organization.managementAccount);
  const ouId = (path: string): string => refs.organization?.ouId(path) ?? lz.ous.get(path)?.id ?? `lzkit:late-bound:ou-id/${path}`;
  const principals = (targets: Targets): string[] => {
    const points = attachmentPoints(lz, targets);
    const mgmt = accountId(management);
    return [
      // The root is shared as the whole organization (RAM's organization ARN).
      ...points.ous.map((p) => (p === 'Root'
        ? `arn:aws:organizations::${mgmt}:organization/${organizationId}`
        : `arn:aws:organizations::${mgmt}:ou/${organizationId}/${ouId(p)}`)),
      ...points.accounts.map((name) => accountId(mustAccount(lz, name))),
    ];
  };
  return { accountId, principals };
}

function mustAccount(lz: LandingZone, name: string): Account {
  const a = lz.accounts.get(name);
  if (!a) throw new Error(`lzkit: account '${name}' is not in the model (validation should have caught this)`);
  return a;
}
