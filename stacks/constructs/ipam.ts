import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcIpam } from '@cdktf/provider-aws/lib/vpc-ipam';
import { VpcIpamPool } from '@cdktf/provider-aws/lib/vpc-ipam-pool';
import { VpcIpamPoolCidr } from '@cdktf/provider-aws/lib/vpc-ipam-pool-cidr';
import { Construct } from 'constructs';
import { OrganizationShare } from './organization-share';

export interface RegionalPoolProps {
  readonly segment: string;
  readonly cidr: string;
  /** OU ARNs and account ids that allocate from the pool; no share when empty. */
  readonly principals: readonly string[];
}

export interface AddressPlanProps {
  readonly provider: AwsProvider;
  /** The region IPAM operates in and the regional pools are local to. */
  readonly region: string;
  readonly topPool: string;
  readonly pools: readonly RegionalPoolProps[];
}

/** IPAM with a top pool and one regional pool per segment, each shared through RAM to the OUs that allocate from it. */
export class AddressPlan extends Construct {
  readonly ipam: VpcIpam;
  private readonly pools = new Map<string, VpcIpamPool>();

  constructor(scope: Construct, id: string, props: AddressPlanProps) {
    super(scope, id);
    const { provider } = props;
    this.ipam = new VpcIpam(this, 'Resource', { provider, description: 'lzkit', operatingRegions: [{ regionName: props.region }] });
    const top = new VpcIpamPool(this, 'top', { provider, addressFamily: 'ipv4', ipamScopeId: this.ipam.privateDefaultScopeId, description: 'lzkit top pool' });
    const topCidr = new VpcIpamPoolCidr(this, 'top-cidr', { provider, ipamPoolId: top.id, cidr: props.topPool });
    for (const p of props.pools) {
      const pool = new VpcIpamPool(this, `pool-${p.segment}`, {
        provider, addressFamily: 'ipv4', ipamScopeId: this.ipam.privateDefaultScopeId, locale: props.region,
        sourceIpamPoolId: top.id, description: `lzkit ${p.segment}`, tags: { Name: `lzkit-${p.segment}`, 'lzkit:segment': p.segment },
        // A child pool can only be carved once the parent holds its CIDR.
        dependsOn: [topCidr],
      });
      new VpcIpamPoolCidr(this, `pool-${p.segment}-cidr`, { provider, ipamPoolId: pool.id, cidr: p.cidr });
      if (p.principals.length > 0) {
        new OrganizationShare(this, `share-${p.segment}`, { provider, name: `lzkit-ipam-${p.segment}`, resourceArns: [pool.arn], principals: p.principals });
      }
      this.pools.set(p.segment, pool);
    }
  }

  /** The id of a segment's regional pool, or undefined when the segment has none. */
  poolId(segment: string): string | undefined {
    return this.pools.get(segment)?.id;
  }
}
