import { runNag, ruleIdsOf, type SynthesizedStack } from '../../stacks/nag';

type Body = Record<string, unknown>;

/** A log bucket as Terraform splits it; `omit` drops one of its hardening resources. */
function bucketStack(omit: 'encryption' | 'versioning' | 'tls' | 'none'): SynthesizedStack {
  const ref = '${aws_s3_bucket.logs.id}';
  const tls = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['${aws_s3_bucket.logs.arn}', '${aws_s3_bucket.logs.arn}/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const other = { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: '${aws_s3_bucket.logs.arn}' };
  const resource: Record<string, Record<string, Body>> = {
    aws_s3_bucket: { logs: { bucket: 'logs-1' }, access: { bucket: 'access-1' } },
    aws_s3_bucket_logging: { logs: { bucket: ref, target_bucket: '${aws_s3_bucket.access.bucket}', target_prefix: 'x/' } },
    aws_s3_bucket_public_access_block: { logs: { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    aws_s3_bucket_policy: { logs: { bucket: ref, policy: JSON.stringify({ Version: '2012-10-17', Statement: omit === 'tls' ? [other] : [tls, other] }) } },
  };
  if (omit !== 'versioning') resource.aws_s3_bucket_versioning = { logs: { bucket: ref, versioning_configuration: { status: 'Enabled' } } };
  if (omit !== 'encryption') {
    resource.aws_s3_bucket_server_side_encryption_configuration = { logs: { bucket: 'logs-1', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:us-east-1:1:key/x' } }] } };
  }
  return { name: 'logging', json: { resource } };
}

const findingsOn = (stack: SynthesizedStack, address: string) =>
  runNag({}, [stack]).findings.filter((f) => f.address === address).map((f) => f.rule);

describe('the CloudFormation shadow is faithful to the Terraform it stands for', () => {
  const cases = [
    { omit: 'encryption', rules: ['NIST.800.53.R5-S3DefaultEncryptionKMS'] },
    { omit: 'versioning', rules: ['NIST.800.53.R5-S3BucketVersioningEnabled'] },
    { omit: 'tls', rules: ['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketSSLRequestsOnly'] },
  ] as const;
  const hardened = findingsOn(bucketStack('none'), 'aws_s3_bucket.logs');

  it.each(cases)('a log bucket without $omit yields $rules at aws_s3_bucket.logs', ({ omit, rules }) => {
    const found = findingsOn(bucketStack(omit), 'aws_s3_bucket.logs');
    for (const rule of rules) expect(found).toContain(rule);
  });

  it.each(cases)('with $omit in place, none of $rules', ({ rules }) => {
    for (const rule of rules) expect(hardened).not.toContain(rule);
  });

  it('merges by literal bucket name as well as by reference (encryption above is matched by name)', () => {
    expect(hardened).not.toContain('NIST.800.53.R5-S3DefaultEncryptionKMS');
  });

  it('a trail without log file validation yields NIST.800.53.R5-CloudTrailLogFileValidationEnabled at its address', () => {
    const trail = (validation: boolean): SynthesizedStack => ({
      name: 'logging',
      json: { resource: { aws_cloudtrail: { org: { name: 't', s3_bucket_name: 'b', is_multi_region_trail: true, enable_log_file_validation: validation, kms_key_id: 'arn:aws:kms:us-east-1:1:key/x' } } } },
    });
    const open = runNag({}, [trail(false)]).findings;
    expect(open).toContainEqual(expect.objectContaining({ rule: 'NIST.800.53.R5-CloudTrailLogFileValidationEnabled', address: 'aws_cloudtrail.org', stack: 'logging', level: 'error', acknowledged: false }));
    expect(runNag({}, [trail(true)]).findings.map((f) => f.rule)).not.toContain('NIST.800.53.R5-CloudTrailLogFileValidationEnabled');
  });

  it('a key without rotation yields NIST.800.53.R5-KMSBackingKeyRotationEnabled; unknown types are listed as not checked', () => {
    const stack: SynthesizedStack = { name: 's', json: { resource: { aws_kms_key: { k: { enable_key_rotation: false } }, aws_organizations_account: { a: { name: 'a' } } } } };
    const r = runNag({}, [stack]);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', address: 'aws_kms_key.k' }));
    expect(r.notChecked).toEqual([expect.objectContaining({ stack: 's', address: 'aws_organizations_account.a', type: 'aws_organizations_account' })]);
  });

  it('a part whose bucket cannot be found is not checked rather than dropped', () => {
    const stack: SynthesizedStack = { name: 's', json: { resource: { aws_s3_bucket_versioning: { v: { bucket: 'elsewhere', versioning_configuration: { status: 'Enabled' } } } } } };
    expect(runNag({}, [stack]).notChecked).toEqual([expect.objectContaining({ address: 'aws_s3_bucket_versioning.v' })]);
  });

  it('lists the rule ids of a pack from cdk-nag itself', () => {
    const r5 = ruleIdsOf('NIST.800.53.R5');
    expect(r5.has('NIST.800.53.R5-CloudTrailLogFileValidationEnabled')).toBe(true);
    expect(ruleIdsOf('AwsSolutions').has('AwsSolutions-S10')).toBe(true);
    expect(r5.has('AwsSolutions-S10')).toBe(false);
  });
});
