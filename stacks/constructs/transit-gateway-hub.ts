import {
  Ec2TransitGateway, Ec2TransitGatewayRoute, Ec2TransitGatewayRouteTable, Ec2TransitGatewayRouteTableAssociation, Ec2TransitGatewayRouteTablePropagation,
} from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredNetwork } from '../../desired';
import type { ITerraformDependable } from '../cdktf';
import { OrganizationShare } from './organization-share';

export interface TransitGatewayHubProps {
  readonly provider: AwsProvider;
  /** The hub and its share as the desired state describes them, late-bound values resolved. */
  readonly hub: DesiredNetwork['hub'];
  /** The route tables to create, one per segment, from the route plan. */
  readonly routeTables: DesiredNetwork['routeTables'];
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
    const { hub } = props;
    this.provider = props.provider;
    this.transitGateway = new Ec2TransitGateway(this, 'Resource', {
      provider: props.provider,
      amazonSideAsn: hub.amazonSideAsn,
      transitGatewayCidrBlocks: hub.cidrBlocks.length ? [...hub.cidrBlocks] : undefined,
      description: hub.description,
      autoAcceptSharedAttachments: hub.autoAcceptSharedAttachments,
      defaultRouteTableAssociation: hub.defaultRouteTableAssociation,
      defaultRouteTablePropagation: hub.defaultRouteTablePropagation,
      dnsSupport: hub.dnsSupport,
      tags: { ...hub.tags },
    });
    for (const t of props.routeTables) {
      this.tables.set(t.segment, new Ec2TransitGatewayRouteTable(this, `segment-${t.segment}`, {
        provider: props.provider, transitGatewayId: this.transitGateway.id, tags: { ...t.tags },
      }));
    }
    if (hub.share) {
      this.share = new OrganizationShare(this, 'share', { provider: props.provider, share: hub.share, resourceArns: [this.transitGateway.arn] });
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
  /** What must exist before the attachment can join (its acceptance, when the hub accepts it). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Joins an attachment to its segment: one association, and a propagation per segment allowed to reach it. */
export class SegmentMembership extends Construct {
  constructor(scope: Construct, id: string, props: SegmentMembershipProps) {
    super(scope, id);
    const { provider, attachmentId, dependsOn } = props;
    new Ec2TransitGatewayRouteTableAssociation(this, 'association', { provider, transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: props.associateWith, dependsOn });
    for (const [segment, tableId] of Object.entries(props.propagateTo)) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${segment}`, { provider, transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: tableId, dependsOn });
    }
  }
}
