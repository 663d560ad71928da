import { parseCidr, type SubnetTier } from '../../../model/network';
import { layoutSubnets } from '../../../model/network/cidr';
import { ROOT } from '../../../model/organization';
import { kebab, unique } from '../../import/names';
import type { ImportedDeclaration } from '../../import/types';
import { isNotRead, type Readable } from '../../readable';
import type { CoreSnapshot } from '../../snapshot-core';
import type { LiveNetwork, LiveSubnet, LiveTgwAttachment, LiveVpc } from './snapshot';

/** The Name tag the network stack gives the central egress VPC and its attachment (stacks/constructs/egress-vpc.ts). */
const EGRESS_NAME = 'lzkit-egress';

/** RAM principals (account ids, OU and organization ARNs) as the targeting shape. */
function targetsOf(principals: readonly string[], d: ImportedDeclaration, s: CoreSnapshot, what: string): { ous?: string[]; accounts?: string[] } {
  const ous: string[] = [];
  const accounts: string[] = [];
  for (const p of principals) {
    const ouId = /:ou\/o-[a-z0-9]+\/(ou-[a-z0-9-]+)$/.exec(p)?.[1];
    if (ouId && d.names.ous.has(ouId)) ous.push(d.names.ous.get(ouId)!);
    else if (/:organization\/o-/.test(p) || p === s.organization.arn || p.endsWith(`/${s.root.id}`)) ous.push(ROOT);
    else if (d.names.accounts.has(p)) accounts.push(d.names.accounts.get(p)!);
    else d.notes.push(`${what} is shared with ${p}, which is not in this organization; not imported`);
  }
  return { ...(ous.length ? { ous: [...new Set(ous)].sort() } : {}), ...(accounts.length ? { accounts: [...new Set(accounts)].sort() } : {}) };
}

const addressOf = (cidr: string): bigint => parseCidr(cidr)?.first ?? 0n;
const byAddress = (a: LiveSubnet, b: LiveSubnet): number => (addressOf(a.cidr) < addressOf(b.cidr) ? -1 : addressOf(a.cidr) > addressOf(b.cidr) ? 1 : 0);

/** A subnet's tier: its `lzkit:tier` tag, else the middle of `<vpc name>-<tier>-<az>`, else its size. */
function tierOf(s: LiveSubnet, vpcName: string | undefined): string {
  const tagged = s.tags['lzkit:tier'];
  const name = s.tags.Name ?? '';
  const fromName = vpcName && name.startsWith(`${vpcName}-`) && name.endsWith(`-${s.availabilityZone}`)
    ? name.slice(vpcName.length + 1, name.length - s.availabilityZone.length - 1) : undefined;
  const base = kebab(tagged ?? fromName ?? '', 31).replace(/^[^a-z]+/, '');
  return base || `tier-${s.cidr.split('/')[1]}`;
}

/**
 * AZs and tiers of a VPC as lzkit declares them: AZs in the order of their first subnet, tiers
 * in the order of their lowest subnet (model/network's layout places the largest first, ties
 * in declaration order, so this order lays the subnets out again where they are), each tier's
 * size its subnets' prefix length. `exact` tells whether that layout gives back every live subnet.
 */
export function vpcLayout(vpc: LiveVpc): { azs: string[]; tiers: SubnetTier[]; exact: boolean } {
  const subnets = [...vpc.subnets].sort(byAddress);
  const azs = [...new Set(subnets.map((s) => s.availabilityZone))];
  const tiers = new Map<string, number>();
  let uniform = true;
  for (const s of subnets) {
    const tier = tierOf(s, vpc.tags.Name);
    const size = Number(s.cidr.split('/')[1]);
    if (tiers.has(tier) && tiers.get(tier) !== size) uniform = false;
    if (!tiers.has(tier)) tiers.set(tier, size);
  }
  const declared = [...tiers].map(([name, size]) => ({ name, size }));
  const cidr = parseCidr(vpc.cidr);
  const laid = cidr ? layoutSubnets(cidr.prefix, declared, azs, cidr) : undefined;
  const live = new Set(subnets.map((s) => `${tierOf(s, vpc.tags.Name)} ${s.availabilityZone} ${s.cidr}`));
  const exact = uniform && !!laid && laid.length === live.size && laid.every((p) => live.has(`${p.tier} ${p.az} ${p.cidr}`));
  return { azs, tiers: declared, exact };
}

