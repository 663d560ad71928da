import type { Diagnostics } from '../diagnostics';
import type { JsonPath, SourceFile } from '../source';
import { contains, overlaps, parseCidr, type Cidr } from './cidr';
import { checkAz } from './regions';
import type { NetworkDeclaration } from './types';

/** The private ASN ranges AWS accepts for a Transit Gateway's Amazon side. */
export const PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [[64512, 65534], [4200000000, 4294967294]];

export function checkAsn(asn: number, file: SourceFile, at: JsonPath, d: Diagnostics): void {
  if (!PRIVATE_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi)) {
    d.error(file.locate(at), 'ASN_NOT_PRIVATE',
      `amazonSideAsn ${asn} is not a private ASN; use one in ${PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(' or ')}`);
  }
}

/** A CIDR that takes address space, with what to call it in a message and where it stands. */
interface Claim {
  readonly cidr: Cidr;
  readonly what: string;
  readonly at: JsonPath;
}

/**
 * Every CIDR is valid; spokes, the egress VPC and the TGW CIDR blocks claim disjoint space;
 * regional pools lie in the top pool and do not overlap; a spoke lies in its IPAM pool (the one
 * it names, else its segment's).
 */
export function checkCidrs(net: NetworkDeclaration, file: SourceFile, d: Diagnostics): void {
  const parse = (text: string, at: JsonPath): Cidr | undefined => {
    const c = parseCidr(text);
    if (!c) d.error(file.locate(at), 'INVALID_CIDR', `'${text}' is not an IPv4 network CIDR (a.b.c.d/n with no host bits set, e.g. 10.1.0.0/16)`);
    return c;
  };
  const claims: Claim[] = [];
  net.transitGateway.cidrBlocks.forEach((text, i) => {
    const at = ['transitGateway', 'cidrBlocks', i];
    const c = parse(text, at);
    if (c) claims.push({ cidr: c, what: `Transit Gateway CIDR block ${text}`, at });
  });
  net.spokes.forEach((s, i) => {
    if (s.cidr === undefined) return;
    const at = ['spokes', i, 'cidr'];
    const c = parse(s.cidr, at);
    if (c) claims.push({ cidr: c, what: `spoke '${s.account}' ${s.cidr}`, at });
  });
  if (net.egress) {
    const c = parse(net.egress.cidr, ['egress', 'cidr']);
    if (c) claims.push({ cidr: c, what: `egress VPC ${net.egress.cidr}`, at: ['egress', 'cidr'] });
  }
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const [a, b] = [claims[i], claims[j]];
      if (!overlaps(a.cidr, b.cidr)) continue;
      const other = file.locate(a.at);
      d.error(file.locate(b.at), 'CIDR_OVERLAP',
        `${b.what} overlaps ${a.what} (line ${other.line}); give each VPC and TGW CIDR block its own range`);
    }
  }

  if (!net.ipam) return;
  const top = parse(net.ipam.topPool, ['ipam', 'topPool']);
  const pools = new Map<string, Cidr>();
  net.ipam.pools.forEach((p, i) => {
    const at = ['ipam', 'pools', i, 'cidr'];
    const c = parse(p.cidr, at);
    if (!c) return;
    if (top && !contains(top, c)) {
      d.error(file.locate(at), 'CIDR_OUTSIDE_POOL', `IPAM pool '${p.segment}' ${p.cidr} is not inside the top pool ${net.ipam!.topPool}; pick a range inside it`);
    }
    for (const [name, other] of pools) {
      if (overlaps(other, c)) d.error(file.locate(at), 'CIDR_OVERLAP', `IPAM pool '${p.segment}' ${p.cidr} overlaps IPAM pool '${name}' ${other.text}; regional pools must be disjoint`);
    }
    pools.set(p.segment, c);
  });
  net.spokes.forEach((s, i) => {
    const poolName = s.ipamPool ?? s.segment;
    const pool = pools.get(poolName);
    const c = s.cidr ? parseCidr(s.cidr) : undefined;
    if (!pool || !c) return;
    if (!contains(pool, c)) {
      d.error(file.locate(['spokes', i, 'cidr']), 'CIDR_OUTSIDE_POOL',
        `spoke '${s.account}' ${s.cidr} is not inside its IPAM pool '${poolName}' ${pool.text}; pick a range inside the pool or let IPAM allocate it (ipamPool + netmaskLength)`);
    }
  });
}

/** Every AZ of a spoke or of the egress VPC belongs to the network's region. */
export function checkAzs(net: NetworkDeclaration, file: SourceFile, d: Diagnostics): void {
  const region = net.transitGateway.region;
  const check = (azs: readonly string[], at: JsonPath, owner: string): void => {
    azs.forEach((az, j) => {
      const r = checkAz(region, az);
      if (r.ok === false) d.error(file.locate([...at, j]), 'AZ_NOT_IN_REGION', `${owner}: ${r.reason}`);
    });
    if (checkAz(region, `${region}a`).ok === 'unknown-region' && azs.length > 0) {
      d.warning(file.locate(at), 'AZ_UNCHECKED', `lzkit has no AZ table for ${region}; check the AZ names of ${owner} by hand (or add the region to model/network/regions.ts)`);
    }
  };
  net.spokes.forEach((s, i) => check(s.azs, ['spokes', i, 'azs'], `spoke '${s.account}'`));
  if (net.egress) check(net.egress.azs, ['egress', 'azs'], 'the egress VPC');
}
