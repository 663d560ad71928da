import type { LandingZone } from '../model/landing-zone';
import { lateBoundAccountId, lateBoundOrganizationId } from '../model/late-bound';
import {
  ipamReservations, PRIVATE_RANGES, routePlan, spokeAttachment,
  type AttachmentKey, type IpamReservation, type NetworkDeclaration, type SegmentRouteTable, type Spoke, type SubnetPlan,
} from '../model/network';
import { ROOT } from '../model/organization';
import { attachmentPoints } from '../model/targets';
import type { SourceLocation, Targets } from '../model/types';
import { targetOf } from './organization';

/** A RAM share that never leaves the organization. */
export interface DesiredShare {
  readonly name: string;
  /** Organization and OU ARNs, account ids (late-bound where created). */
  readonly principals: readonly string[];
  /** True when a principal is the organization or an OU: RAM's sharing with Organizations must be on. */
  readonly toOrganization: boolean;
}

export interface DesiredSubnet extends SubnetPlan {
  readonly tags: Readonly<Record<string, string>>;
}

/** A spoke VPC as the spoke's stack deploys it. */
export interface DesiredSpoke {
  readonly key: AttachmentKey;
  readonly spoke: Spoke;
  readonly account: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly subnets: readonly DesiredSubnet[];
  /** Per tier: its route table's tags and the destinations it hands to the TGW. */
  readonly routeTables: readonly { readonly tier: string; readonly tags: Readonly<Record<string, string>>; readonly toTransitGateway: readonly string[] }[];
  readonly attachmentTags: Readonly<Record<string, string>>;
  /** The attachment is accepted from the hub account (a spoke in another account than the hub). */
  readonly acceptedByHub: boolean;
  readonly flowLog: DesiredFlowLog;
  readonly source: SourceLocation;
}

export interface DesiredFlowLog {
  readonly destination: string;
  readonly trafficType: string;
  readonly maxAggregationInterval: number;
  readonly tags: Readonly<Record<string, string>>;
}

export interface DesiredEgress {
  readonly segment: string;
  readonly cidr: string;
  readonly azs: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly subnets: readonly DesiredSubnet[];
  /** Sent back to the TGW from the public subnets: the spokes' ranges. */
  readonly returnRoutes: readonly string[];
  readonly attachmentTags: Readonly<Record<string, string>>;
  readonly flowLog: DesiredFlowLog;
  readonly source: SourceLocation;
}

export interface DesiredNetwork {
  readonly hub: {
    readonly account: string;
    readonly region: string;
    readonly amazonSideAsn: number;
    readonly cidrBlocks: readonly string[];
    readonly description: string;
    readonly autoAcceptSharedAttachments: 'disable';
    readonly defaultRouteTableAssociation: 'disable';
    readonly defaultRouteTablePropagation: 'disable';
    readonly dnsSupport: 'enable';
    readonly tags: Readonly<Record<string, string>>;
    readonly share?: DesiredShare;
    readonly source: SourceLocation;
  };
  /** One per segment: the route plan, and the tags the audit finds the table by. */
  readonly routeTables: readonly (SegmentRouteTable & { readonly tags: Readonly<Record<string, string>> })[];
  readonly ipam?: {
    readonly region: string;
    readonly topPool: string;
    readonly pools: readonly { readonly segment: string; readonly cidr: string; readonly tags: Readonly<Record<string, string>>; readonly share?: DesiredShare }[];
    readonly reservations: readonly IpamReservation[];
  };
  readonly spokes: readonly DesiredSpoke[];
  readonly egress?: DesiredEgress;
  /** Attachment -> the segment it associates with. */
  readonly attachments: ReadonlyMap<AttachmentKey, string>;
}

/** The tag the audit finds a segment's route table, VPC and attachment by. */
export const SEGMENT_TAG = 'lzkit:segment';
export const TIER_TAG = 'lzkit:tier';
export const EGRESS_NAME = 'lzkit-egress';
export const TRANSIT_GATEWAY_SHARE = 'lzkit-transit-gateway';

