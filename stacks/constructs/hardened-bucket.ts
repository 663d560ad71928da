import {
  S3Bucket, S3BucketLifecycleConfiguration, S3BucketLoggingA, S3BucketObjectLockConfigurationA, S3BucketOwnershipControls,
  S3BucketPolicy, S3BucketPublicAccessBlock, S3BucketServerSideEncryptionConfigurationA, S3BucketVersioningA,
} from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredBucket } from '../../desired';
import { policyJson } from './policy-document';

export interface HardenedBucketProps {
  readonly provider?: AwsProvider;
  /** The bucket as the desired state describes it, late-bound values resolved. */
  readonly bucket: DesiredBucket;
  /** The bucket its access logs go to, when it is built in the same stack. @default none */
  readonly accessLogTarget?: HardenedBucket;
}

/**
 * An S3 bucket with every setting the desired state gives it, each its own Terraform resource
 * (AWS provider v4+ style), all named after the bucket's stem: versioning, default encryption,
 * the four public-access blocks, BucketOwnerEnforced, the policy, access logging, lifecycle and
 * object lock. Never destroyed by Terraform.
 */
export class HardenedBucket extends Construct {
  readonly resource: S3Bucket;
  readonly policy: S3BucketPolicy;
  /** The bucket's name and ARN as references (they order what uses them after the bucket). */
  readonly bucket: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const { provider, bucket: b } = props;
    this.resource = new S3Bucket(this, 'Resource', {
      provider, bucket: b.bucket, objectLockEnabled: b.objectLock ? true : undefined, lifecycle: { preventDestroy: true },
    });
    this.resource.overrideLogicalId(b.name);
    this.bucket = this.resource.bucket;
    this.arn = this.resource.arn;
    const bucket = this.resource.id;
    const named = <T extends { overrideLogicalId(id: string): void }>(r: T): T => { r.overrideLogicalId(b.name); return r; };

    named(new S3BucketVersioningA(this, 'Versioning', { provider, bucket, versioningConfiguration: { status: b.versioning } }));
    const e = b.encryption;
    named(new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider, bucket,
      rule: [e.algorithm === 'aws:kms'
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: e.kmsKeyArn }, bucketKeyEnabled: e.bucketKeyEnabled }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }));
    const pab = named(new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', { provider, bucket, ...b.publicAccessBlock }));
    named(new S3BucketOwnershipControls(this, 'Ownership', { provider, bucket, rule: { objectOwnership: b.objectOwnership } }));
    // The policy names the bucket by reference (Terraform orders by it, cdk-nag recognizes it).
    // The public-access block goes first: a policy naming service principals is applied after it.
    const ownArn = new RegExp(`${b.arn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=["/])`, 'g');
    const policy = policyJson(b.policy.Statement).replace(ownArn, () => this.arn);
    this.policy = named(new S3BucketPolicy(this, 'Policy', { provider, bucket, policy, dependsOn: [pab] }));
    if (b.accessLogging) {
      named(new S3BucketLoggingA(this, 'AccessLogging', {
        provider, bucket, targetBucket: props.accessLogTarget?.bucket ?? b.accessLogging.targetBucket, targetPrefix: b.accessLogging.targetPrefix,
      }));
    }
    if (b.lifecycle.length) {
      named(new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
        provider, bucket,
        rule: b.lifecycle.map((r) => ({
          id: r.id, status: r.status, filter: [{ prefix: r.prefix }],
          transition: r.transitions.length ? r.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) : undefined,
          expiration: r.expirationDays ? [{ days: r.expirationDays }] : undefined,
          noncurrentVersionExpiration: r.noncurrentExpirationDays ? [{ noncurrentDays: r.noncurrentExpirationDays }] : undefined,
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: r.abortIncompleteMultipartUploadDays }],
        })),
      }));
    }
    if (b.objectLock) {
      named(new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        provider, bucket, rule: { defaultRetention: { mode: b.objectLock.mode, days: b.objectLock.days } },
      }));
    }
  }
}
