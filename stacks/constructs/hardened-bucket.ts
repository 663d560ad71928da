import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import type { LogLifecycle, ObjectLockRetention, PolicyStatement } from '../../model';
import { policyJson } from './policy-document';

export interface HardenedBucketProps {
  readonly provider: AwsProvider;
  readonly bucketName: string;
  /** Stem of every Terraform address of this bucket (`aws_s3_bucket.<name>`, `aws_s3_bucket_policy.<name>`...). */
  readonly name: string;
  /** SSE-KMS with this key (and an S3 bucket key); without it SSE-S3 (what S3 server access logging requires of its target). */
  readonly kmsKeyArn?: string;
  /** Statements added to the bucket policy after the TLS-only deny. @default none */
  readonly policyStatements?: readonly PolicyStatement[];
  /** Where server access logs of this bucket go. @default not logged (for the access-log bucket itself) */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
  /** @default none */
  readonly lifecycle?: LogLifecycle;
  /** @default no object lock */
  readonly objectLock?: ObjectLockRetention;
}

/**
 * An S3 bucket hardened the way every log bucket must be: versioned, encrypted by default, all
 * four public-access blocks, BucketOwnerEnforced (no ACLs), a policy denying plain HTTP, never
 * destroyed by Terraform. Each setting is its own Terraform resource (AWS provider v4+ style).
 */
export class HardenedBucket extends Construct {
  readonly resource: S3Bucket;
  readonly policy: S3BucketPolicy;
  readonly bucket: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const { provider, name } = props;
    this.resource = new S3Bucket(this, 'Resource', {
      provider, bucket: props.bucketName, objectLockEnabled: props.objectLock ? true : undefined, lifecycle: { preventDestroy: true },
    });
    this.resource.overrideLogicalId(name);
    this.bucket = this.resource.bucket;
    this.arn = this.resource.arn;
    const bucket = this.resource.id;
    const named = <T extends { overrideLogicalId(id: string): void }>(r: T): T => { r.overrideLogicalId(name); return r; };

    named(new S3BucketVersioningA(this, 'Versioning', { provider, bucket, versioningConfiguration: { status: 'Enabled' } }));
    named(new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider, bucket,
      rule: [props.kmsKeyArn
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }));
    const pab = named(new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      provider, bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }));
    named(new S3BucketOwnershipControls(this, 'Ownership', { provider, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } }));
    const denyPlainHttp: PolicyStatement = {
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: [this.arn, `${this.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    // The public-access block goes first: a policy naming service principals is applied after it.
    this.policy = named(new S3BucketPolicy(this, 'Policy', {
      provider, bucket, policy: policyJson([denyPlainHttp, ...(props.policyStatements ?? [])]), dependsOn: [pab],
    }));
    if (props.accessLogs) {
      named(new S3BucketLoggingA(this, 'AccessLogging', { provider, bucket, targetBucket: props.accessLogs.bucket, targetPrefix: props.accessLogs.prefix }));
    }
    if (props.lifecycle) this.addLifecycle(provider, bucket, props.lifecycle, name);
    if (props.objectLock) {
      named(new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        provider, bucket, rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
      }));
    }
  }

  private addLifecycle(provider: AwsProvider, bucket: string, lc: LogLifecycle, name: string): void {
    const transition = [
      ...(lc.transitionToInfrequentAccessDays ? [{ days: lc.transitionToInfrequentAccessDays, storageClass: 'STANDARD_IA' }] : []),
      ...(lc.transitionToGlacierDays ? [{ days: lc.transitionToGlacierDays, storageClass: 'GLACIER' }] : []),
    ];
    const r = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      provider, bucket,
      rule: [{
        id: 'archive-then-expire', status: 'Enabled', filter: [{ prefix: '' }],
        transition: transition.length ? transition : undefined,
        expiration: lc.expirationDays ? [{ days: lc.expirationDays }] : undefined,
        noncurrentVersionExpiration: lc.expirationDays ? [{ noncurrentDays: lc.expirationDays }] : undefined,
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
    r.overrideLogicalId(name);
  }
}
