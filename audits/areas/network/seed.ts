import { createHash } from 'crypto';
import { Address4 } from 'ip-address';
import { plannedVpcCidrs, type AttachmentKey, type Cidr, type SubnetPlan } from '../../../model/network';
import type { SeedContext } from '../area';
import type { LiveNetwork, LiveSubnet, LiveTgwAttachment, LiveVpc } from './snapshot';

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * The hub as the network stacks deploy it: its settings, exactly the route plan, shared as
 * declared. VPCs IPAM allocates for get the blocks the model plans (`net`: the declaration).
 */
export function seedNetwork({ desired, ids, lz }: SeedContext): LiveNetwork | undefined {
  const d = desired.network;
  const net = lz.network;
  if (!d || !net) return undefined;
  const hub = ids.accountId(d.hub.account);
  if (!hub) return undefined;
  const region = d.hub.region;
  const tgwId = `tgw-${hex(`${hub}/tgw`, 17)}`;
  const tableId = (segment: string): string => `tgw-rtb-${hex(`${tgwId}/${segment}`, 17)}`;
  const attachments: LiveTgwAttachment[] = [];
  const vpcs: LiveVpc[] = [];
  const attachmentIds = new Map<string, string>();
  const cidrs = plannedVpcCidrs(net);
  const vpcOf = new Map<AttachmentKey, { tags: Readonly<Record<string, string>>; attachmentTags: Readonly<Record<string, string>>; subnets: readonly (SubnetPlan & { tags: Readonly<Record<string, string>> })[] }>(
    [...d.spokes.map((s) => [s.key, s] as const), ...(d.egress ? [['egress', d.egress] as const] : [])],
  );
  for (const [key, segment] of d.attachments) {
    const owner = key === 'egress' ? hub : ids.accountId(key.slice('spoke:'.length));
    const vpc = vpcOf.get(key);
    if (!owner || !vpc) continue;
    const id = `tgw-attach-${hex(`${tgwId}/${key}`, 17)}`;
    const vpcId = `vpc-${hex(`${owner}/${key}`, 17)}`;
    attachmentIds.set(key, id);
    attachments.push({
      id, transitGatewayId: tgwId, resourceType: 'vpc', resourceId: vpcId, resourceOwnerId: owner, state: 'available',
      associatedRouteTableId: tableId(segment), tags: { ...vpc.attachmentTags },
    });
    const cidr = cidrs.get(key);
    if (cidr) vpcs.push(seedVpc(vpcId, owner, cidr, vpc));
  }
  const tgwArn = `arn:aws:ec2:${region}:${hub}:transit-gateway/${tgwId}`;
  const h = d.hub;
  return {
    accountId: hub, region,
    transitGateways: [{
      id: tgwId, arn: tgwArn, ownerId: hub, state: 'available', description: h.description, amazonSideAsn: h.amazonSideAsn,
      autoAcceptSharedAttachments: h.autoAcceptSharedAttachments, defaultRouteTableAssociation: h.defaultRouteTableAssociation,
      defaultRouteTablePropagation: h.defaultRouteTablePropagation, tags: { ...h.tags },
    }],
    routeTables: d.routeTables.map((t) => ({
      id: tableId(t.segment), transitGatewayId: tgwId, state: 'available', tags: { ...t.tags },
      propagations: t.propagations.map((k) => attachmentIds.get(k)).filter((x): x is string => Boolean(x)).sort(),
    })),
    attachments,
    vpcs: vpcs.sort((a, b) => a.id.localeCompare(b.id)),
    shares: h.share ? [{
      arn: `arn:aws:ram:${region}:${hub}:resource-share/${hex(`${tgwId}/share`, 8)}-0000-4000-8000-${hex(`${tgwId}/s`, 12)}`, name: h.share.name,
      status: 'ACTIVE', allowExternalPrincipals: false, resources: [tgwArn], principals: [...h.share.principals].sort(),
    }] : [],
  };
}

/** Terraform's cidrsubnet: the `netnum`-th block of `newbits` more bits inside `vpc`. */
function cidrsubnet(vpc: Cidr, plan: SubnetPlan): string {
  const prefix = vpc.prefix + plan.newbits;
  return `${Address4.fromBigInt(vpc.first + (BigInt(plan.netnum) << BigInt(32 - prefix))).correctForm()}/${prefix}`;
}

/** A spoke (or the egress VPC) as its stack creates it: the subnet plan, the tags. */
function seedVpc(id: string, ownerId: string, cidr: Cidr, vpc: { tags: Readonly<Record<string, string>>; subnets: readonly (SubnetPlan & { tags: Readonly<Record<string, string>> })[] }): LiveVpc {
  const subnets = vpc.subnets.map((p): LiveSubnet => ({
    id: `subnet-${hex(`${id}/${p.tier}/${p.az}`, 17)}`, availabilityZone: p.az, cidr: p.cidr ?? cidrsubnet(cidr, p), tags: { ...p.tags },
  }));
  return { id, ownerId, cidr: cidr.text, state: 'available', tags: { ...vpc.tags }, subnets: subnets.sort((a, b) => a.id.localeCompare(b.id)) };
}

