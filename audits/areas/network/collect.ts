import {
  paginateDescribeSubnets, paginateDescribeTransitGatewayAttachments, paginateDescribeTransitGatewayRouteTables, paginateDescribeTransitGateways,
  paginateDescribeVpcs, paginateGetTransitGatewayRouteTablePropagations, EC2Client, type Tag,
} from '@aws-sdk/client-ec2';
import { paginateGetResourceShareAssociations, paginateGetResourceShares, RAMClient } from '@aws-sdk/client-ram';
import { errorOf, type CollectContext as AreaContext, type PlanContext } from '../../collect/context';
import { pages } from '../../collect/pages';
import { isNotRead, notRead, type NotRead, type Readable } from '../../readable';
import type { LiveNetwork, LiveResourceShare, LiveSubnet, LiveTgwAttachment, LiveTgwRouteTable, LiveTransitGateway, LiveVpc } from './snapshot';

/** Where the hub lives (lz.network.transitGateway). */
export interface NetworkPlan {
  readonly accountId: string;
  readonly region: string;
}

/** The hub account and region the network declaration names. */
export function planNetwork(ctx: PlanContext): NetworkPlan | NotRead {
  const hub = ctx.lz.network!.transitGateway;
  const accountId = ctx.idOf(hub.account, 'ec2:DescribeTransitGateways');
  return isNotRead(accountId) ? accountId : { accountId, region: hub.region };
}

const EC2_PAGE = 100;
const RAM_PAGE = 100;
const tags = (t: Tag[] | undefined): Record<string, string> => Object.fromEntries((t ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? '']));

/**
 * The hub account, once: its Transit Gateways, route tables, attachments (each with its
 * association), the propagations of each route table, and its RAM shares with their resources
 * and principals (two association chains for all shares together, not one per share); then
 * the VPC behind each VPC attachment, in its owner account (readSpokeVpcs).
 */
export async function collectNetwork(ctx: AreaContext, plan: NetworkPlan): Promise<Readable<LiveNetwork>> {
  const ec2 = ctx.pool.reader(EC2Client, plan.accountId, plan.region);
  const ram = ctx.pool.reader(RAMClient, plan.accountId, plan.region);
  const failed: string[] = [];
  const chain = async <T>(api: string, run: () => Promise<T>): Promise<T | undefined> => ctx.limit(run).catch((e) => {
    ctx.record(errorOf('organization', api, e, plan.accountId));
    failed.push(api);
    return undefined;
  });
  const [gateways, tables, attachments, shares] = await Promise.all([
    chain('ec2:DescribeTransitGateways', async () => {
      const out: LiveTransitGateway[] = [];
      for await (const p of pages(paginateDescribeTransitGateways, { client: ec2, pageSize: EC2_PAGE }, {})) {
        for (const g of p.TransitGateways ?? []) {
          if (!g.TransitGatewayId || g.State === 'deleted') continue;
          const o = g.Options ?? {};
          out.push({
            id: g.TransitGatewayId, arn: g.TransitGatewayArn ?? '', ownerId: g.OwnerId ?? plan.accountId, state: g.State ?? '', description: g.Description,
            amazonSideAsn: o.AmazonSideAsn, autoAcceptSharedAttachments: o.AutoAcceptSharedAttachments ?? '',
            defaultRouteTableAssociation: o.DefaultRouteTableAssociation ?? '', defaultRouteTablePropagation: o.DefaultRouteTablePropagation ?? '', tags: tags(g.Tags),
          });
        }
      }
      return out;
    }),
    chain('ec2:DescribeTransitGatewayRouteTables', async () => {
      const out: Omit<LiveTgwRouteTable, 'propagations'>[] = [];
      for await (const p of pages(paginateDescribeTransitGatewayRouteTables, { client: ec2, pageSize: EC2_PAGE }, {})) {
        for (const t of p.TransitGatewayRouteTables ?? []) {
          if (t.TransitGatewayRouteTableId && t.State !== 'deleted') out.push({ id: t.TransitGatewayRouteTableId, transitGatewayId: t.TransitGatewayId ?? '', state: t.State ?? '', tags: tags(t.Tags) });
        }
      }
      return out;
    }),
    chain('ec2:DescribeTransitGatewayAttachments', async () => {
      const out: LiveTgwAttachment[] = [];
      for await (const p of pages(paginateDescribeTransitGatewayAttachments, { client: ec2, pageSize: EC2_PAGE }, {})) {
        for (const a of p.TransitGatewayAttachments ?? []) {
          if (!a.TransitGatewayAttachmentId || a.State === 'deleted') continue;
          out.push({
            id: a.TransitGatewayAttachmentId, transitGatewayId: a.TransitGatewayId ?? '', resourceType: a.ResourceType ?? '', resourceId: a.ResourceId,
            resourceOwnerId: a.ResourceOwnerId ?? '', state: a.State ?? '', tags: tags(a.Tags),
            ...(a.Association?.TransitGatewayRouteTableId && a.Association.State !== 'disassociated' ? { associatedRouteTableId: a.Association.TransitGatewayRouteTableId } : {}),
          });
        }
      }
      return out;
    }),
    chain('ram:GetResourceShares', () => readShares(ram)),
  ]);
  if (!gateways || !tables || !attachments || !shares) return notRead(failed);
  const routeTables = await Promise.all(tables.map(async (t): Promise<LiveTgwRouteTable | undefined> => {
    const propagations = await chain('ec2:GetTransitGatewayRouteTablePropagations', async () => {
      const out: string[] = [];
      for await (const p of pages(paginateGetTransitGatewayRouteTablePropagations, { client: ec2, pageSize: EC2_PAGE }, { TransitGatewayRouteTableId: t.id })) {
        for (const x of p.TransitGatewayRouteTablePropagations ?? []) if (x.TransitGatewayAttachmentId && x.State !== 'disabled') out.push(x.TransitGatewayAttachmentId);
      }
      return out.sort();
    });
    return propagations ? { ...t, propagations } : undefined;
  }));
  if (routeTables.some((t) => !t)) return notRead(failed);
  const vpcs = await readSpokeVpcs(ctx, plan.region, attachments);
  return { accountId: plan.accountId, region: plan.region, transitGateways: gateways, routeTables: routeTables as LiveTgwRouteTable[], attachments, shares, vpcs };
}

