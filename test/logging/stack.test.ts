import { loadLandingZoneOrThrow } from '../../model';
import { synthesizeInMemory, type SynthesizedStack } from '../../stacks/nag';
import { edit, removeCopies, replaceOnce } from '../model/declaration-copy';
import { copyWithLogging, LOGGING_YAML } from './fixture';

afterAll(removeCopies);

type Body = Record<string, unknown>;
const resources = (s: SynthesizedStack, type: string): Record<string, Body> => ((s.json.resource as Record<string, Record<string, Body>>)[type] ?? {});
const one = (s: SynthesizedStack, type: string, name: string): Body => {
  const r = resources(s, type)[name];
  if (!r) throw new Error(`no ${type}.${name} in ${Object.keys(resources(s, type)).join(', ')}`);
  return r;
};

describe('the logging stack', () => {
  const logging = synthesizeInMemory(loadLandingZoneOrThrow(copyWithLogging())).find((s) => s.name === 'logging')!;

  it('builds an organization, multi-region, validated, KMS-encrypted trail in the management account', () => {
    const trail = one(logging, 'aws_cloudtrail', 'organization_trail');
    expect(trail).toMatchObject({
      is_organization_trail: true, is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true,
      kms_key_id: '${aws_kms_key.log_archive_key.arn}', s3_bucket_name: '${aws_s3_bucket.log_archive_bucket.bucket}',
      cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.organization_trail.arn}:*', provider: 'aws',
    });
    // CloudTrail checks the bucket policy and the key when the trail is created.
    expect(trail.depends_on).toEqual(expect.arrayContaining(['aws_s3_bucket_policy.log_archive_bucket', 'aws_kms_key.log_archive_key']));
    expect(one(logging, 'aws_cloudwatch_log_group', 'organization_trail')).toMatchObject({ retention_in_days: 365, kms_key_id: '${aws_kms_key.trail_log_group_key.arn}' });
  });

  it('rotates the archive key and lets CloudTrail encrypt only for this trail', () => {
    const key = one(logging, 'aws_kms_key', 'log_archive_key');
    expect(key).toMatchObject({ enable_key_rotation: true, provider: 'aws.log-archive-us-east-1' });
    const policy = JSON.parse(key.policy as string) as { Statement: { Sid: string; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown }[] };
    const encrypt = policy.Statement.find((s) => s.Sid === 'CloudTrailEncryptThisTrail')!;
    expect(encrypt.Condition!.StringEquals).toEqual({ 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lzkit-organization-trail', 'aws:SourceAccount': '111111111111' });
    expect(encrypt.Condition!.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']).toBe('arn:aws:cloudtrail:*:111111111111:trail/lzkit-organization-trail');
    expect(policy.Statement.find((s) => s.Sid === 'DeclaredReadersDecrypt')!.Principal).toEqual({ AWS: ['arn:aws:iam::333333333333:root'] });
  });

  it('hardens both buckets: four public access blocks, versioning, owner-enforced, TLS-only policy', () => {
    for (const name of ['log_archive_bucket', 'access_log_bucket']) {
      expect(one(logging, 'aws_s3_bucket_public_access_block', name)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(one(logging, 'aws_s3_bucket_versioning', name)).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
      expect(one(logging, 'aws_s3_bucket_ownership_controls', name)).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
      const policy = JSON.parse(one(logging, 'aws_s3_bucket_policy', name).policy as string) as { Statement: Record<string, unknown>[] };
      expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
    expect(one(logging, 'aws_s3_bucket_server_side_encryption_configuration', 'log_archive_bucket').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.log_archive_key.arn}' }, bucket_key_enabled: true },
    ]);
    expect(one(logging, 'aws_s3_bucket_logging', 'log_archive_bucket')).toMatchObject({ target_bucket: '${aws_s3_bucket.access_log_bucket.bucket}', target_prefix: 'log-archive/' });
    expect(one(logging, 'aws_s3_bucket', 'log_archive_bucket')).toMatchObject({ bucket: 'lzkit-logs-222222222222', lifecycle: { prevent_destroy: true } });
  });

  it('lets CloudTrail write only under AWSLogs/<org-id>/ and AWSLogs/<management-id>/ for this trail, and flow logs under their prefix', () => {
    const statements = (JSON.parse(one(logging, 'aws_s3_bucket_policy', 'log_archive_bucket').policy as string) as { Statement: Record<string, unknown>[] }).Statement;
    const write = statements.find((s) => s.Sid === 'CloudTrailWrite')!;
    expect(write.Resource).toEqual(['${aws_s3_bucket.log_archive_bucket.arn}/AWSLogs/o-a1b2c3d4e5/*', '${aws_s3_bucket.log_archive_bucket.arn}/AWSLogs/111111111111/*']);
    expect(write.Condition).toEqual({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lzkit-organization-trail' } });
    expect(statements.find((s) => s.Sid === 'FlowLogsWrite')!.Resource).toBe('${aws_s3_bucket.log_archive_bucket.arn}/vpc-flow-logs/AWSLogs/*');
  });

  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html: "If you're using an
  // existing S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required to create or update a trail with SSE-KMS".
  it('lets CloudTrail decrypt with the archive key for this trail, as a bucket with an S3 Bucket Key requires', () => {
    const policy = JSON.parse(one(logging, 'aws_kms_key', 'log_archive_key').policy as string) as { Statement: Record<string, unknown>[] };
    expect(one(logging, 'aws_s3_bucket_server_side_encryption_configuration', 'log_archive_bucket').rule).toEqual([expect.objectContaining({ bucket_key_enabled: true })]);
    expect(policy.Statement).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:Decrypt',
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lzkit-organization-trail', 'aws:SourceAccount': '111111111111' } },
    }));
  });

  // Log delivery writes without lzkit's headers: CloudTrail's digest files are SSE-S3
  // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html), flow logs rely on the
  // bucket's default encryption (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html); a negated
  // condition operator matches a missing key (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
  // The bucket policy is evaluated by iam-simulate as S3 would evaluate it for those writes.
  it('lets CloudTrail digest files (SSE-S3) and header-less flow-log delivery through, and still denies a role writing with another key', () => {
    const { evaluate } = jest.requireActual<typeof import('../../model/simulate/engine')>('../../model/simulate/engine');
    const document = JSON.parse(one(logging, 'aws_s3_bucket_policy', 'log_archive_bucket').policy as string) as unknown;
    const keyArn = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';
    // The key's and the bucket's ARNs are references in the synthesized policy: stand in the live ones.
    const policy = JSON.parse(JSON.stringify(document).split('${aws_kms_key.log_archive_key.arn}').join(keyArn)
      .split('${aws_s3_bucket.log_archive_bucket.arn}').join('arn:aws:s3:::lzkit-logs-222222222222')) as unknown;
    const put = (principal: string, resource: string, context: Record<string, string>) => evaluate({
      principal, action: 's3:PutObject', resource, resourceAccountId: '222222222222', context: { 'aws:SecureTransport': 'true', ...context },
      identityPolicies: [], resourcePolicy: { name: 'bucket', document: policy }, scpLevels: [], rcpLevels: [],
    });
    const trail = { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lzkit-organization-trail', 'aws:SourceAccount': '111111111111', 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:PrincipalIsAWSService': 'true' };
    const digest = 'arn:aws:s3:::lzkit-logs-222222222222/AWSLogs/o-a1b2c3d4e5/111111111111/CloudTrail-Digest/us-east-1/2026/11/26/x.json.gz';
    expect(put('cloudtrail.amazonaws.com', digest, { ...trail, 's3:x-amz-server-side-encryption': 'AES256' }).decision).toBe('Allowed');
    const flow = 'arn:aws:s3:::lzkit-logs-222222222222/vpc-flow-logs/AWSLogs/555555555555/vpcflowlogs/us-east-1/2026/11/26/x.log.gz';
    expect(put('delivery.logs.amazonaws.com', flow, { 'aws:SourceOrgID': 'o-a1b2c3d4e5', 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:PrincipalIsAWSService': 'true' }).decision).toBe('Allowed');
    const role = 'arn:aws:iam::222222222222:role/someone';
    const other = put(role, 'arn:aws:s3:::lzkit-logs-222222222222/x', { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:222222222222:key/other', 'aws:PrincipalIsAWSService': 'false' });
    expect(other.decision).toBe('ExplicitlyDenied');
    expect(other.denies.map((d) => d.statement)).toContain('DenyOtherKmsKey');
  });

  it('follows the declaration: lifecycle days, object lock, data events, log file validation switch', () => {
    const dir = copyWithLogging();
    edit(dir, LOGGING_YAML, replaceOnce('  lifecycle:\n', '  objectLock: { mode: GOVERNANCE, days: 365 }\n  lifecycle:\n'));
    edit(dir, LOGGING_YAML, replaceOnce('    s3: false', '    s3: true'));
    edit(dir, LOGGING_YAML, replaceOnce('logFileValidation: true', 'logFileValidation: false'));
    const s = synthesizeInMemory(loadLandingZoneOrThrow(dir)).find((x) => x.name === 'logging')!;
    expect(one(s, 'aws_s3_bucket_object_lock_configuration', 'log_archive_bucket')).toMatchObject({ rule: { default_retention: { mode: 'GOVERNANCE', days: 365 } } });
    expect(one(s, 'aws_s3_bucket', 'log_archive_bucket')).toMatchObject({ object_lock_enabled: true });
    const trail = one(s, 'aws_cloudtrail', 'organization_trail');
    expect(trail.enable_log_file_validation).toBe(false);
    expect(trail.event_selector).toEqual([{ read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }]);
    const rule = (one(s, 'aws_s3_bucket_lifecycle_configuration', 'log_archive_bucket').rule as Body[])[0];
    expect(rule.transition).toEqual([{ days: 90, storage_class: 'STANDARD_IA' }, { days: 365, storage_class: 'GLACIER' }]);
    expect(rule.expiration).toEqual([{ days: 2557 }]);
  });
});
