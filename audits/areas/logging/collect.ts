import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand,
  GetBucketVersioningCommand, GetObjectLockConfigurationCommand, GetPublicAccessBlockCommand, S3Client,
} from '@aws-sdk/client-s3';
import { resolveLateBound } from '../../../model/late-bound';
import { desiredState } from '../../../desired';
import { errorOf, type CollectContext as AreaContext, type PlanContext } from '../../collect/context';
import { isNotRead, notRead, type NotRead, type Readable } from '../../readable';
import type { LiveBucket, LiveEventSelectors, LiveFieldSelector, LiveKey, LiveLogging, LiveObjectLock, LiveTrail } from './snapshot';

/** What the logging stack deploys, derived from the declaration (never from cdktf.out). */
export interface LoggingPlan {
  readonly managementAccountId: string;
  readonly archiveAccountId: string;
  readonly bucketName: string;
  /** `alias/log-archive-key`: the archive key's alias (stacks/logging.ts). */
  readonly keyAlias: string;
  readonly region: string;
}

/**
 * The log archive as the logging stack names it (desired/logging.ts), with the ids just read: the
 * archive account, the bucket (its name holds the account id) and the key's alias.
 */
export function planLogging(ctx: PlanContext): LoggingPlan | NotRead {
  const logging = desiredState(ctx.lz).logging!;
  const archiveAccountId = ctx.idOf(logging.archiveAccount, 's3:GetBucketPolicy');
  if (isNotRead(archiveAccountId)) return archiveAccountId;
  return {
    managementAccountId: ctx.managementAccountId, archiveAccountId, region: logging.logBucket.region,
    bucketName: resolveLateBound(logging.logBucket.bucket, (v) => {
      const id = v.kind === 'account-id' ? ctx.idOf(v.account, 's3:GetBucketPolicy') : '';
      return isNotRead(id) ? '' : id;
    }),
    keyAlias: logging.key.alias,
  };
}

const absent = (e: unknown, ...codes: string[]): boolean => codes.includes((e as Error)?.name) || codes.includes((e as { Code?: string })?.Code ?? '');

/**
 * Trails (DescribeTrails once, GetTrailStatus and GetEventSelectors per own trail) in the
 * management account; the log bucket's eight settings and the archive key (DescribeKey by alias,
 * rotation, policy) in the log archive account: 1 + 2 x trails + 8 + 3 calls, whatever the size
 * of the organization.
 */
export async function collectLogging(ctx: AreaContext, plan: LoggingPlan): Promise<LiveLogging> {
  const [trails, bucket, key] = await Promise.all([readTrails(ctx, plan), readBucket(ctx, plan), readKey(ctx, plan)]);
  return { managementAccountId: plan.managementAccountId, archiveAccountId: plan.archiveAccountId, trails, bucket, key };
}

async function readTrails(ctx: AreaContext, plan: LoggingPlan): Promise<Readable<LiveTrail[]>> {
  const ct = ctx.pool.reader(CloudTrailClient, plan.managementAccountId, plan.region);
  let list;
  try {
    list = (await ct.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [];
  } catch (e) {
    ctx.record(errorOf('organization', 'cloudtrail:DescribeTrails', e, plan.managementAccountId));
    return notRead(['cloudtrail:DescribeTrails']);
  }
  const failed = (api: string) => (e: unknown): NotRead => { ctx.record(errorOf('organization', api, e, plan.managementAccountId)); return notRead([api]); };
  return Promise.all(list.filter((t) => t.TrailARN).map((t) => ctx.limit(async (): Promise<LiveTrail> => {
    // One after the other: the task holds one slot of the shared concurrency limit.
    const isLogging = await ct.send(new GetTrailStatusCommand({ Name: t.TrailARN })).then((r): Readable<boolean> => r.IsLogging ?? false, failed('cloudtrail:GetTrailStatus'));
    const eventSelectors = await ct.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN })).then((r): Readable<LiveEventSelectors> => eventSelectorsOf(r), failed('cloudtrail:GetEventSelectors'));
    return {
      name: t.Name ?? '', arn: t.TrailARN!, homeRegion: t.HomeRegion ?? plan.region, s3BucketName: t.S3BucketName, kmsKeyId: t.KmsKeyId,
      isOrganizationTrail: t.IsOrganizationTrail ?? false, isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
      includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false, logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
      isLogging, eventSelectors,
    };
  })));
}

/**
 * Both shapes of the answer, as given. A field CloudTrail leaves out of a basic selector has its
 * documented default: ReadWriteType All, IncludeManagementEvents true
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html).
 */
function eventSelectorsOf(r: GetEventSelectorsResponse): LiveEventSelectors {
  const list = (v: string[] | undefined) => (v ? [...v] : undefined);
  return {
    basic: (r.EventSelectors ?? []).map((e) => ({
      readWriteType: e.ReadWriteType ?? 'All', includeManagementEvents: e.IncludeManagementEvents ?? true,
      dataResources: (e.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: [...(d.Values ?? [])] })),
      excludeManagementEventSources: [...(e.ExcludeManagementEventSources ?? [])],
    })),
    advanced: (r.AdvancedEventSelectors ?? []).map((a) => ({
      ...(a.Name ? { name: a.Name } : {}),
      fieldSelectors: (a.FieldSelectors ?? []).map((f): LiveFieldSelector => Object.fromEntries(Object.entries({
        field: f.Field ?? '', equals: list(f.Equals), startsWith: list(f.StartsWith), endsWith: list(f.EndsWith),
        notEquals: list(f.NotEquals), notStartsWith: list(f.NotStartsWith), notEndsWith: list(f.NotEndsWith),
      }).filter(([, v]) => v !== undefined)) as unknown as LiveFieldSelector),
    })),
  };
}

