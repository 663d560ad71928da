import type { PolicyStatement, SourceLocation } from '../model/types';

/**
 * Shared shapes of the desired state. Every string may hold late-bound markers
 * (model/late-bound.ts) for values that exist only after deployment; each consumer resolves them.
 */

/** An IAM, bucket, key or topic policy as lzkit deploys it. */
export interface PolicyDocumentValue {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocumentValue {
  return { Version: '2012-10-17', Statement: statements };
}

/** The root principal of an account (delegates to that account's IAM policies). */
export function accountRoot(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** A customer managed KMS key with its alias and key policy. */
export interface DesiredKey {
  /** Terraform name stem of the key and its alias (`log_archive_key`). */
  readonly name: string;
  /** Account (name) owning the key. */
  readonly account: string;
  readonly region: string;
  /** `alias/log-archive-key`. */
  readonly alias: string;
  readonly description: string;
  readonly rotation: true;
  readonly deletionWindowDays: number;
  readonly policy: PolicyDocumentValue;
  readonly source?: SourceLocation;
}

export interface DesiredLifecycleRule {
  readonly id: string;
  readonly status: 'Enabled';
  /** Object key prefix the rule applies to (`''`: every object). */
  readonly prefix: string;
  readonly transitions: readonly { readonly days: number; readonly storageClass: 'STANDARD_IA' | 'GLACIER' }[];
  readonly expirationDays?: number;
  readonly noncurrentExpirationDays?: number;
  readonly abortIncompleteMultipartUploadDays: number;
}

export type DesiredEncryption =
  | { readonly algorithm: 'aws:kms'; readonly kmsKeyArn: string; readonly bucketKeyEnabled: boolean }
  | { readonly algorithm: 'AES256' };

/** An S3 bucket and every setting lzkit gives it (each its own Terraform resource). */
export interface DesiredBucket {
  /** Terraform name stem of the bucket and its settings (`log_archive_bucket`). */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** The bucket's name (may hold the account id as a late-bound value). */
  readonly bucket: string;
  readonly arn: string;
  readonly versioning: 'Enabled';
  readonly encryption: DesiredEncryption;
  readonly publicAccessBlock: { readonly blockPublicAcls: true; readonly ignorePublicAcls: true; readonly blockPublicPolicy: true; readonly restrictPublicBuckets: true };
  readonly objectOwnership: 'BucketOwnerEnforced';
  readonly policy: PolicyDocumentValue;
  /** Where this bucket's server access logs go; absent when not logged. */
  readonly accessLogging?: { readonly targetBucket: string; readonly targetPrefix: string };
  readonly lifecycle: readonly DesiredLifecycleRule[];
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly days: number };
  readonly source?: SourceLocation;
}

/** The provider an element is deployed with: an account (by name) and a region. */
export interface Placement {
  readonly account: string;
  readonly region: string;
}

/**
 * What another section's services need the log archive to allow: bucket-policy statements (given
 * the bucket's ARN) and key-policy grants. The logging stack writes them into its policies.
 */
export interface LogArchiveGrants {
  readonly bucket: (bucketArn: string) => readonly PolicyStatement[];
  readonly key: readonly PolicyStatement[];
}
