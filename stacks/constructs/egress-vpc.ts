import { Ec2TransitGatewayVpcAttachment, Eip, InternetGateway, NatGateway, Route, RouteTable, RouteTableAssociation, Subnet, Vpc } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredEgress } from '../../desired';
import { flowLog } from './spoke-vpc';

export interface CentralEgressProps {
  /** Provider of the hub account (the egress VPC lives next to the TGW). */
  readonly provider: AwsProvider;
  /** The egress VPC as the desired state describes it, late-bound values resolved. */
  readonly egress: DesiredEgress;
  readonly transitGatewayId: string;
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
    const name = egress.tags.Name;
    this.vpc = new Vpc(this, 'Resource', { provider, cidrBlock: egress.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...egress.tags } });
    const igw = new InternetGateway(this, 'igw', { provider, vpcId: this.vpc.id, tags: { Name: name } });
    const subnet = (tier: string, az: string): Subnet => {
      const plan = egress.subnets.find((s) => s.tier === tier && s.az === az)!;
      return new Subnet(this, `subnet-${tier}-${az}`, { provider, vpcId: this.vpc.id, availabilityZone: az, cidrBlock: plan.cidr!, tags: { ...plan.tags } });
    };
    const publicTable = new RouteTable(this, 'routes-public', { provider, vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, 'routes-public-internet', { provider, routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const transitSubnets: Subnet[] = [];
    const nats = new Map<string, NatGateway>();
    for (const az of egress.azs) {
      const pub = subnet('public', az);
      new RouteTableAssociation(this, `routes-public-${az}`, { provider, routeTableId: publicTable.id, subnetId: pub.id });
      const eip = new Eip(this, `nat-ip-${az}`, { provider, domain: 'vpc', tags: { Name: `${name}-${az}` } });
      nats.set(az, new NatGateway(this, `nat-${az}`, { provider, subnetId: pub.id, allocationId: eip.allocationId, tags: { Name: `${name}-${az}` }, dependsOn: [igw] }));
      transitSubnets.push(subnet('transit', az));
    }
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider, transitGatewayId: props.transitGatewayId, vpcId: this.vpc.id, subnetIds: transitSubnets.map((s) => s.id),
      transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
      tags: { ...egress.attachmentTags },
    });
    for (const cidr of egress.returnRoutes) {
      new Route(this, `routes-public-to-tgw-${cidr.replace(/[./]/g, '-')}`, {
        provider, routeTableId: publicTable.id, destinationCidrBlock: cidr, transitGatewayId: props.transitGatewayId, dependsOn: [this.attachment],
      });
    }
    egress.azs.forEach((az, i) => {
      const table = new RouteTable(this, `routes-transit-${az}`, { provider, vpcId: this.vpc.id, tags: { Name: `${name}-transit-${az}` } });
      new RouteTableAssociation(this, `routes-transit-${az}-assoc`, { provider, routeTableId: table.id, subnetId: transitSubnets[i].id });
      new Route(this, `routes-transit-${az}-nat`, { provider, routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nats.get(az)!.id });
    });
    flowLog(this, provider, this.vpc.id, egress.flowLog);
  }
}
