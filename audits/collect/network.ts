import {
  paginateDescribeTransitGatewayAttachments, paginateDescribeTransitGatewayRouteTables, paginateDescribeTransitGateways,
  paginateGetTransitGatewayRouteTablePropagations, type Tag,
} from '@aws-sdk/client-ec2';
import { paginateGetResourceShareAssociations, paginateGetResourceShares, type RAMClient } from '@aws-sdk/client-ram';
import type { LiveNetwork, LiveResourceShare, LiveTgwAttachment, LiveTgwRouteTable, LiveTransitGateway } from '../snapshot';
import type { AreaContext } from './areas';
import { errorOf } from './organization';

/** Where the hub lives (lz.network.transitGateway). */
export interface NetworkPlan {
  readonly accountId: string;
  readonly region: string;
}

const EC2_PAGE = 100;
const RAM_PAGE = 100;
const tags = (t: Tag[] | undefined): Record<string, string> => Object.fromEntries((t ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? '']));

/**
 * The hub account, once: its Transit Gateways, route tables, attachments (each with its
 * association), the propagations of each route table, and its RAM shares with their resources
 * and principals (two association chains for all shares together, not one per share).
 */
export async function collectNetwork(ctx: AreaContext, plan: NetworkPlan): Promise<LiveNetwork | undefined> {
  const ec2 = ctx.pool.reader('ec2', plan.accountId, plan.region);
  const ram = ctx.pool.reader('ram', plan.accountId, plan.region);
  const chain = async <T>(api: string, run: () => Promise<T>): Promise<T | undefined> => ctx.limit(run).catch((e) => {
    ctx.record(errorOf('organization', api, e, plan.accountId));
    return undefined;
  });
  const [gateways, tables, attachments, shares] = await Promise.all([
    chain('ec2:DescribeTransitGateways', async () => {
      const out: LiveTransitGateway[] = [];
      for await (const p of paginateDescribeTransitGateways({ client: ec2, pageSize: EC2_PAGE }, {})) {
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
      for await (const p of paginateDescribeTransitGatewayRouteTables({ client: ec2, pageSize: EC2_PAGE }, {})) {
        for (const t of p.TransitGatewayRouteTables ?? []) {
          if (t.TransitGatewayRouteTableId && t.State !== 'deleted') out.push({ id: t.TransitGatewayRouteTableId, transitGatewayId: t.TransitGatewayId ?? '', state: t.State ?? '', tags: tags(t.Tags) });
        }
      }
      return out;
    }),
    chain('ec2:DescribeTransitGatewayAttachments', async () => {
      const out: LiveTgwAttachment[] = [];
      for await (const p of paginateDescribeTransitGatewayAttachments({ client: ec2, pageSize: EC2_PAGE }, {})) {
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
  if (!gateways || !tables || !attachments || !shares) return undefined;
  const routeTables = await Promise.all(tables.map(async (t): Promise<LiveTgwRouteTable | undefined> => {
    const propagations = await chain('ec2:GetTransitGatewayRouteTablePropagations', async () => {
      const out: string[] = [];
      for await (const p of paginateGetTransitGatewayRouteTablePropagations({ client: ec2, pageSize: EC2_PAGE }, { TransitGatewayRouteTableId: t.id })) {
        for (const x of p.TransitGatewayRouteTablePropagations ?? []) if (x.TransitGatewayAttachmentId && x.State !== 'disabled') out.push(x.TransitGatewayAttachmentId);
      }
      return out.sort();
    });
    return propagations ? { ...t, propagations } : undefined;
  }));
  if (routeTables.some((t) => !t)) return undefined;
  return { accountId: plan.accountId, region: plan.region, transitGateways: gateways, routeTables: routeTables as LiveTgwRouteTable[], attachments, shares };
}

async function readShares(client: RAMClient): Promise<LiveResourceShare[]> {
  const shares: { arn: string; name: string; status: string; allowExternalPrincipals: boolean; resources: string[]; principals: string[] }[] = [];
  for await (const p of paginateGetResourceShares({ client, pageSize: RAM_PAGE }, { resourceOwner: 'SELF' })) {
    for (const s of p.resourceShares ?? []) {
      if (s.resourceShareArn && s.status !== 'DELETED') shares.push({ arn: s.resourceShareArn, name: s.name ?? '', status: s.status ?? '', allowExternalPrincipals: s.allowExternalPrincipals ?? true, resources: [], principals: [] });
    }
  }
  if (!shares.length) return [];
  const byArn = new Map(shares.map((s) => [s.arn, s]));
  for (const type of ['RESOURCE', 'PRINCIPAL'] as const) {
    for await (const p of paginateGetResourceShareAssociations({ client, pageSize: RAM_PAGE }, { associationType: type, resourceShareArns: [...byArn.keys()] })) {
      for (const a of p.resourceShareAssociations ?? []) {
        const s = a.resourceShareArn ? byArn.get(a.resourceShareArn) : undefined;
        if (!s || !a.associatedEntity || a.status !== 'ASSOCIATED') continue;
        (type === 'RESOURCE' ? s.resources : s.principals).push(a.associatedEntity);
      }
    }
  }
  return shares.map((s) => ({ ...s, resources: s.resources.sort(), principals: s.principals.sort() }));
}
