import { Address4 } from 'ip-address';
import type { Diagnostics } from '../diagnostics';
import type { SourceFile } from '../source';
import { contains, overlaps, parseCidr, type Cidr } from './cidr';
import { spokeAttachment, type AttachmentKey } from './graph';
import type { NetworkDeclaration } from './types';

/**
 * IPAM allocates a pool's next free block and knows nothing of VPCs created with a literal CIDR:
 * without a reservation it can hand a spoke a range another spoke already uses. Every literal
 * CIDR (spokes, the egress VPC, the TGW's own blocks) that lies in a pool is reserved there, in
 * the most specific pool holding it. https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html
 */
export interface IpamReservation {
  /** The regional pool's segment; absent for the top pool. */
  readonly pool?: string;
  readonly cidr: string;
  /** What the range is used by (`spoke prod-web`, `egress VPC`, `Transit Gateway CIDR block`). */
  readonly usedBy: string;
}

export function ipamReservations(net: NetworkDeclaration): IpamReservation[] {
  if (!net.ipam) return [];
  const top = parseCidr(net.ipam.topPool);
  const pools = net.ipam.pools.flatMap((p) => {
    const c = parseCidr(p.cidr);
    return c ? [{ segment: p.segment, cidr: c }] : [];
  });
  const literal: { cidr: string; usedBy: string }[] = [
    ...net.spokes.flatMap((s) => (s.cidr ? [{ cidr: s.cidr, usedBy: `spoke ${s.account}` }] : [])),
    ...(net.egress ? [{ cidr: net.egress.cidr, usedBy: 'egress VPC' }] : []),
    ...net.transitGateway.cidrBlocks.map((cidr) => ({ cidr, usedBy: 'Transit Gateway CIDR block' })),
  ];
  return literal.flatMap(({ cidr, usedBy }) => {
    const c = parseCidr(cidr);
    if (!c) return [];
    const regional = pools.find((p) => contains(p.cidr, c));
    if (regional) return [{ pool: regional.segment, cidr, usedBy }];
    // The top pool is carved into the regional pools: a range of the top pool outside them is
    // reserved so that a regional pool added later cannot take it.
    return top && contains(top, c) ? [{ cidr, usedBy }] : [];
  });
}

/**
 * The CIDR of every attached VPC: the literal one, else the first free block of the spoke's size
 * in its pool after the reservations and the earlier allocations (the order IPAM allocates in is
 * not guaranteed; this is the plan the sandbox serves and validation proves fits).
 */
export function plannedVpcCidrs(net: NetworkDeclaration): Map<AttachmentKey, Cidr | undefined> {
  const out = new Map<AttachmentKey, Cidr | undefined>();
  const taken: Cidr[] = [];
  for (const b of net.transitGateway.cidrBlocks) { const c = parseCidr(b); if (c) taken.push(c); }
  for (const s of net.spokes) {
    const c = s.cidr ? parseCidr(s.cidr) : undefined;
    if (c) { taken.push(c); out.set(spokeAttachment(s.account), c); }
  }
  if (net.egress) {
    const c = parseCidr(net.egress.cidr);
    if (c) taken.push(c);
    out.set('egress', c);
  }
  for (const s of net.spokes.filter((x) => !x.cidr)) {
    const pool = parseCidr(net.ipam?.pools.find((p) => p.segment === (s.ipamPool ?? s.segment))?.cidr ?? '');
    let found: Cidr | undefined;
    if (pool && s.prefixLength >= pool.prefix) {
      const block = 1n << BigInt(32 - s.prefixLength);
      for (let first = pool.first; first + block - 1n <= pool.last; first += block) {
        const c = parseCidr(`${Address4.fromBigInt(first).correctForm()}/${s.prefixLength}`)!;
        if (!taken.some((t) => overlaps(t, c))) { found = c; break; }
      }
    }
    if (found) taken.push(found);
    out.set(spokeAttachment(s.account), found);
  }
  return out;
}

/** A spoke IPAM must allocate for fits in its pool next to the reserved ranges and the other allocations. */
export function checkIpamRoom(net: NetworkDeclaration, file: SourceFile, d: Diagnostics): void {
  if (!net.ipam) return;
  const planned = plannedVpcCidrs(net);
  net.spokes.forEach((s, i) => {
    if (s.cidr || planned.get(spokeAttachment(s.account))) return;
    const poolName = s.ipamPool ?? s.segment;
    const pool = net.ipam!.pools.find((p) => p.segment === poolName);
    if (!pool) return; // an unknown pool is reported where it is named
    d.error(file.locate(['spokes', i]), 'IPAM_POOL_FULL',
      `spoke '${s.account}' needs a /${s.prefixLength} from IPAM pool '${poolName}' ${pool.cidr}, which has no free block of that size next to the literal CIDRs reserved in it and the other spokes it allocates for; widen the pool or shrink the spokes`);
  });
}
