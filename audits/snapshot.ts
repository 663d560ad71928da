import * as fs from 'fs';

/**
 * The audit's collected live state: what the collectors read from AWS, as plain JSON. Recorded
 * with `lzkit audit --save-snapshot`, replayed with `--snapshot`, served by `lzkit sandbox`.
 * The drift engine reads only this, never AWS. New collectors (logging, network, identity) add
 * optional sections; a breaking change raises SNAPSHOT_SCHEMA_VERSION.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export type LivePolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'TAG_POLICY' | 'BACKUP_POLICY' | 'AISERVICES_OPT_OUT_POLICY' | string;
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | string;

export interface LiveOrganization {
  readonly id: string;
  readonly arn: string;
  readonly featureSet: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail?: string;
}

export interface LiveRoot {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  /** Policy types and their status on the root (`ENABLED`, `PENDING_ENABLE`, ...). */
  readonly policyTypes: readonly { readonly type: LivePolicyType; readonly status: string }[];
}

export interface LiveOrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly parentId: string;
  /** Names from the root down, `Workloads/Prod` (the model's OU path). */
  readonly path: string;
}

export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly arn?: string;
  readonly status: AccountStatus;
  readonly parentId: string;
  readonly joinedMethod?: string;
}

export interface LivePolicy {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly description?: string;
  readonly type: LivePolicyType;
  readonly awsManaged: boolean;
  /** The document as Organizations returns it (a JSON string). */
  readonly content: string;
  /** Root, OU and account ids the policy is attached to directly. */
  readonly targets: readonly string[];
}

export interface LiveDelegatedAdministrator {
  readonly accountId: string;
  readonly servicePrincipals: readonly string[];
}

/** IAM's account summary keys the audit reads (GetAccountSummary). */
export interface LiveAccountSummary {
  readonly accountMfaEnabled: boolean;
  readonly accountAccessKeysPresent: boolean;
}

/** GetAccountPasswordPolicy's answer; `null` in LiveIam when the account has none. */
export interface LivePasswordPolicy {
  readonly minimumPasswordLength?: number;
  readonly requireSymbols?: boolean;
  readonly requireNumbers?: boolean;
  readonly requireUppercaseCharacters?: boolean;
  readonly requireLowercaseCharacters?: boolean;
  readonly maxPasswordAge?: number;
  readonly passwordReusePrevention?: number;
  readonly hardExpiry?: boolean;
  readonly allowUsersToChangePassword?: boolean;
}

export interface LiveIam {
  readonly summary?: LiveAccountSummary;
  readonly passwordPolicy?: LivePasswordPolicy | null;
}

/** What the per-account collectors read inside one member account (part 2 adds sections). */
export interface LiveAccountState {
  readonly iam?: LiveIam;
}

/** Something the audit could not read: it becomes an `unauditable` finding, never a pass. */
export interface CollectionError {
  /** `organization` for organization-wide APIs, `account` inside one member account. */
  readonly scope: 'organization' | 'account';
  /** The account (scope account) or the OU/policy the API was about, when there is one. */
  readonly resourceId?: string;
  readonly api: string;
  readonly code: string;
  readonly message: string;
}

export interface Snapshot {
  readonly schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  readonly collectedAt: string;
  readonly region: string;
  readonly organization: LiveOrganization;
  readonly root: LiveRoot;
  /** Service principals with trusted access (ListAWSServiceAccessForOrganization). */
  readonly trustedServices: readonly string[];
  readonly delegatedAdministrators: readonly LiveDelegatedAdministrator[];
  readonly organizationalUnits: readonly LiveOrganizationalUnit[];
  readonly accounts: readonly LiveAccount[];
  readonly policies: readonly LivePolicy[];
  /** Per account id, what was read inside that account. */
  readonly accountStates: Readonly<Record<string, LiveAccountState>>;
  readonly errors: readonly CollectionError[];
  /** Part 2 (audits/collect/areas): read only when the declaration has the section. */
  readonly logging?: LiveLogging;
  readonly network?: LiveNetwork;
  readonly identity?: LiveIdentity;
}

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
  /** GetTrailStatus; undefined when it could not be read (an error is recorded). */
  readonly isLogging?: boolean;
}