/**
 * network.yaml from the hub account's Transit Gateway: the gateway, one segment per route
 * table (named by its `lzkit:segment` tag, else its Name), `reaches` from the propagations
 * between segments, the RAM share as `shareWith`, one spoke per attached VPC (account, segment
 * of its association, CIDR, AZs and tiers from its subnets) and the egress VPC with `usedBy`
 * from the one-way propagations into its segment. IPAM, flow logs and the TGW CIDR blocks are
 * not in the snapshot: not imported (listed in notes).
 */
export function importNetwork(s: CoreSnapshot, part: Readable<LiveNetwork> | undefined, d: ImportedDeclaration): void {
  const file = networkFromSnapshot(s, part, d);
  if (!file) return;
  d.accountsFiles.set('network.yaml', file);
  d.headers.set('network.yaml', 'The Transit Gateway, its segments (route tables), spokes and egress VPC, imported by `lzkit import`.');
}

export function networkFromSnapshot(s: CoreSnapshot, part: Readable<LiveNetwork> | undefined, d: ImportedDeclaration): unknown {
  if (part && isNotRead(part)) {
    d.notes.push(`network: the snapshot could not read the Transit Gateway hub (${part.notRead.join(', ')}); network.yaml not imported`);
    return undefined;
  }
  const net: LiveNetwork | undefined = part;
  const vpcs = net && !isNotRead(net.vpcs) ? net.vpcs : undefined;
  const tgw = net?.transitGateways.find((t) => t.state !== 'deleted');
  if (!net || !tgw) return undefined;
  for (const other of net.transitGateways.filter((t) => t !== tgw && t.state !== 'deleted')) d.notes.push(`transit gateway ${other.id}: lzkit declares one hub; only ${tgw.id} is imported`);
  const tables = net.routeTables.filter((t) => t.transitGatewayId === tgw.id).sort((a, b) => a.id.localeCompare(b.id));
  const taken = new Set<string>();
  const segmentOf = new Map<string, string>();
  for (const t of tables) {
    const tagged = t.tags['lzkit:segment'] ?? t.tags.Name?.replace(/^segment-/, '') ?? '';
    const base = kebab(tagged, 31).replace(/^[^a-z]+/, '') || 'segment';
    segmentOf.set(t.id, unique(base, taken, 31));
  }
  const attachments = net.attachments.filter((a) => a.transitGatewayId === tgw.id);
  const vpcOf = (a: LiveTgwAttachment): LiveVpc | undefined => vpcs?.find((v) => v.id === a.resourceId && v.ownerId === a.resourceOwnerId);
  const egressAttachment = attachments.find((a) => a.resourceType === 'vpc' && a.resourceOwnerId === net.accountId
    && (a.tags.Name === EGRESS_NAME || vpcOf(a)?.tags.Name === EGRESS_NAME));
  const egress = egressAttachment ? egressFrom(egressAttachment, vpcOf(egressAttachment), segmentOf, d) : undefined;

  // Directed propagations between segments: A's attachments are routed in B's table.
  const associated = new Map(attachments.map((a) => [a.id, a.associatedRouteTableId]));
  const directed = new Set<string>();
  const isolated = new Set<string>();
  for (const t of tables) {
    const own = attachments.filter((a) => a.associatedRouteTableId === t.id);
    if (own.length && !own.some((a) => t.propagations.includes(a.id))) isolated.add(t.id);
    for (const att of t.propagations) {
      const from = associated.get(att);
      if (from && from !== t.id && segmentOf.has(from)) directed.add(`${from} ${t.id}`);
    }
  }
  // Reachability is symmetric (routes both ways); a one-way route into the egress segment is its
  // `usedBy` (the egress table learns the spokes that send it traffic, not the other way round).
  const reaches = new Map<string, Set<string>>();
  const usedBy = new Set<string>();
  const egressTable = egress ? egressAttachment!.associatedRouteTableId : undefined;
  for (const edge of directed) {
    const [from, to] = edge.split(' ');
    if (to === egressTable && !directed.has(`${to} ${from}`)) {
      usedBy.add(segmentOf.get(from)!);
      continue;
    }
    const [a, b] = [segmentOf.get(from)!, segmentOf.get(to)!].sort();
    reaches.set(a, (reaches.get(a) ?? new Set()).add(b));
  }

  const share = net.shares.find((sh) => sh.resources.includes(tgw.arn) && sh.status !== 'DELETED');
  const shareWith = share ? targetsOf(share.principals, d, s, `transit gateway ${tgw.id}`) : undefined;
  const spokes = spokesFrom(attachments.filter((a) => a !== egressAttachment), vpcs !== undefined, vpcOf, segmentOf, d);
  d.notes.push(`network: IPAM pools, flow logs, the egress VPC's NAT gateways and routes, and the Transit Gateway's CIDR blocks are not imported (the audit snapshot does not hold them)${spokes.length ? '; spokes get their live CIDR as `cidr`, even where IPAM allocated it' : ''}; declare them in accounts/network.yaml`);
  if (!vpcs && attachments.length) d.notes.push(`network: the snapshot could not read the VPCs of the attachments: ${attachments.length} transit gateway attachment(s) are not imported as spokes; save the snapshot again`);
  return {
    transitGateway: {
      account: d.names.accounts.get(net.accountId) ?? net.accountId,
      region: net.region,
      amazonSideAsn: tgw.amazonSideAsn ?? 64512,
      ...(tgw.description ? { description: tgw.description } : {}),
      ...(shareWith && (shareWith.ous || shareWith.accounts) ? { shareWith } : {}),
    },
    segments: tables.map((t) => {
      const name = segmentOf.get(t.id)!;
      const r = [...(reaches.get(name) ?? [])].sort();
      return { name, ...(r.length ? { reaches: r } : {}), ...(isolated.has(t.id) ? { isolated: true } : {}) };
    }),
    ...(spokes.length ? { spokes } : {}),
    ...(egress ? { egress: { ...egress, usedBy: [...usedBy].sort() } } : {}),
  };
}

