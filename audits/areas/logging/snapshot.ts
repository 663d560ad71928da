import type { Readable } from '../../readable';

/** The logging area of the snapshot: CloudTrail in the management account, S3 and KMS in the log archive account. */

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
  /** GetEventSelectors. */
  readonly eventSelectors: Readable<LiveEventSelectors>;
}

/** One basic event selector as CloudTrail answers it (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html). */
export interface LiveEventSelector {
  readonly readWriteType: string;
  readonly includeManagementEvents: boolean;
  readonly dataResources: readonly { readonly type: string; readonly values: readonly string[] }[];
  readonly excludeManagementEventSources: readonly string[];
}

/** One condition of an advanced event selector, kept as given (only the operators CloudTrail answered). */
export interface LiveFieldSelector {
  readonly field: string;
  readonly equals?: readonly string[];
  readonly startsWith?: readonly string[];
  readonly endsWith?: readonly string[];
  readonly notEquals?: readonly string[];
  readonly notStartsWith?: readonly string[];
  readonly notEndsWith?: readonly string[];
}

/**
 * GetEventSelectors: a trail has basic or advanced event selectors, never both
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html);
 * both lists are kept so that advanced ones are seen.
 */
export interface LiveEventSelectors {
  readonly basic: readonly LiveEventSelector[];
  readonly advanced: readonly { readonly name?: string; readonly fieldSelectors: readonly LiveFieldSelector[] }[];
}

export interface LiveLifecycleRule {
  readonly id?: string;
  readonly status: string;
  readonly transitions: readonly { readonly days?: number; readonly storageClass?: string }[];
  readonly expirationDays?: number;
  readonly noncurrentExpirationDays?: number;
}

/** GetObjectLockConfiguration: whether Object Lock is on, and the default retention new objects get. */
export interface LiveObjectLock {
  /** ObjectLockEnabled is `Enabled` (S3 has no other value: a bucket without Object Lock has no configuration). */
  readonly enabled: boolean;
  /** The rule's DefaultRetention; absent when the bucket sets none (each object may still be given one). */
  readonly defaultRetention?: { readonly mode: string; readonly days?: number; readonly years?: number };
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
  /** GetBucketOwnershipControls: the ObjectOwnership of its rule (`BucketOwnerEnforced`, `BucketOwnerPreferred`, `ObjectWriter`). */
  readonly objectOwnership: Readable<string | null>;
  readonly objectLock: Readable<LiveObjectLock | null>;
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
