import type { Account, LandingZone } from '../model';
import type { SegmentRouteTable } from '../model/network';
import { landingZoneStack } from './backend';
import { TerraformStack } from './cdktf';
import { accountIdOf } from './constructs/account-refs';
import { CentralEgress } from './constructs/egress-vpc';
import { AddressPlan } from './constructs/ipam';
import { SpokeVpc } from './constructs/spoke-vpc';
import { SegmentMembership, TransitGatewayHub } from './constructs/transit-gateway-hub';
import type { StackContext } from './context';
import { LOGGING_STACK } from './logging';
import { ORGANIZATION_STACK } from './organization';
import { providerFor } from './providers';
import { inStacks } from './resolve';

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
  const desired = ctx.desired.network;
  if (!desired) return;
  const net = inStacks(ctx, desired);
  const accountId = (a: Account): string => accountIdOf(ctx, a.name);
  const hubAccount = mustAccount(lz, net.hub.account);
  if (!net.spokes.every((s) => s.flowLog.destination) || (net.egress && !net.egress.flowLog.destination)) {
    throw new Error(`${lz.network!.source.file}: flow logs have no destination; declare accounts/logging.yaml (the log archive bucket) or flowLogs.bucketArn`);
  }

  const stack = landingZoneStack(app, lz, 'network');
  // RAM's sharing with Organizations (organization stack) and the log archive (flow logs) come
  // first, even when every id is a literal and no reference orders the stacks.
  for (const before of [ORGANIZATION_STACK, LOGGING_STACK]) {
    const s = app.node.tryFindChild(before);
    if (s instanceof TerraformStack) stack.addDependency(s);
  }
  const hubProvider = providerFor(stack, lz, hubAccount, accountId, net.hub.region);
  const hub = new TransitGatewayHub(stack, 'hub', { provider: hubProvider, hub: net.hub, routeTables: net.routeTables });
  const addresses = net.ipam && new AddressPlan(stack, 'ipam', { provider: hubProvider, ipam: net.ipam });

  if (net.egress) {
    const egress = new CentralEgress(stack, 'egress', { provider: hubProvider, egress: net.egress, transitGatewayId: hub.transitGateway.id });
    new SegmentMembership(stack, 'egress-segment', {
      provider: hubProvider, attachmentId: egress.attachment.id,
      associateWith: hub.routeTableId(net.egress.segment), propagateTo: propagationTargets(net.routeTables, 'egress', hub),
    });
    for (const table of net.routeTables) {
      for (const r of table.staticRoutes) hub.addStaticRoute(table.segment, r.cidr, r.target === 'egress' ? egress.attachment.id : undefined);
    }
  }

  for (const spoke of net.spokes) {
    const account = mustAccount(lz, spoke.account);
    const spokeStack = landingZoneStack(app, lz, spokeStackName(spoke.account));
    new SpokeVpc(spokeStack, 'spoke', {
      provider: providerFor(spokeStack, lz, account, accountId, spoke.region),
      hubProvider: providerFor(spokeStack, lz, hubAccount, accountId, net.hub.region),
      spoke,
      transitGatewayId: hub.transitGateway.id,
      ipamPoolId: spoke.spoke.ipamPool ? addresses?.poolId(spoke.spoke.ipamPool) : undefined,
      associateWith: hub.routeTableId(spoke.spoke.segment),
      propagateTo: propagationTargets(net.routeTables, spoke.key, hub),
    });
  }
  refs.network = { transitGatewayId: hub.transitGateway.id };
}

/** The segment route tables an attachment propagates into, as the route plan says. */
function propagationTargets(plan: readonly SegmentRouteTable[], key: string, hub: TransitGatewayHub): Record<string, string> {
  return Object.fromEntries(plan.filter((t) => (t.propagations as readonly string[]).includes(key)).map((t) => [t.segment, hub.routeTableId(t.segment)]));
}

function mustAccount(lz: LandingZone, name: string): Account {
  const a = lz.accounts.get(name);
  if (!a) throw new Error(`lzkit: account '${name}' is not in the model (validation should have caught this)`);
  return a;
}