/** One spoke per attached VPC that can be declared: owner in the organization, associated with a segment, VPC read; one per account. */
function spokesFrom(
  attachments: readonly LiveTgwAttachment[], vpcsRead: boolean, vpcOf: (a: LiveTgwAttachment) => LiveVpc | undefined,
  segmentOf: ReadonlyMap<string, string>, d: ImportedDeclaration,
): unknown[] {
  const spokes: { account: string; segment: string; cidr: string; azs: string[]; tiers: SubnetTier[] }[] = [];
  for (const a of [...attachments].filter((x) => x.resourceType === 'vpc').sort((x, y) => x.id.localeCompare(y.id))) {
    const account = d.names.accounts.get(a.resourceOwnerId);
    const segment = a.associatedRouteTableId ? segmentOf.get(a.associatedRouteTableId) : undefined;
    const vpc = vpcOf(a);
    const skip = (why: string): void => { d.notes.push(`network: attachment ${a.id} (${a.resourceId ?? '?'} in ${a.resourceOwnerId}) ${why}; not imported as a spoke`); };
    if (!account) { skip('belongs to an account outside this organization'); continue; }
    if (!segment) { skip('is associated with no segment route table'); continue; }
    if (!vpc) { if (vpcsRead) skip('has a VPC the audit could not read'); continue; }
    if (spokes.some((x) => x.account === account)) { skip(`is a second VPC of ${account} (lzkit declares one spoke per account)`); continue; }
    const layout = vpcLayout(vpc);
    if (!layout.tiers.length) { skip(`has a VPC (${vpc.id}) without subnets`); continue; }
    if (!layout.exact) d.notes.push(`network: the subnets of spoke ${account} (${vpc.id}) do not follow lzkit's layout (one per tier and AZ, largest first): the spoke stack would lay them out anew`);
    spokes.push({ account, segment, cidr: vpc.cidr, azs: layout.azs, tiers: layout.tiers });
  }
  return spokes.sort((x, y) => x.account.localeCompare(y.account));
}

/** The central egress VPC (segment, CIDR, AZs); undefined with a note when its VPC was not read. */
function egressFrom(a: LiveTgwAttachment, vpc: LiveVpc | undefined, segmentOf: ReadonlyMap<string, string>, d: ImportedDeclaration): { segment: string; cidr: string; azs: string[] } | undefined {
  const segment = a.associatedRouteTableId ? segmentOf.get(a.associatedRouteTableId) : undefined;
  if (!vpc || !segment || !vpc.subnets.length) {
    d.notes.push(`network: the egress attachment ${a.id} ${!segment ? 'is associated with no segment' : 'has no readable VPC with subnets'}; egress not imported`);
    return undefined;
  }
  return { segment, cidr: vpc.cidr, azs: vpcLayout(vpc).azs };
}
