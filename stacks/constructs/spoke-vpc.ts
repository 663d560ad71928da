import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { Spoke, SubnetPlan } from '../../model/network';
import { Fn } from '../cdktf';
import { SegmentMembership } from './transit-gateway-hub';

/** Where and how a VPC's flow logs go (the log archive bucket). */
export interface FlowLogDestination {
  /** `arn:aws:s3:::bucket[/prefix]`. */
  readonly s3Arn: string;
  readonly trafficType: string;
  readonly maxAggregationInterval: number;
}

export interface SpokeVpcProps {
  /** Provider of the spoke account. */
  readonly provider: AwsProvider;
  /** Provider of the hub account; undefined when the spoke lives in the hub account. */
  readonly hubProvider?: AwsProvider;
  readonly spoke: Spoke;
  /** Cross-stack reference to the Transit Gateway. */
  readonly transitGatewayId: string;
  /** Regional IPAM pool to allocate from (only for a spoke that names `ipamPool`). */
  readonly ipamPoolId?: string;
  /** Destinations the VPC hands to the TGW (0.0.0.0/0 with central egress, else the private ranges). */
  readonly routesToTransitGateway: readonly string[];
  /** Segment route table the attachment associates with. */
  readonly associateWith: string;
  /** Segment route tables that learn this VPC's CIDR. */
  readonly propagateTo: Readonly<Record<string, string>>;
  readonly flowLogs: FlowLogDestination;
}

/**
 * A spoke: VPC, one subnet per tier and AZ, one route table per tier handing traffic to the TGW,
 * the TGW attachment (accepted and joined to its segment from the hub account), and flow logs.
 */
export class SpokeVpc extends Construct {
  readonly vpc: Vpc;
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: SpokeVpcProps) {
    super(scope, id);
    const { provider, spoke } = props;
    this.vpc = new Vpc(this, 'Resource', {
      provider,
      cidrBlock: spoke.cidr,
      ipv4IpamPoolId: props.ipamPoolId,
      ipv4NetmaskLength: spoke.cidr ? undefined : spoke.prefixLength,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: spoke.account, 'lzkit:segment': spoke.segment },
    });
    const subnets = spoke.subnets.map((s) => new Subnet(this, `subnet-${s.tier}-${s.az}`, {
      provider, vpcId: this.vpc.id, availabilityZone: s.az, cidrBlock: subnetCidr(s, this.vpc.cidrBlock),
      tags: { Name: `${spoke.account}-${s.tier}-${s.az}`, 'lzkit:tier': s.tier },
    }));
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider,
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.id,
      subnetIds: spoke.subnets.map((s, i) => (s.tier === spoke.attachmentTier ? subnets[i].id : undefined)).filter((x): x is string => x !== undefined),
      dnsSupport: 'enable',
      tags: { Name: spoke.account, 'lzkit:segment': spoke.segment },
    });
    for (const tier of spoke.tiers) {
      const table = new RouteTable(this, `routes-${tier.name}`, { provider, vpcId: this.vpc.id, tags: { Name: `${spoke.account}-${tier.name}` } });
      spoke.subnets.forEach((s, i) => {
        if (s.tier === tier.name) new RouteTableAssociation(this, `routes-${tier.name}-${s.az}`, { provider, routeTableId: table.id, subnetId: subnets[i].id });
      });
      for (const cidr of props.routesToTransitGateway) {
        new Route(this, `routes-${tier.name}-to-tgw-${cidr.replace(/[./]/g, '-')}`, {
          provider, routeTableId: table.id, destinationCidrBlock: cidr, transitGatewayId: props.transitGatewayId,
          // A route to the TGW is refused until this VPC is attached to it.
          dependsOn: [this.attachment],
        });
      }
    }
    // A shared TGW with auto-accept off: the hub account accepts, then joins the attachment to its segment.
    const hub = props.hubProvider ?? provider;
    const attachmentId = props.hubProvider
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accepter', {
        provider: props.hubProvider, transitGatewayAttachmentId: this.attachment.id,
        transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: spoke.account },
      }).id
      : this.attachment.id;
    new SegmentMembership(this, 'segment', { provider: hub, attachmentId, associateWith: props.associateWith, propagateTo: props.propagateTo });
    new FlowLog(this, 'flow-log', {
      provider, vpcId: this.vpc.id, logDestinationType: 's3', logDestination: props.flowLogs.s3Arn,
      trafficType: props.flowLogs.trafficType, maxAggregationInterval: props.flowLogs.maxAggregationInterval,
      tags: { Name: spoke.account },
    });
  }
}

/** The literal CIDR when known at synth time, else Terraform's cidrsubnet on the IPAM-allocated VPC CIDR. */
export function subnetCidr(s: SubnetPlan, vpcCidr: string): string {
  return s.cidr ?? Fn.cidrsubnet(vpcCidr, s.newbits, s.netnum);
}
