import type { LandingZone } from '../model/landing-zone';
import { lateBoundAccountId, lateBoundKeyArn, lateBoundOrganizationId } from '../model/late-bound';
import type { LogLifecycle, PolicyStatement, SourceLocation } from '../model';
import { accountRoot, policyDocument, type DesiredBucket, type DesiredEncryption, type DesiredKey, type DesiredLifecycleRule, type LogArchiveGrants, type PolicyDocumentValue } from './types';

export interface DesiredTrail {
  readonly name: string;
  /** Organization trails live in the management account, in the home region. */
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  readonly bucket: string;
  readonly kmsKeyArn: string;
  readonly isOrganizationTrail: true;
  readonly isMultiRegionTrail: true;
  readonly includeGlobalServiceEvents: true;
  readonly logFileValidation: boolean;
  readonly logging: true;
  readonly dataEvents: readonly { readonly type: 'AWS::S3::Object' | 'AWS::Lambda::Function'; readonly values: readonly string[] }[];
  /** The CloudWatch Logs copy: its group, the group's key, and the role CloudTrail writes it with. */
  readonly cloudWatch: {
    readonly logGroupName: string;
    readonly logGroupArn: string;
    readonly retentionDays: number;
    readonly key: DesiredKey;
    readonly roleName: string;
    readonly roleTrust: PolicyDocumentValue;
    readonly policyName: string;
    readonly policy: PolicyDocumentValue;
  };
  readonly source: SourceLocation;
}

/** A basic event selector of a trail, its fields named as CloudTrail's API names them. */
export interface TrailEventSelector {
  readonly readWriteType: 'All' | 'ReadOnly' | 'WriteOnly';
  readonly includeManagementEvents: boolean;
  readonly dataResources: readonly { readonly type: string; readonly values: readonly string[] }[];
  readonly excludeManagementEventSources: readonly string[];
}

/**
 * The event selectors the organization trail logs with: the stack renders one selector, all read
 * and write management events plus the declared data events, when data events are declared
 * (`deployed`); otherwise it renders none and CloudTrail's default applies, which is the same
 * selector without data events: "trails created without specific event selectors are configured
 * to log all read and write management events, and no data events"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html). The
 * stack and the audit both read it here, so the audit compares exactly what is deployed.
 */
export function trailEventSelectors(trail: Pick<DesiredTrail, 'dataEvents'>): { readonly deployed: boolean; readonly selectors: readonly TrailEventSelector[] } {
  return {
    deployed: trail.dataEvents.length > 0,
    selectors: [{
      readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: [],
      dataResources: trail.dataEvents.map((d) => ({ type: d.type, values: [...d.values] })),
    }],
  };
}

export interface DesiredLogging {
  readonly archiveAccount: string;
  readonly key: DesiredKey;
  readonly logBucket: DesiredBucket;
  readonly accessLogBucket: DesiredBucket;
  readonly trail: DesiredTrail;
  /** Where VPC flow logs are delivered in the log bucket (`arn:aws:s3:::bucket/prefix/`). */
  readonly flowLogDestination: string;
}

const ARCHIVE_KEY = 'log_archive_key';
const TRAIL_LOG_GROUP_KEY = 'trail_log_group_key';
/** Prefix of the log bucket's server access logs in the access-log bucket. */
const ACCESS_LOG_PREFIX = 'log-archive/';

/** The key alias lzkit gives a key whose Terraform name stem is `name`. */
export const keyAlias = (name: string): string => `alias/${name.replace(/_/g, '-')}`;

/**
 * A bucket hardened the way every bucket of lzkit is: versioned, encrypted by default, all four
 * public-access blocks, BucketOwnerEnforced (no ACLs), a policy that starts by denying plain HTTP.
 */
export function hardenedBucket(p: {
  name: string; account: string; region: string; bucket: string; encryption: DesiredEncryption;
  statements: (arn: string) => readonly PolicyStatement[]; lifecycle?: LogLifecycle;
  accessLogging?: DesiredBucket['accessLogging']; objectLock?: DesiredBucket['objectLock']; source?: SourceLocation;
}): DesiredBucket {
  const arn = `arn:aws:s3:::${p.bucket}`;
  return {
    name: p.name, account: p.account, region: p.region, bucket: p.bucket, arn,
    versioning: 'Enabled',
    encryption: p.encryption,
    publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    objectOwnership: 'BucketOwnerEnforced',
    policy: policyDocument([
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ...p.statements(arn),
    ]),
    accessLogging: p.accessLogging, lifecycle: lifecycleRules(p.lifecycle), objectLock: p.objectLock, source: p.source,
  };
}

