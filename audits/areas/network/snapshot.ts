import type { Readable } from '../../readable';

/** The network area of the snapshot: the Transit Gateway hub account, and the VPCs of its attachments. */

export interface LiveTransitGateway {
  readonly id: string;
  readonly arn: string;
  readonly ownerId: string;
  readonly state: string;
  readonly description?: string;
  readonly amazonSideAsn?: number;
  readonly autoAcceptSharedAttachments: string;
  readonly defaultRouteTableAssociation: string;
  readonly defaultRouteTablePropagation: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LiveTgwRouteTable {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly state: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Attachment ids propagating into this table (GetTransitGatewayRouteTablePropagations). */
  readonly propagations: readonly string[];
}

export interface LiveTgwAttachment {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly resourceOwnerId: string;
  readonly state: string;
  readonly associatedRouteTableId?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LiveResourceShare {
  readonly arn: string;
  readonly name: string;
  readonly status: string;
  readonly allowExternalPrincipals: boolean;
  /** Resource ARNs associated (ASSOCIATED only). */
  readonly resources: readonly string[];
  /** Principals associated: account ids, OU or organization ARNs. */
  readonly principals: readonly string[];
}

export interface LiveSubnet {
  readonly id: string;
  readonly availabilityZone: string;
  readonly cidr: string;
  /** The network stack tags `Name` (`<account>-<tier>-<az>`) and `lzkit:tier`. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A VPC behind a Transit Gateway VPC attachment, read in its owner account (DescribeVpcs, DescribeSubnets). */
export interface LiveVpc {
  readonly id: string;
  readonly ownerId: string;
  readonly cidr: string;
  readonly state: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Sorted by id. */
  readonly subnets: readonly LiveSubnet[];
}

/** The hub's own reads are all or nothing (the area is NotRead when one fails); the spoke VPCs are read per owner account. */
export interface LiveNetwork {
  readonly accountId: string;
  readonly region: string;
  readonly transitGateways: readonly LiveTransitGateway[];
  readonly routeTables: readonly LiveTgwRouteTable[];
  readonly attachments: readonly LiveTgwAttachment[];
  /** RAM shares the hub account owns. */
  readonly shares: readonly LiveResourceShare[];
  /** The VPCs of the attachments (spokes and the egress VPC), sorted by id; not read when any owner account could not be read. */
  readonly vpcs: Readable<readonly LiveVpc[]>;
}