/** RAM principals for a target: the organization for Root, OU ARNs, account ids (late-bound where created). */
export function sharePrincipals(lz: LandingZone, targets: Targets): { principals: string[]; toOrganization: boolean } {
  const points = attachmentPoints(lz, targets);
  const management = lz.accounts.get(lz.organization.managementAccount);
  const mgmtId = management?.id ?? lateBoundAccountId(lz.organization.managementAccount);
  const orgId = lz.organization.id ?? lateBoundOrganizationId();
  return {
    principals: [
      ...points.ous.map((p) => (p === ROOT
        ? `arn:aws:organizations::${mgmtId}:organization/${orgId}`
        : `arn:aws:organizations::${mgmtId}:ou/${orgId}/${targetOf(lz, 'ou', p).id}`)),
      ...points.accounts.map((name) => targetOf(lz, 'account', name).id),
    ],
    toOrganization: points.ous.length > 0,
  };
}

function share(lz: LandingZone, name: string, targets: Targets | undefined): DesiredShare | undefined {
  if (!targets) return undefined;
  const p = sharePrincipals(lz, targets);
  return p.principals.length ? { name, ...p } : undefined;
}

/** What the network stack and the spoke stacks deploy, from accounts/network.yaml and its route plan. */
export function desiredNetwork(lz: LandingZone, flowLogBucket: string | undefined): DesiredNetwork | undefined {
  const net = lz.network;
  if (!net) return undefined;
  const tgw = net.transitGateway;
  const destination = flowLogBucket ?? net.flowLogs.bucketArn ?? '';
  const flowLog = (name: string): DesiredFlowLog => ({
    destination, trafficType: net.flowLogs.trafficType, maxAggregationInterval: net.flowLogs.maxAggregationInterval, tags: { Name: name },
  });
  const plan = routePlan(net);
  const attachments = new Map<AttachmentKey, string>(net.spokes.map((s) => [spokeAttachment(s.account), s.segment]));
  if (net.egress) attachments.set('egress', net.egress.segment);
  return {
    hub: {
      account: tgw.account, region: tgw.region, amazonSideAsn: tgw.amazonSideAsn, cidrBlocks: tgw.cidrBlocks, description: tgw.description,
      autoAcceptSharedAttachments: 'disable', defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable', dnsSupport: 'enable',
      tags: { Name: tgw.description }, share: share(lz, TRANSIT_GATEWAY_SHARE, tgw.shareWith), source: tgw.source,
    },
    routeTables: plan.map((t) => ({ ...t, tags: { Name: `segment-${t.segment}`, [SEGMENT_TAG]: t.segment } })),
    ipam: net.ipam && {
      region: net.ipam.region, topPool: net.ipam.topPool,
      pools: net.ipam.pools.map((p) => ({
        segment: p.segment, cidr: p.cidr, tags: { Name: `lzkit-${p.segment}`, [SEGMENT_TAG]: p.segment }, share: share(lz, `lzkit-ipam-${p.segment}`, p.shareWith),
      })),
      reservations: ipamReservations(net),
    },
    spokes: net.spokes.map((s) => ({
      key: spokeAttachment(s.account), spoke: s, account: s.account, region: s.region,
      tags: { Name: s.account, [SEGMENT_TAG]: s.segment },
      subnets: s.subnets.map((p) => ({ ...p, tags: { Name: `${s.account}-${p.tier}-${p.az}`, [TIER_TAG]: p.tier } })),
      routeTables: s.tiers.map((t) => ({ tier: t.name, tags: { Name: `${s.account}-${t.name}` }, toTransitGateway: vpcRoutesToHub(net, s) })),
      attachmentTags: { Name: s.account, [SEGMENT_TAG]: s.segment },
      acceptedByHub: s.account !== tgw.account,
      flowLog: flowLog(s.account), source: s.source,
    })),
    egress: net.egress && {
      segment: net.egress.segment, cidr: net.egress.cidr, azs: net.egress.azs, tags: { Name: EGRESS_NAME },
      subnets: net.egress.subnets.map((p) => ({ ...p, tags: { Name: `${EGRESS_NAME}-${p.tier}-${p.az}` } })),
      returnRoutes: net.ipam ? [net.ipam.topPool] : PRIVATE_RANGES,
      attachmentTags: { Name: EGRESS_NAME, [SEGMENT_TAG]: net.egress.segment },
      flowLog: flowLog(EGRESS_NAME), source: net.egress.source,
    },
    attachments,
  };
}

/** What a spoke hands to the TGW: everything when its segment exits through central egress, else the private ranges. */
function vpcRoutesToHub(net: NetworkDeclaration, spoke: Spoke): readonly string[] {
  if (net.egress?.usedBy.includes(spoke.segment)) return ['0.0.0.0/0'];
  return net.ipam ? [net.ipam.topPool] : PRIVATE_RANGES;
}