/** One rule: transitions, then expiry of current and noncurrent versions, and cleanup of abandoned uploads. */
export function lifecycleRules(lc: LogLifecycle | undefined): DesiredLifecycleRule[] {
  if (!lc) return [];
  return [{
    id: 'archive-then-expire', status: 'Enabled', prefix: '',
    transitions: [
      ...(lc.transitionToInfrequentAccessDays ? [{ days: lc.transitionToInfrequentAccessDays, storageClass: 'STANDARD_IA' as const }] : []),
      ...(lc.transitionToGlacierDays ? [{ days: lc.transitionToGlacierDays, storageClass: 'GLACIER' as const }] : []),
    ],
    expirationDays: lc.expirationDays,
    noncurrentExpirationDays: lc.expirationDays,
    abortIncompleteMultipartUploadDays: 7,
  }];
}

/** A key's ARN as a late-bound value: its key id is random, known only once it exists. */
export function keyArn(key: Pick<DesiredKey, 'account' | 'name'>): string {
  return lateBoundKeyArn(key.account, key.name);
}

/** A customer managed key: the owner account administers it, the grants say who else may use it. */
export function desiredKey(p: { name: string; account: string; accountId: string; region: string; description: string; grants: readonly PolicyStatement[]; source?: SourceLocation }): DesiredKey {
  const alias = keyAlias(p.name);
  return {
    name: p.name, account: p.account, region: p.region, alias,
    description: p.description, rotation: true, deletionWindowDays: 30,
    policy: policyDocument([
      { Sid: 'OwnerAccountAdministers', Effect: 'Allow', Principal: { AWS: accountRoot(p.accountId) }, Action: 'kms:*', Resource: '*' },
      ...p.grants,
    ]),
    source: p.source,
  };
}

/**
 * The log archive, the organization trail and its CloudWatch Logs copy, as the logging stack
 * deploys them; `grants` are what other services delivering into the archive need.
 */
