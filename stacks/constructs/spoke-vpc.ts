import {
  Ec2TransitGatewayVpcAttachment, Ec2TransitGatewayVpcAttachmentAccepter, FlowLog, Route, RouteTable, RouteTableAssociation, Subnet, Vpc,
} from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredFlowLog, DesiredSpoke } from '../../desired';
import type { SubnetPlan } from '../../model/network';
import { Fn } from '../cdktf';
import { SegmentMembership } from './transit-gateway-hub';

export interface SpokeVpcProps {
  /** Provider of the spoke account. */
  readonly provider: AwsProvider;
  /** Provider of the hub account; it accepts the attachment when the spoke is in another account. */
  readonly hubProvider: AwsProvider;
  /** The spoke as the desired state describes it, late-bound values resolved. */
  readonly spoke: DesiredSpoke;
  /** Cross-stack reference to the Transit Gateway. */
  readonly transitGatewayId: string;
  /** Regional IPAM pool to allocate from (only for a spoke that names `ipamPool`). */
  readonly ipamPoolId?: string;
  /** Segment route table the attachment associates with. */
  readonly associateWith: string;
  /** Segment route tables that learn this VPC's CIDR. */
  readonly propagateTo: Readonly<Record<string, string>>;
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
    const { provider, spoke: d } = props;
    const spoke = d.spoke;
    this.vpc = new Vpc(this, 'Resource', {
      provider,
      cidrBlock: spoke.cidr,
      ipv4IpamPoolId: props.ipamPoolId,
      ipv4NetmaskLength: spoke.cidr ? undefined : spoke.prefixLength,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { ...d.tags },
    });
    const subnets = d.subnets.map((s) => new Subnet(this, `subnet-${s.tier}-${s.az}`, {
      provider, vpcId: this.vpc.id, availabilityZone: s.az, cidrBlock: subnetCidr(s, this.vpc.cidrBlock), tags: { ...s.tags },
    }));
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider,
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.id,
      subnetIds: d.subnets.map((s, i) => (s.tier === spoke.attachmentTier ? subnets[i].id : undefined)).filter((x): x is string => x !== undefined),
      dnsSupport: 'enable',
      tags: { ...d.attachmentTags },
    });
    // A shared TGW with auto-accept off: the hub account accepts, and only an accepted attachment
    // carries routes, associations and propagations.
    const accepter = d.acceptedByHub
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accepter', {
        provider: props.hubProvider, transitGatewayAttachmentId: this.attachment.id,
        transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: spoke.account },
      })
      : undefined;
    const ready = accepter ?? this.attachment;
    d.routeTables.forEach((t) => {
      const table = new RouteTable(this, `routes-${t.tier}`, { provider, vpcId: this.vpc.id, tags: { ...t.tags } });
      d.subnets.forEach((s, i) => {
        if (s.tier === t.tier) new RouteTableAssociation(this, `routes-${t.tier}-${s.az}`, { provider, routeTableId: table.id, subnetId: subnets[i].id });
      });
      for (const cidr of t.toTransitGateway) {
        new Route(this, `routes-${t.tier}-to-tgw-${cidr.replace(/[./]/g, '-')}`, {
          provider, routeTableId: table.id, destinationCidrBlock: cidr, transitGatewayId: props.transitGatewayId,
          // A route to the TGW is refused until the attachment is available, i.e. accepted.
          dependsOn: [ready],
        });
      }
    });
    new SegmentMembership(this, 'segment', {
      provider: props.hubProvider, attachmentId: accepter ? accepter.id : this.attachment.id, associateWith: props.associateWith, propagateTo: props.propagateTo,
    });
    flowLog(this, provider, this.vpc.id, d.flowLog);
  }
}

/** The VPC's flow log to the log archive. */
export function flowLog(scope: Construct, provider: AwsProvider, vpcId: string, f: DesiredFlowLog): FlowLog {
  return new FlowLog(scope, 'flow-log', {
    provider, vpcId, logDestinationType: 's3', logDestination: f.destination,
    trafficType: f.trafficType, maxAggregationInterval: f.maxAggregationInterval, tags: { ...f.tags },
  });
}

/** The literal CIDR when known at synth time, else Terraform's cidrsubnet on the IPAM-allocated VPC CIDR. */
export function subnetCidr(s: SubnetPlan, vpcCidr: string): string {
  return s.cidr ?? Fn.cidrsubnet(vpcCidr, s.newbits, s.netnum);
}
