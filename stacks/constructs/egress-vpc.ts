import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { EgressVpc as EgressDeclaration } from '../../model/network';
import type { FlowLogDestination } from './spoke-vpc';

export interface CentralEgressProps {
  /** Provider of the hub account (the egress VPC lives next to the TGW). */
  readonly provider: AwsProvider;
  readonly egress: EgressDeclaration;
  readonly transitGatewayId: string;
  /** Destinations sent back to the TGW from the public subnets (the spokes' ranges). */
  readonly returnRoutes: readonly string[];
  readonly flowLogs: FlowLogDestination;
}

/**
 * The central egress VPC: per AZ a public subnet with a NAT gateway and a transit subnet holding
 * the TGW attachment ENI, whose default route goes to that AZ's NAT gateway (no cross-AZ hop).
 */
export class CentralEgress extends Construct {
  readonly vpc: Vpc;
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: CentralEgressProps) {
    super(scope, id);
    const { provider, egress } = props;
    this.vpc = new Vpc(this, 'Resource', { provider, cidrBlock: egress.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: 'lzkit-egress' } });
    const igw = new InternetGateway(this, 'igw', { provider, vpcId: this.vpc.id, tags: { Name: 'lzkit-egress' } });
    const subnet = (tier: string, az: string): Subnet => {
      const plan = egress.subnets.find((s) => s.tier === tier && s.az === az)!;
      return new Subnet(this, `subnet-${tier}-${az}`, { provider, vpcId: this.vpc.id, availabilityZone: az, cidrBlock: plan.cidr!, tags: { Name: `lzkit-egress-${tier}-${az}` } });
    };
    const publicTable = new RouteTable(this, 'routes-public', { provider, vpcId: this.vpc.id, tags: { Name: 'lzkit-egress-public' } });
    new Route(this, 'routes-public-internet', { provider, routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const transitSubnets: Subnet[] = [];
    const nats = new Map<string, NatGateway>();
    for (const az of egress.azs) {
      const pub = subnet('public', az);
      new RouteTableAssociation(this, `routes-public-${az}`, { provider, routeTableId: publicTable.id, subnetId: pub.id });
      const eip = new Eip(this, `nat-ip-${az}`, { provider, domain: 'vpc', tags: { Name: `lzkit-egress-${az}` } });
      nats.set(az, new NatGateway(this, `nat-${az}`, { provider, subnetId: pub.id, allocationId: eip.allocationId, tags: { Name: `lzkit-egress-${az}` }, dependsOn: [igw] }));
      transitSubnets.push(subnet('transit', az));
    }
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider, transitGatewayId: props.transitGatewayId, vpcId: this.vpc.id, subnetIds: transitSubnets.map((s) => s.id),
      transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: 'lzkit-egress', 'lzkit:segment': egress.segment },
    });
    for (const cidr of props.returnRoutes) {
      new Route(this, `routes-public-to-tgw-${cidr.replace(/[./]/g, '-')}`, {
        provider, routeTableId: publicTable.id, destinationCidrBlock: cidr, transitGatewayId: props.transitGatewayId, dependsOn: [this.attachment],
      });
    }
    egress.azs.forEach((az, i) => {
      const table = new RouteTable(this, `routes-transit-${az}`, { provider, vpcId: this.vpc.id, tags: { Name: `lzkit-egress-transit-${az}` } });
      new RouteTableAssociation(this, `routes-transit-${az}-assoc`, { provider, routeTableId: table.id, subnetId: transitSubnets[i].id });
      new Route(this, `routes-transit-${az}-nat`, { provider, routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nats.get(az)!.id });
    });
    new FlowLog(this, 'flow-log', {
      provider, vpcId: this.vpc.id, logDestinationType: 's3', logDestination: props.flowLogs.s3Arn,
      trafficType: props.flowLogs.trafficType, maxAggregationInterval: props.flowLogs.maxAggregationInterval, tags: { Name: 'lzkit-egress' },
    });
  }
}