export function desiredLogging(lz: LandingZone, grants?: LogArchiveGrants): DesiredLogging | undefined {
  const decl = lz.logging;
  if (!decl) return undefined;
  const idOf = (name: string): string => lz.accounts.get(name)?.id ?? lateBoundAccountId(name);
  const region = lz.organization.homeRegion;
  const management = lz.organization.managementAccount;
  const managementId = idOf(management);
  const archive = decl.logArchiveAccount;
  const archiveId = idOf(archive);
  const organizationId = lz.organization.id ?? lateBoundOrganizationId();
  const trailArn = `arn:aws:cloudtrail:${region}:${managementId}:trail/${decl.trail.name}`;
  const fromTrail = { 'aws:SourceArn': trailArn, 'aws:SourceAccount': managementId };
  const cloudtrail = { Service: 'cloudtrail.amazonaws.com' };

  const readers = decl.kms.readers.map((r) => (r.kind === 'role' ? r.arn : accountRoot(idOf(r.account))));
  const key = desiredKey({
    name: ARCHIVE_KEY, account: archive, accountId: archiveId, region, description: 'KMS key of the lzkit log archive', source: decl.kms.source,
    grants: [
      // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
      { Sid: 'CloudTrailEncryptThisTrail', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:GenerateDataKey*', Resource: '*',
        Condition: {
          StringEquals: fromTrail,
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${managementId}:trail/${decl.trail.name}` },
        } },
      // The log bucket uses an S3 Bucket Key: CloudTrail needs kms:Decrypt to create or update the trail.
      { Sid: 'CloudTrailDecryptForBucketKey', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: fromTrail } },
      { Sid: 'CloudTrailDescribeKey', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: fromTrail } },
      // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html (SSE-KMS buckets)
      { Sid: 'FlowLogDeliveryEncrypt', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
        Condition: { StringEquals: { 'aws:SourceOrgID': organizationId } } },
      ...(readers.length ? [{ Sid: 'DeclaredReadersDecrypt', Effect: 'Allow' as const, Principal: { AWS: readers }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }] : []),
      ...(grants?.key ?? []),
    ],
  });

  const logBucketName = `${decl.bucket.namePrefix}-${archiveId}`;
  const accessLogBucketName = `${decl.bucket.namePrefix}-access-${archiveId}`;
  const logArn = `arn:aws:s3:::${logBucketName}`;
  const flowPrefix = decl.flowLogs.prefix.replace(/^\/+|\/+$/g, '');
  // Delivery services write with their own encryption headers (CloudTrail digest files are SSE-S3),
  // or none; and a negated operator denies when the header is absent. So the header checks apply
  // only to requests that carry the header, and never to AWS services delivering logs.
  const explicitHeader = (header: string, value: string) => ({
    StringNotEquals: { [header]: value }, Null: { [header]: 'false' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  });
  const common = { account: archive, region, lifecycle: decl.bucket.lifecycle, source: decl.bucket.source };

  const accessLogBucket = hardenedBucket({
    ...common, name: 'access_log_bucket', bucket: accessLogBucketName,
    // S3 server access logging delivers only to SSE-S3 buckets.
    encryption: { algorithm: 'AES256' },
    statements: (arn) => [
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
      { Sid: 'S3ServerAccessLogsWrite', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
        Resource: `${arn}/${ACCESS_LOG_PREFIX}*`,
        Condition: { ArnLike: { 'aws:SourceArn': logArn }, StringEquals: { 'aws:SourceAccount': archiveId } } },
    ],
  });
  const logBucket = hardenedBucket({
    ...common, name: 'log_archive_bucket', bucket: logBucketName,
    encryption: { algorithm: 'aws:kms', kmsKeyArn: keyArn(key), bucketKeyEnabled: true },
    accessLogging: { targetBucket: accessLogBucketName, targetPrefix: ACCESS_LOG_PREFIX },
    objectLock: decl.bucket.objectLock ? { mode: decl.bucket.objectLock.mode, days: decl.bucket.objectLock.days } : undefined,
    statements: (arn) => [
      { Sid: 'DenyNonKmsEncryption', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
        Condition: explicitHeader('s3:x-amz-server-side-encryption', 'aws:kms') },
      { Sid: 'DenyOtherKmsKey', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
        Condition: explicitHeader('s3:x-amz-server-side-encryption-aws-kms-key-id', keyArn(key)) },
      // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html (organization trails)
      { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: cloudtrail, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
      { Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: cloudtrail, Action: 's3:PutObject',
        Resource: [`${arn}/AWSLogs/${organizationId}/*`, `${arn}/AWSLogs/${managementId}/*`],
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } } },
      // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
      { Sid: 'FlowLogsAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: arn,
        Condition: { StringEquals: { 'aws:SourceOrgID': organizationId } } },
      { Sid: 'FlowLogsWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/${flowPrefix}/AWSLogs/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': organizationId } } },
      ...(grants?.bucket(arn) ?? []),
    ],
  });

  const logGroupName = `/lzkit/cloudtrail/${decl.trail.name}`;
  const logGroupArn = `arn:aws:logs:${region}:${managementId}:log-group:${logGroupName}`;
  const trail: DesiredTrail = {
    name: decl.trail.name, account: management, region, arn: trailArn, bucket: logBucketName, kmsKeyArn: keyArn(key),
    isOrganizationTrail: true, isMultiRegionTrail: true, includeGlobalServiceEvents: true, logFileValidation: decl.trail.logFileValidation, logging: true,
    dataEvents: [
      ...(decl.trail.dataEvents.s3 ? [{ type: 'AWS::S3::Object' as const, values: ['arn:aws:s3'] }] : []),
      ...(decl.trail.dataEvents.lambda ? [{ type: 'AWS::Lambda::Function' as const, values: ['arn:aws:lambda'] }] : []),
    ],
    cloudWatch: {
      logGroupName, logGroupArn, retentionDays: decl.trail.retentionDays,
      // CloudWatch Logs encrypts only with a key of its own region; it lives with the log group.
      key: desiredKey({
        name: TRAIL_LOG_GROUP_KEY, account: management, accountId: managementId, region, description: 'KMS key of the organization trail CloudWatch Logs group',
        grants: [{
          Sid: 'CloudWatchLogsEncryptThisGroup', Effect: 'Allow', Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
          Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
        }],
      }),
      roleName: `${decl.trail.name}-cloudwatch`,
      roleTrust: policyDocument([{ Effect: 'Allow', Principal: cloudtrail, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } }]),
      policyName: `${decl.trail.name}-cloudwatch`,
      policy: policyDocument([{ Sid: 'DeliverToTrailLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:log-stream:*` }]),
    },
    source: decl.trail.source,
  };
  return { archiveAccount: archive, key, logBucket, accessLogBucket, trail, flowLogDestination: `${logArn}/${flowPrefix}/` };
}
