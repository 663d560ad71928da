import { CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import type { TerraformResourceJson } from '../terraform';
import { block, blocks, ownerByReferenceOrValue, type Mapper, type MergedMapper, type ShadowContext } from './types';

const intoBucket: MergedMapper = {
  kind: 'merged',
  owner: (r, all) => ownerByReferenceOrValue(r.body.bucket, 'aws_s3_bucket', 'bucket', all),
};

/** The S3 settings Terraform keeps as separate resources, merged back into one CfnBucket. */
export const S3_PARTS = [
  'aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_logging',
  'aws_s3_bucket_public_access_block', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_object_lock_configuration',
] as const;

export const s3Mappers: Record<string, Mapper> = {
  ...Object.fromEntries(S3_PARTS.map((t) => [t, intoBucket])),
  aws_s3_bucket: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnBucket(scope, id, bucketProps(r, ctx)),
  },
  aws_s3_bucket_policy: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnBucketPolicy(scope, id, { bucket: ctx.cfn(r.body.bucket) as string, policyDocument: ctx.policy(r.body.policy) }),
  },
};

function bucketProps(r: TerraformResourceJson, ctx: ShadowContext): Record<string, unknown> {
  const part = (type: string) => ctx.partsOf(r.address, type)[0]?.body;
  const b = r.body;
  // Inline (provider v3 style) settings first; the separate resources win, as they do in AWS.
  const props: Record<string, unknown> = { bucketName: ctx.cfn(b.bucket) };
  const inlineVersioning = block(b.versioning);
  if (inlineVersioning) props.versioningConfiguration = { status: inlineVersioning.enabled ? 'Enabled' : 'Suspended' };
  const inlineLogging = block(b.logging);
  if (inlineLogging) props.loggingConfiguration = { destinationBucketName: ctx.cfn(inlineLogging.target_bucket), logFilePrefix: inlineLogging.target_prefix };
  const inlineSse = block(b.server_side_encryption_configuration);
  if (inlineSse) props.bucketEncryption = encryption(blocks(inlineSse.rule), ctx);
  if (b.object_lock_enabled === true) props.objectLockEnabled = true;

  const versioning = part('aws_s3_bucket_versioning');
  if (versioning) props.versioningConfiguration = { status: block(versioning.versioning_configuration)?.status };
  const sse = part('aws_s3_bucket_server_side_encryption_configuration');
  if (sse) props.bucketEncryption = encryption(blocks(sse.rule), ctx);
  const logging = part('aws_s3_bucket_logging');
  if (logging) props.loggingConfiguration = { destinationBucketName: ctx.cfn(logging.target_bucket), logFilePrefix: logging.target_prefix };
  const pab = part('aws_s3_bucket_public_access_block');
  if (pab) {
    props.publicAccessBlockConfiguration = {
      blockPublicAcls: pab.block_public_acls ?? false, blockPublicPolicy: pab.block_public_policy ?? false,
      ignorePublicAcls: pab.ignore_public_acls ?? false, restrictPublicBuckets: pab.restrict_public_buckets ?? false,
    };
  }
  const ownership = part('aws_s3_bucket_ownership_controls');
  if (ownership) props.ownershipControls = { rules: blocks(ownership.rule).map((x) => ({ objectOwnership: x.object_ownership })) };
  const lifecycle = part('aws_s3_bucket_lifecycle_configuration');
  if (lifecycle) props.lifecycleConfiguration = { rules: blocks(lifecycle.rule).map(lifecycleRule) };
  const lock = part('aws_s3_bucket_object_lock_configuration');
  if (lock) {
    const retention = block(block(lock.rule)?.default_retention);
    props.objectLockEnabled = true;
    props.objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: retention ? { defaultRetention: { mode: retention.mode, days: retention.days, years: retention.years } } : undefined };
  }
  return props;
}

function encryption(rules: Record<string, unknown>[], ctx: ShadowContext): unknown {
  return {
    serverSideEncryptionConfiguration: rules.map((rule) => {
      const d = block(rule.apply_server_side_encryption_by_default);
      return {
        serverSideEncryptionByDefault: d ? { sseAlgorithm: d.sse_algorithm, kmsMasterKeyId: d.kms_master_key_id === undefined ? undefined : ctx.cfn(d.kms_master_key_id) } : undefined,
        bucketKeyEnabled: rule.bucket_key_enabled,
      };
    }),
  };
}

function lifecycleRule(rule: Record<string, unknown>): unknown {
  return {
    id: rule.id, status: rule.status,
    prefix: block(rule.filter)?.prefix || undefined,
    transitions: blocks(rule.transition).map((t) => ({ storageClass: t.storage_class, transitionInDays: t.days })),
    expirationInDays: block(rule.expiration)?.days,
    noncurrentVersionExpiration: block(rule.noncurrent_version_expiration) ? { noncurrentDays: block(rule.noncurrent_version_expiration)?.noncurrent_days } : undefined,
    abortIncompleteMultipartUpload: block(rule.abort_incomplete_multipart_upload)
      ? { daysAfterInitiation: block(rule.abort_incomplete_multipart_upload)?.days_after_initiation } : undefined,
  };
}
