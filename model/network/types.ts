import type { SourceLocation, Targets } from '../types';

/**
 * The network declaration (accounts/network.yaml), validated: a Transit Gateway hub in the
 * network account, segments (one TGW route table each) and which may reach which, IPAM pools,
 * spoke VPCs per account, an optional central egress VPC, and where flow logs go.
 */
export interface NetworkDeclaration {
  readonly transitGateway: TransitGatewayDeclaration;
  /** In declaration order. */
  readonly segments: readonly Segment[];
  readonly ipam?: IpamDeclaration;
  /** In declaration order; at most one per account. */
  readonly spokes: readonly Spoke[];
  readonly egress?: EgressVpc;
  readonly flowLogs: FlowLogSettings;
  readonly source: SourceLocation;
}

export interface TransitGatewayDeclaration {
  /** Account name that owns the hub (default: organization.accountRoles.network). */
  readonly account: string;
  readonly region: string;
  readonly amazonSideAsn: number;
  /** CIDR blocks of the TGW itself (Connect peers); must not overlap any VPC. */
  readonly cidrBlocks: readonly string[];
  /** Who the TGW is shared with through RAM (the one targeting shape). */
  readonly shareWith?: Targets;
  readonly description: string;
  readonly source: SourceLocation;
}

/** A routing domain: one TGW route table. */
export interface Segment {
  readonly name: string;
  /**
   * Segments this one may exchange traffic with, as declared on this segment. Reachability is
   * symmetric (a TGW flow needs the return route too), so an edge declared on either side counts.
   */
  readonly reaches: readonly string[];
  /** When true, spokes of this segment cannot reach each other through the TGW. */
  readonly isolated: boolean;
  readonly source: SourceLocation;
}

export interface IpamDeclaration {
  /** Region IPAM operates in (default: the TGW region). */
  readonly region: string;
  /** The top-level pool every regional pool is carved from. */
  readonly topPool: string;
  readonly pools: readonly IpamPool[];
  readonly source: SourceLocation;
}

/** A regional pool for one segment, shared to the OUs that allocate from it. */
export interface IpamPool {
  readonly segment: string;
  readonly cidr: string;
  readonly shareWith?: Targets;
  readonly source: SourceLocation;
}

export interface SubnetTier {
  readonly name: string;
  /** Prefix length of each subnet of the tier (one subnet per AZ). */
  readonly size: number;
}

/** A subnet of a spoke: tier x AZ, placed by `netnum` within the VPC CIDR (Terraform cidrsubnet). */
export interface SubnetPlan {
  readonly tier: string;
  readonly az: string;
  /** Bits added to the VPC prefix. */
  readonly newbits: number;
  readonly netnum: number;
  /** The subnet CIDR when the VPC CIDR is known at synth time. */
  readonly cidr?: string;
}

export interface Spoke {
  readonly account: string;
  readonly segment: string;
  /** Explicit VPC CIDR; absent when IPAM allocates it (`ipamPool` + `netmaskLength`). */
  readonly cidr?: string;
  /** Segment name of the IPAM pool the VPC allocates from (or whose range it must stay in). */
  readonly ipamPool?: string;
  /** Prefix length of the VPC (from `cidr`, or `netmaskLength` with IPAM). */
  readonly prefixLength: number;
  readonly region: string;
  readonly azs: readonly string[];
  readonly tiers: readonly SubnetTier[];
  /** Tier whose subnets hold the TGW attachment ENIs. */
  readonly attachmentTier: string;
  readonly subnets: readonly SubnetPlan[];
  readonly source: SourceLocation;
}

/** Central egress: a VPC in the hub account with NAT gateways, reached by a default route. */
export interface EgressVpc {
  readonly segment: string;
  readonly cidr: string;
  readonly azs: readonly string[];
  /** Segments whose internet traffic goes through this VPC. */
  readonly usedBy: readonly string[];
  readonly subnets: readonly SubnetPlan[];
  readonly source: SourceLocation;
}

export interface FlowLogSettings {
  /** Fallback destination when the logging stack publishes no log archive bucket. */
  readonly bucketArn?: string;
  readonly trafficType: 'ALL' | 'ACCEPT' | 'REJECT';
  /** Seconds: 60 or 600. */
  readonly maxAggregationInterval: 60 | 600;
}
