import { VpcIpam, VpcIpamPool, VpcIpamPoolCidr, VpcIpamPoolCidrAllocation } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredNetwork } from '../../desired';
import { OrganizationShare } from './organization-share';

export interface AddressPlanProps {
  readonly provider: AwsProvider;
  /** IPAM as the desired state describes it, late-bound values resolved. */
  readonly ipam: NonNullable<DesiredNetwork['ipam']>;
}

/**
 * IPAM with a top pool and one regional pool per segment, each shared through RAM to the OUs that
 * allocate from it, and every literal VPC CIDR inside a pool reserved there, so that IPAM never
 * hands out a range a spoke already uses.
 */
export class AddressPlan extends Construct {
  readonly ipam: VpcIpam;
  private readonly pools = new Map<string, VpcIpamPool>();

  constructor(scope: Construct, id: string, props: AddressPlanProps) {
    super(scope, id);
    const { provider, ipam: d } = props;
    this.ipam = new VpcIpam(this, 'Resource', { provider, description: 'lzkit', operatingRegions: [{ regionName: d.region }] });
    const top = new VpcIpamPool(this, 'top', { provider, addressFamily: 'ipv4', ipamScopeId: this.ipam.privateDefaultScopeId, description: 'lzkit top pool' });
    const topCidr = new VpcIpamPoolCidr(this, 'top-cidr', { provider, ipamPoolId: top.id, cidr: d.topPool });
    const cidrs = new Map<string, VpcIpamPoolCidr>();
    for (const p of d.pools) {
      const pool = new VpcIpamPool(this, `pool-${p.segment}`, {
        provider, addressFamily: 'ipv4', ipamScopeId: this.ipam.privateDefaultScopeId, locale: d.region,
        sourceIpamPoolId: top.id, description: `lzkit ${p.segment}`, tags: { ...p.tags },
        // A child pool can only be carved once the parent holds its CIDR.
        dependsOn: [topCidr],
      });
      cidrs.set(p.segment, new VpcIpamPoolCidr(this, `pool-${p.segment}-cidr`, { provider, ipamPoolId: pool.id, cidr: p.cidr }));
      if (p.share) new OrganizationShare(this, `share-${p.segment}`, { provider, share: p.share, resourceArns: [pool.arn] });
      this.pools.set(p.segment, pool);
    }
    for (const r of d.reservations) {
      new VpcIpamPoolCidrAllocation(this, `reserved-${r.pool ? `pool-${r.pool}` : 'top'}-${r.cidr.replace(/[./]/g, '-')}`, {
        provider, ipamPoolId: r.pool ? this.pools.get(r.pool)!.id : top.id, cidr: r.cidr, description: `reserved for ${r.usedBy}`,
        // A pool allocates only from a CIDR it has been given.
        dependsOn: [r.pool ? cidrs.get(r.pool)! : topCidr],
      });
    }
  }

  /** The id of a segment's regional pool, or undefined when the segment has none. */
  poolId(segment: string): string | undefined {
    return this.pools.get(segment)?.id;
  }
}
