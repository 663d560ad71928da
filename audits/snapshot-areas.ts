import type { Readable } from './snapshot';

/**
 * The areas of the snapshot the declaration's optional sections add (logging, network, identity),
 * read once per organization in the accounts the sections name. Same rule as the rest of the
 * snapshot: a part is read, or NotRead naming the APIs that failed.
 */

// ---- logging (CloudTrail in the management account, S3 and KMS in the log archive account) ----

export interface LiveTrail {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly s3BucketName?: string;
  readonly kmsKeyId?: string;
  readonly isOrganizationTrail: boolean;
  readonly isMultiRegionTrail: boolean;
  readonly includeGlobalServiceEvents: boolean;
  readonly logFileValidationEnabled: boolean;
  /** GetTrailStatus. */
  readonly isLogging: Readable<boolean>;
}

export interface LiveLifecycleRule {
  readonly id?: string;
  readonly status: string;
  readonly transitions: readonly { readonly days?: number; readonly storageClass?: string }[];
  readonly expirationDays?: number;
  readonly noncurrentExpirationDays?: number;
}

/** One bucket's settings; each is null when S3 says the bucket has none. */
export interface LiveBucket {
  readonly name: string;
  readonly policy: Readable<string | null>;
  readonly encryption: Readable<{ readonly algorithm: string; readonly kmsKeyId?: string; readonly bucketKeyEnabled?: boolean } | null>;
  readonly versioning: Readable<string | null>;
  readonly publicAccessBlock: Readable<{ readonly blockPublicAcls: boolean; readonly ignorePublicAcls: boolean; readonly blockPublicPolicy: boolean; readonly restrictPublicBuckets: boolean } | null>;
  readonly logging: Readable<{ readonly targetBucket: string; readonly targetPrefix: string } | null>;
  readonly lifecycle: Readable<readonly LiveLifecycleRule[] | null>;
}

export interface LiveKey {
  readonly keyId: string;
  readonly arn: string;
  readonly alias: string;
  readonly keyState?: string;
  readonly rotationEnabled: Readable<boolean>;
  readonly policy: Readable<string>;
}

export interface LiveLogging {
  readonly managementAccountId: string;
  readonly archiveAccountId: string;
  /** Every trail the management account sees (shadow trails excluded). */
  readonly trails: Readable<readonly LiveTrail[]>;
  /** The log bucket the declaration names; null when it does not exist. */
  readonly bucket: Readable<LiveBucket | null>;
  /** The archive key (by its alias); null when the alias does not exist. */
  readonly key: Readable<LiveKey | null>;
}

// ---- network (the Transit Gateway hub account) ----

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

// ---- identity (IAM Identity Center in its administrator account; all or nothing) ----

export interface LivePermissionSet {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly sessionDuration?: string;
  readonly relayState?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly { readonly name: string; readonly path: string }[];
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn?: string; readonly customerManagedPolicy?: { readonly name: string; readonly path: string } };
  /** Accounts the permission set is provisioned to (ListAccountsForProvisionedPermissionSet). */
  readonly provisionedAccounts: readonly string[];
}

export interface LiveAccountAssignment {
  readonly accountId: string;
  readonly permissionSetArn: string;
  readonly principalType: 'GROUP' | 'USER' | string;
  readonly principalId: string;
}

export interface LiveIdentity {
  readonly accountId: string;
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  readonly users: readonly { readonly id: string; readonly name: string }[];
  readonly permissionSets: readonly LivePermissionSet[];
  readonly assignments: readonly LiveAccountAssignment[];
}