/**
 * The VPCs behind the hub's VPC attachments, read where they live: per owner account (through
 * the audit role) one DescribeVpcs and one DescribeSubnets, each filtered to that account's
 * attached VPC ids, however many VPCs it has. An account that cannot be read is recorded, and
 * the list is not read (a VPC left out would look deleted).
 */
export async function readSpokeVpcs(ctx: AreaContext, region: string, attachments: readonly LiveTgwAttachment[]): Promise<Readable<LiveVpc[]>> {
  const failed: string[] = [];
  const byOwner = new Map<string, Set<string>>();
  for (const a of attachments) {
    if (a.resourceType !== 'vpc' || !a.resourceId || !a.resourceOwnerId) continue;
    byOwner.set(a.resourceOwnerId, (byOwner.get(a.resourceOwnerId) ?? new Set()).add(a.resourceId));
  }
  const perOwner = await Promise.all([...byOwner].map(async ([owner, ids]) => {
    const ec2 = ctx.pool.reader(EC2Client, owner, region);
    const Filters = [{ Name: 'vpc-id', Values: [...ids].sort() }];
    const read = <T>(api: string, run: () => Promise<T>): Promise<T | undefined> => ctx.limit(run).catch((e) => {
      ctx.record(errorOf('organization', api, e, owner));
      failed.push(api);
      return undefined;
    });
    const [vpcs, subnets] = await Promise.all([
      read('ec2:DescribeVpcs', async () => {
        const out: Omit<LiveVpc, 'subnets'>[] = [];
        for await (const p of pages(paginateDescribeVpcs, { client: ec2, pageSize: EC2_PAGE }, { Filters })) {
          for (const v of p.Vpcs ?? []) {
            if (v.VpcId) out.push({ id: v.VpcId, ownerId: v.OwnerId ?? owner, cidr: v.CidrBlock ?? '', state: v.State ?? '', tags: tags(v.Tags) });
          }
        }
        return out;
      }),
      read('ec2:DescribeSubnets', async () => {
        const out: (LiveSubnet & { vpcId: string })[] = [];
        for await (const p of pages(paginateDescribeSubnets, { client: ec2, pageSize: EC2_PAGE }, { Filters })) {
          for (const s of p.Subnets ?? []) {
            if (s.SubnetId && s.VpcId) out.push({ id: s.SubnetId, vpcId: s.VpcId, availabilityZone: s.AvailabilityZone ?? '', cidr: s.CidrBlock ?? '', tags: tags(s.Tags) });
          }
        }
        return out;
      }),
    ]);
    if (!vpcs || !subnets) return [];
    return vpcs.map((v): LiveVpc => ({
      ...v,
      subnets: subnets.filter((s) => s.vpcId === v.id).map(({ vpcId: _vpc, ...s }) => s).sort((a, b) => a.id.localeCompare(b.id)),
    }));
  }));
  return failed.length ? notRead(failed) : perOwner.flat().sort((a, b) => a.id.localeCompare(b.id));
}

async function readShares(client: RAMClient): Promise<LiveResourceShare[]> {
  const shares: { arn: string; name: string; status: string; allowExternalPrincipals: boolean; resources: string[]; principals: string[] }[] = [];
  for await (const p of pages(paginateGetResourceShares, { client, pageSize: RAM_PAGE }, { resourceOwner: 'SELF' })) {
    for (const s of p.resourceShares ?? []) {
      if (s.resourceShareArn && s.status !== 'DELETED') shares.push({ arn: s.resourceShareArn, name: s.name ?? '', status: s.status ?? '', allowExternalPrincipals: s.allowExternalPrincipals ?? true, resources: [], principals: [] });
    }
  }
  if (!shares.length) return [];
  const byArn = new Map(shares.map((s) => [s.arn, s]));
  for (const type of ['RESOURCE', 'PRINCIPAL'] as const) {
    for await (const p of pages(paginateGetResourceShareAssociations, { client, pageSize: RAM_PAGE }, { associationType: type, resourceShareArns: [...byArn.keys()] })) {
      for (const a of p.resourceShareAssociations ?? []) {
        const s = a.resourceShareArn ? byArn.get(a.resourceShareArn) : undefined;
        if (!s || !a.associatedEntity || a.status !== 'ASSOCIATED') continue;
        (type === 'RESOURCE' ? s.resources : s.principals).push(a.associatedEntity);
      }
    }
  }
  return shares.map((s) => ({ ...s, resources: s.resources.sort(), principals: s.principals.sort() }));
}