async function readBucket(ctx: AreaContext, plan: LoggingPlan): Promise<LiveBucket | null> {
  const s3 = ctx.pool.reader(S3Client, plan.archiveAccountId, plan.region);
  const Bucket = plan.bucketName;
  let missing = false;
  /** One setting: its value, null when S3 says "none", NotRead (recorded) when unreadable. */
  const read = <T>(api: string, call: () => Promise<T>, none: string[]): Promise<Readable<T | null>> => ctx.limit(() => call().catch((e): Readable<T | null> => {
    if (absent(e, 'NoSuchBucket')) { missing = true; return null; }
    if (absent(e, ...none)) return null;
    ctx.record(errorOf('organization', api, e, plan.archiveAccountId));
    return notRead([api]);
  }));
  const [policy, encryption, versioning, publicAccessBlock, logging, lifecycle, objectOwnership, objectLock] = await Promise.all([
    read('s3:GetBucketPolicy', async () => (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? null, ['NoSuchBucketPolicy']),
    read('s3:GetBucketEncryption', async () => {
      const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
      const d = rule?.ApplyServerSideEncryptionByDefault;
      return d ? { algorithm: d.SSEAlgorithm ?? '', ...(d.KMSMasterKeyID ? { kmsKeyId: d.KMSMasterKeyID } : {}), bucketKeyEnabled: rule?.BucketKeyEnabled ?? false } : null;
    }, ['ServerSideEncryptionConfigurationNotFoundError']),
    read('s3:GetBucketVersioning', async () => (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status ?? null, []),
    read('s3:GetPublicAccessBlock', async () => {
      const c = (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration ?? {};
      return { blockPublicAcls: c.BlockPublicAcls ?? false, ignorePublicAcls: c.IgnorePublicAcls ?? false, blockPublicPolicy: c.BlockPublicPolicy ?? false, restrictPublicBuckets: c.RestrictPublicBuckets ?? false };
    }, ['NoSuchPublicAccessBlockConfiguration']),
    read('s3:GetBucketLogging', async () => {
      const l = (await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled;
      return l?.TargetBucket ? { targetBucket: l.TargetBucket, targetPrefix: l.TargetPrefix ?? '' } : null;
    }, []),
    read('s3:GetBucketLifecycleConfiguration', async () => ((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? []).map((r) => ({
      ...(r.ID ? { id: r.ID } : {}), status: r.Status ?? '',
      transitions: (r.Transitions ?? []).map((t) => ({ days: t.Days, storageClass: t.StorageClass })),
      ...(r.Expiration?.Days !== undefined ? { expirationDays: r.Expiration.Days } : {}),
      ...(r.NoncurrentVersionExpiration?.NoncurrentDays !== undefined ? { noncurrentExpirationDays: r.NoncurrentVersionExpiration.NoncurrentDays } : {}),
    })), ['NoSuchLifecycleConfiguration']),
    // A bucket without ownership controls, or without Object Lock, answers 404 with these codes
    // (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList): the
    // setting is absent, which the checks compare; any other failure leaves it unread.
    read('s3:GetBucketOwnershipControls', async () => {
      const rules = (await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules ?? [];
      return rules[0]?.ObjectOwnership ?? null;
    }, ['OwnershipControlsNotFoundError']),
    read('s3:GetObjectLockConfiguration', async () => objectLockOf((await s3.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration), ['ObjectLockConfigurationNotFoundError']),
  ]);
  if (missing) return null;
  return { name: Bucket, policy, encryption, versioning, publicAccessBlock, logging, lifecycle, objectOwnership, objectLock };
}

/** The configuration as S3 answers it, kept as given: a retention in years is not turned into days. */
function objectLockOf(c: { ObjectLockEnabled?: string; Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } } } | undefined): LiveObjectLock | null {
  if (!c) return null;
  const r = c.Rule?.DefaultRetention;
  return {
    enabled: c.ObjectLockEnabled === 'Enabled',
    ...(r?.Mode ? { defaultRetention: { mode: r.Mode, ...(r.Days !== undefined ? { days: r.Days } : {}), ...(r.Years !== undefined ? { years: r.Years } : {}) } } : {}),
  };
}

async function readKey(ctx: AreaContext, plan: LoggingPlan): Promise<LiveKey | null | NotRead> {
  const kms = ctx.pool.reader(KMSClient, plan.archiveAccountId, plan.region);
  let meta;
  try {
    meta = (await ctx.limit(() => kms.send(new DescribeKeyCommand({ KeyId: plan.keyAlias })))).KeyMetadata;
  } catch (e) {
    if (absent(e, 'NotFoundException')) return null;
    ctx.record(errorOf('organization', 'kms:DescribeKey', e, plan.archiveAccountId));
    return notRead(['kms:DescribeKey']);
  }
  if (!meta?.KeyId) return null;
  const KeyId = meta.KeyId;
  const failed = (api: string) => (e: unknown): NotRead => { ctx.record(errorOf('organization', api, e, plan.archiveAccountId)); return notRead([api]); };
  const [rotationEnabled, policy] = await Promise.all([
    ctx.limit(() => kms.send(new GetKeyRotationStatusCommand({ KeyId }))).then((r): Readable<boolean> => r.KeyRotationEnabled ?? false, failed('kms:GetKeyRotationStatus')),
    ctx.limit(() => kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' }))).then((r): Readable<string> => r.Policy ?? '', failed('kms:GetKeyPolicy')),
  ]);
  return { keyId: KeyId, arn: meta.Arn ?? '', alias: plan.keyAlias, keyState: meta.KeyState, rotationEnabled, policy };
}
