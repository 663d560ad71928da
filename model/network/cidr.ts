import { Address4 } from 'ip-address';
import type { SubnetPlan, SubnetTier } from './types';

/** An IPv4 CIDR parsed once: its first and last address as numbers, for containment and overlap. */
export interface Cidr {
  readonly text: string;
  readonly prefix: number;
  readonly first: bigint;
  readonly last: bigint;
}

/** Parses `a.b.c.d/n`; undefined when it is not a valid IPv4 CIDR or has host bits set. */
export function parseCidr(text: string): Cidr | undefined {
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text) || !Address4.isValid(text)) return undefined;
  const a = new Address4(text);
  const first = a.startAddress().bigInt();
  // '10.0.0.1/16' names a host, not a network: a VPC or pool CIDR must be the network address.
  if (a.bigInt() !== first) return undefined;
  return { text, prefix: a.subnetMask, first, last: a.endAddress().bigInt() };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** The network address `n` as dotted quad. */
function toDotted(n: bigint): string {
  return Address4.fromBigInt(n).correctForm();
}

/**
 * Places one subnet per tier and AZ inside a VPC of prefix `vpcPrefix`: largest subnets first,
 * so every block stays aligned to its own size. Returns undefined when they do not fit.
 * `vpc` gives literal CIDRs when the VPC CIDR is known (else IPAM allocates it at deploy).
 */
export function layoutSubnets(vpcPrefix: number, tiers: readonly SubnetTier[], azs: readonly string[], vpc?: Cidr): SubnetPlan[] | undefined {
  const order = [...tiers].sort((a, b) => a.size - b.size);
  const plans: SubnetPlan[] = [];
  let offset = 0n;
  const capacity = 1n << BigInt(32 - vpcPrefix);
  for (const tier of order) {
    if (tier.size < vpcPrefix) return undefined;
    const block = 1n << BigInt(32 - tier.size);
    for (const az of azs) {
      if (offset + block > capacity) return undefined;
      const cidr = vpc ? `${toDotted(vpc.first + offset)}/${tier.size}` : undefined;
      plans.push({ tier: tier.name, az, newbits: tier.size - vpcPrefix, netnum: Number(offset / block), cidr });
      offset += block;
    }
  }
  // Present the plan in declaration order (tiers as declared, then AZs), placement kept.
  const rank = new Map(tiers.map((t, i) => [t.name, i]));
  return plans.sort((a, b) => (rank.get(a.tier)! - rank.get(b.tier)!) || azs.indexOf(a.az) - azs.indexOf(b.az));
}
