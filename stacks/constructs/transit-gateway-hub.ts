import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { SegmentRouteTable } from '../../model/network';
import { OrganizationShare } from './organization-share';

export interface TransitGatewayHubProps {
  readonly provider: AwsProvider;
  readonly amazonSideAsn: number;
  /** @default none */
  readonly cidrBlocks?: readonly string[];
  readonly description: string;
  /** The route tables to create, one per segment, from the model's route plan. */
  readonly routeTables: readonly SegmentRouteTable[];
  /** OU ARNs and account ids the TGW is shared with; no share when empty. */
  readonly sharePrincipals: readonly string[];
}

/**
 * The hub: a Transit Gateway that accepts nothing and routes nothing by default (no auto-accept,
 * no default route table association or propagation), so every path exists only because a
 * segment route table was told to carry it.
 */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly share?: OrganizationShare;
  private readonly tables = new Map<string, Ec2TransitGatewayRouteTable>();
  private readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    this.provider = props.provider;
    this.transitGateway = new Ec2TransitGateway(this, 'Resource', {
      provider: props.provider,
      amazonSideAsn: props.amazonSideAsn,
      transitGatewayCidrBlocks: props.cidrBlocks?.length ? [...props.cidrBlocks] : undefined,
      description: props.description,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      tags: { Name: props.description },
    });
    for (const t of props.routeTables) {
      this.tables.set(t.segment, new Ec2TransitGatewayRouteTable(this, `segment-${t.segment}`, {
        provider: props.provider, transitGatewayId: this.transitGateway.id, tags: { Name: `segment-${t.segment}`, 'lzkit:segment': t.segment },
      }));
    }
    if (props.sharePrincipals.length > 0) {
      this.share = new OrganizationShare(this, 'share', {
        provider: props.provider, name: 'lzkit-transit-gateway', resourceArns: [this.transitGateway.arn], principals: props.sharePrincipals,
      });
    }
  }

  /** The route table of a segment; throws for a segment the plan does not have (a bug, not user input). */
  routeTableId(segment: string): string {
    const t = this.tables.get(segment);
    if (!t) throw new Error(`lzkit: no route table for segment '${segment}'`);
    return t.id;
  }

  /** A static route in a segment's table: to an attachment, or a blackhole when none is given. */
  addStaticRoute(segment: string, cidr: string, attachmentId?: string): void {
    new Ec2TransitGatewayRoute(this, `route-${segment}-${cidr.replace(/[./]/g, '-')}`, {
      provider: this.provider,
      transitGatewayRouteTableId: this.routeTableId(segment),
      destinationCidrBlock: cidr,
      blackhole: attachmentId ? undefined : true,
      transitGatewayAttachmentId: attachmentId,
    });
  }
}

export interface SegmentMembershipProps {
  /** Provider of the hub account (route tables live there). */
  readonly provider: AwsProvider;
  readonly attachmentId: string;
  /** Route table the attachment's traffic is looked up in. */
  readonly associateWith: string;
  /** Route tables that learn the attachment's CIDR, keyed by segment. */
  readonly propagateTo: Readonly<Record<string, string>>;
}

/** Joins an attachment to its segment: one association, and a propagation per segment allowed to reach it. */
export class SegmentMembership extends Construct {
  constructor(scope: Construct, id: string, props: SegmentMembershipProps) {
    super(scope, id);
    const { provider, attachmentId } = props;
    new Ec2TransitGatewayRouteTableAssociation(this, 'association', { provider, transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: props.associateWith });
    for (const [segment, tableId] of Object.entries(props.propagateTo)) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${segment}`, { provider, transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: tableId });
    }
  }
}