export interface LiveLifecycleRule {
  readonly id?: string;
  readonly status: string;
  readonly transitions: readonly { readonly days?: number; readonly storageClass?: string }[];
  readonly expirationDays?: number;
  readonly noncurrentExpirationDays?: number;
}

/** One bucket's settings; each is undefined when unread, null when S3 says it has none. */
export interface LiveBucket {
  readonly name: string;
  readonly policy?: string | null;
  readonly encryption?: { readonly algorithm: string; readonly kmsKeyId?: string; readonly bucketKeyEnabled?: boolean } | null;
  readonly versioning?: string | null;
  readonly publicAccessBlock?: { readonly blockPublicAcls: boolean; readonly ignorePublicAcls: boolean; readonly blockPublicPolicy: boolean; readonly restrictPublicBuckets: boolean } | null;
  readonly logging?: { readonly targetBucket: string; readonly targetPrefix: string } | null;
  readonly lifecycle?: readonly LiveLifecycleRule[] | null;
}

export interface LiveKey {
  readonly keyId: string;
  readonly arn: string;
  readonly alias: string;
  readonly keyState?: string;
  readonly rotationEnabled?: boolean;
  readonly policy?: string;
}

export interface LiveLogging {
  readonly managementAccountId: string;
  readonly archiveAccountId: string;
  /** Every trail the management account sees (shadow trails included); undefined when unread. */
  readonly trails?: readonly LiveTrail[];
  /** The log bucket the declaration names; null when it does not exist. */
  readonly bucket?: LiveBucket | null;
  /** The archive key (by its alias); null when the alias does not exist. */
  readonly key?: LiveKey | null;
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

export interface LiveNetwork {
  readonly accountId: string;
  readonly region: string;
  readonly transitGateways: readonly LiveTransitGateway[];
  readonly routeTables: readonly LiveTgwRouteTable[];
  readonly attachments: readonly LiveTgwAttachment[];
  /** RAM shares the hub account owns. */
  readonly shares: readonly LiveResourceShare[];
  /**
   * The VPCs of the attachments (spokes and the egress VPC), sorted by id; a VPC whose account
   * could not be read is absent (its error recorded). Undefined in snapshots of older lzkit.
   */
  readonly vpcs?: readonly LiveVpc[];
}

// ---- identity (IAM Identity Center in its administrator account) ----

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

/** A snapshot file that cannot be used: message is one line for the user. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  fs.writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
}

/** Reads and checks a snapshot file; every problem is a SnapshotError with one clear line. */
export function readSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SnapshotError(`cannot read snapshot ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseSnapshot(text, file);
}

export function parseSnapshot(text: string, file = 'snapshot'): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`${file} is not a snapshot: not valid JSON (${(err as Error).message.replace(/\s+/g, ' ')}); record one with 'lzkit audit --save-snapshot FILE'`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new SnapshotError(`${file} is not a snapshot: expected a JSON object; record one with 'lzkit audit --save-snapshot FILE'`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotError(`${file} has snapshot schemaVersion ${JSON.stringify(version ?? null)}; this lzkit reads version ${SNAPSHOT_SCHEMA_VERSION}: record it again with this lzkit`);
  }
  const s = data as Partial<Snapshot>;
  const missing = (['organization', 'root', 'organizationalUnits', 'accounts', 'policies'] as const).filter((k) => s[k] === undefined);
  if (missing.length) throw new SnapshotError(`${file} is not a complete snapshot: missing ${missing.join(', ')}`);
  return {
    trustedServices: [], delegatedAdministrators: [], accountStates: {}, errors: [], region: 'us-east-1', collectedAt: '',
    ...s,
  } as Snapshot;
}
