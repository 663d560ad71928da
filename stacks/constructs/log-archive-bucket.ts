import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { LogLifecycle, ObjectLockRetention, PolicyStatement } from '../../model';
import { HardenedBucket } from './hardened-bucket';

export interface LogArchiveBucketProps {
  /** Provider of the log archive account. */
  readonly provider: AwsProvider;
  /** Bucket name stem: the log bucket is `<prefix>-<accountId>`, its access-log bucket `<prefix>-access-<accountId>`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly kmsKeyArn: string;
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** ARN of the organization trail: the only trail allowed to write. */
  readonly trailArn: string;
  /** Key prefix under which VPC flow logs are delivered. */
  readonly flowLogPrefix: string;
  readonly lifecycle: LogLifecycle;
  /** @default no object lock */
  readonly objectLock?: ObjectLockRetention;
}

/**
 * The log archive: the log bucket (SSE-KMS with the archive key) written only by this
 * organization's trail and by VPC flow log delivery under their prefixes, and a separate,
 * equally hardened bucket receiving its S3 server access logs (SSE-S3: server access logging
 * cannot deliver to SSE-KMS buckets).
 */
export class LogArchiveBucket extends Construct {
  readonly logBucket: HardenedBucket;
  readonly accessLogBucket: HardenedBucket;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.accessLogBucket = new HardenedBucket(this, 'AccessLogs', {
      provider, name: 'access_log_bucket', bucketName: `${props.namePrefix}-access-${props.accountId}`,
      lifecycle: props.lifecycle,
      policyStatements: [{
        Sid: 'S3ServerAccessLogsWrite', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${props.namePrefix}-access-${props.accountId}/log-archive/*`,
        Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
      }],
    });
    const bucketName = `${props.namePrefix}-${props.accountId}`;
    const arn = `arn:aws:s3:::${bucketName}`;
    this.logBucket = new HardenedBucket(this, 'Logs', {
      provider, name: 'log_archive_bucket', bucketName, kmsKeyArn: props.kmsKeyArn,
      accessLogs: { bucket: this.accessLogBucket.bucket, prefix: 'log-archive/' },
      lifecycle: props.lifecycle, objectLock: props.objectLock,
      policyStatements: logBucketStatements(arn, props),
    });
  }
}

function logBucketStatements(arn: string, p: LogArchiveBucketProps): PolicyStatement[] {
  const fromTrail = { StringEquals: { 'aws:SourceArn': p.trailArn } };
  const flowLogs = `${arn}/${p.flowLogPrefix}/AWSLogs/*`;
  return [
    // Header-less uploads get the default SSE-KMS; an explicit header must name KMS and this key.
    { Sid: 'DenyNonKmsEncryption', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
    { Sid: 'DenyOtherKmsKey', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': p.kmsKeyArn } } },
    { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: fromTrail },
    { Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject',
      Resource: [`${arn}/AWSLogs/${p.organizationId}/*`, `${arn}/AWSLogs/${p.managementAccountId}/*`],
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': p.trailArn } } },
    { Sid: 'FlowLogsAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: arn,
      Condition: { StringEquals: { 'aws:SourceOrgID': p.organizationId } } },
    { Sid: 'FlowLogsWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: flowLogs,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': p.organizationId } } },
  ];
}
