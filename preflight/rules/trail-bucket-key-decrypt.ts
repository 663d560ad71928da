import { evaluate, preparePolicy } from '../../model/simulate/engine';
import { allResources, block, providerOf, referencesIn, str, type StackView, type TerraformResourceJson } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

const ALLOW_ALL = preparePolicy('caller', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/**
 * CloudTrail documents that a trail writing to a bucket with an S3 Bucket Key needs kms:Decrypt
 * on its KMS key to be created or updated with SSE-KMS. The key policy must grant it, to
 * CloudTrail for this trail or to the account that creates the trail; evaluated with the
 * simulator's IAM engine on the key policy.
 */
export const trailBucketKeyDecrypt: PreconditionRule = {
  id: 'trail-bucket-key-decrypt',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
  description: 'A trail whose bucket uses an S3 Bucket Key with the trail\'s KMS key may use kms:Decrypt on that key (key policy).',
  check({ stacks }) {
    const all = allResources(stacks);
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const { stack, resource: trail } of all.filter((x) => x.resource.type === 'aws_cloudtrail')) {
      const key = find(all, str(trail.body, 'kms_key_id'), 'aws_kms_key');
      const bucket = [...referencesIn(str(trail.body, 's3_bucket_name') ?? '')].find((a) => a.startsWith('aws_s3_bucket.'));
      if (!key || !bucket) continue;
      const sse = all.find((x) => x.resource.type === 'aws_s3_bucket_server_side_encryption_configuration' && referencesIn(str(x.resource.body, 'bucket') ?? '').has(bucket));
      const rules = sse ? (Array.isArray(sse.resource.body.rule) ? sse.resource.body.rule : [sse.resource.body.rule]) as Record<string, unknown>[] : [];
      const usesBucketKey = rules.some((r) => r?.bucket_key_enabled === true && referencesIn(JSON.stringify(block(r, 'apply_server_side_encryption_by_default') ?? {})).has(key.resource.address));
      if (!usesBucketKey) continue;
      applicable = true;
      if (!decryptAllowed(stack, trail, key.resource)) {
        problems.push({ stack: key.stack.name, resource: key.resource.address, message: `${key.resource.address} encrypts ${bucket} with an S3 Bucket Key, but its policy lets neither CloudTrail (for ${trail.address}) nor the trail's account use kms:Decrypt, which CloudTrail needs to create or update the trail: add a statement granting kms:Decrypt to cloudtrail.amazonaws.com with aws:SourceArn of the trail` });
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};

function find(all: ReturnType<typeof allResources>, ref: string | undefined, type: string): { stack: StackView; resource: TerraformResourceJson } | undefined {
  const address = [...referencesIn(ref ?? '')].find((a) => a.startsWith(`${type}.`));
  return address ? all.find((x) => x.resource.address === address) : undefined;
}

function decryptAllowed(stack: StackView, trail: TerraformResourceJson, key: TerraformResourceJson): boolean {
  let policy: unknown;
  try {
    policy = JSON.parse(str(key.body, 'policy') ?? '');
  } catch {
    return false;
  }
  const p = providerOf(stack, trail);
  const account = p?.allowedAccountIds?.[0] ?? '000000000000';
  const trailArn = `arn:aws:cloudtrail:${p?.region ?? 'us-east-1'}:${account}:trail/${str(trail.body, 'name') ?? 'trail'}`;
  const resource = 'arn:aws:kms:us-east-1:000000000000:key/preflight';
  const asCloudTrail = evaluate({
    principal: 'cloudtrail.amazonaws.com', action: 'kms:Decrypt', resource, resourceAccountId: '000000000000',
    context: { 'aws:SourceArn': trailArn, 'aws:SourceAccount': account, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn, 'kms:CallerAccount': account, 'aws:PrincipalIsAWSService': 'true', 'aws:SecureTransport': 'true' },
    identityPolicies: [], resourcePolicy: { name: key.address, document: policy }, scpLevels: [], rcpLevels: [],
  });
  if (asCloudTrail.decision === 'Allowed') return true;
  const asCreator = evaluate({
    principal: `arn:aws:iam::${account}:role/trail-creator`, action: 'kms:Decrypt', resource, resourceAccountId: '000000000000',
    context: { 'aws:PrincipalArn': `arn:aws:iam::${account}:role/trail-creator`, 'aws:PrincipalAccount': account, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn, 'kms:CallerAccount': account, 'aws:SecureTransport': 'true' },
    identityPolicies: [ALLOW_ALL], resourcePolicy: { name: key.address, document: policy }, scpLevels: [], rcpLevels: [],
  });
  return asCreator.decision === 'Allowed';
}
