import { notRead } from '../../readable';
import { AwsError, epoch, escapeXml } from '../../sandbox/protocol';
import type { JsonHandler, S3Handler, SandboxService } from '../../sandbox/service';
import { section, served, type SandboxWorld } from '../../sandbox/world';
import type { LiveLogging } from './snapshot';

/*
 * CloudTrail, KMS and S3 as the logging collectors call them, answered from the snapshot's logging
 * part: each answers only in the account that holds the data (the trail in the management account,
 * the bucket and key in the log archive account); a part the snapshot could not read is denied to
 * the operation that reads it.
 */
const KEY = 'logging';
const X = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** CloudTrail (JSON 1.1, target CloudTrail_20131101.*). */
const CLOUDTRAIL_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeTrails: (w, _i, _s, caller) => {
    const l = section(w.part<LiveLogging>(KEY), 'cloudtrail:DescribeTrails');
    if (!l || l.managementAccountId !== caller) return { trailList: [] };
    return {
      trailList: served(l.trails, 'cloudtrail:DescribeTrails').map((t) => ({
        Name: t.name, TrailARN: t.arn, HomeRegion: t.homeRegion, S3BucketName: t.s3BucketName, KmsKeyId: t.kmsKeyId, IsOrganizationTrail: t.isOrganizationTrail,
        IsMultiRegionTrail: t.isMultiRegionTrail, IncludeGlobalServiceEvents: t.includeGlobalServiceEvents, LogFileValidationEnabled: t.logFileValidationEnabled,
        HasCustomEventSelectors: false, HasInsightSelectors: false,
      })),
    };
  },
  GetTrailStatus: (w, input, _s, caller) => {
    const t = trail(w, input.Name, caller, 'cloudtrail:GetTrailStatus');
    return { IsLogging: served(t.isLogging, 'cloudtrail:GetTrailStatus'), LatestDeliveryTime: epoch() };
  },
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html: the
  // trail's ARN and either its basic or its advanced selectors (a trail cannot have both). A
  // snapshot of an older lzkit holds no selectors (undefined): denied, as a part not read.
  GetEventSelectors: (w, input, _s, caller) => {
    const op = 'cloudtrail:GetEventSelectors';
    const t = trail(w, input.TrailName, caller, op);
    const e = served(t.eventSelectors === undefined ? notRead([op]) : t.eventSelectors, op);
    const list = (name: string, v: readonly string[] | undefined) => (v ? { [name]: [...v] } : {});
    return e.advanced.length
      ? {
        TrailARN: t.arn,
        AdvancedEventSelectors: e.advanced.map((a) => ({
          ...(a.name ? { Name: a.name } : {}),
          FieldSelectors: a.fieldSelectors.map((f) => ({
            Field: f.field, ...list('Equals', f.equals), ...list('StartsWith', f.startsWith), ...list('EndsWith', f.endsWith),
            ...list('NotEquals', f.notEquals), ...list('NotStartsWith', f.notStartsWith), ...list('NotEndsWith', f.notEndsWith),
          })),
        })),
      }
      : {
        TrailARN: t.arn,
        EventSelectors: e.basic.map((b) => ({
          ReadWriteType: b.readWriteType, IncludeManagementEvents: b.includeManagementEvents,
          DataResources: b.dataResources.map((d) => ({ Type: d.type, Values: [...d.values] })), ExcludeManagementEventSources: [...b.excludeManagementEventSources],
        })),
      };
  },
};

/** The management account's trail by name or ARN; CloudTrail's TrailNotFoundException for any other. */
function trail(w: SandboxWorld, name: unknown, caller: string, operation: string) {
  const l = section(w.part<LiveLogging>(KEY), operation);
  const t = l?.managementAccountId === caller ? served(l.trails, operation).find((x) => x.arn === name || x.name === name) : undefined;
  if (!t) throw new AwsError('TrailNotFoundException', `Unknown trail: ${String(name)} for the user: ${caller}`);
  return t;
}

/** KMS (JSON 1.1, target TrentService.*). */
const KMS_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeKey: (w, input, _s, caller) => {
    const k = key(w, String(input.KeyId ?? ''), caller, 'kms:DescribeKey');
    return { KeyMetadata: { KeyId: k.keyId, Arn: k.arn, AWSAccountId: caller, KeyState: k.keyState ?? 'Enabled', Enabled: (k.keyState ?? 'Enabled') === 'Enabled', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', CreationDate: epoch() } };
  },
  GetKeyRotationStatus: (w, input, _s, caller) => ({ KeyRotationEnabled: served(key(w, String(input.KeyId ?? ''), caller, 'kms:GetKeyRotationStatus').rotationEnabled, 'kms:GetKeyRotationStatus') }),
  GetKeyPolicy: (w, input, _s, caller) => ({ Policy: served(key(w, String(input.KeyId ?? ''), caller, 'kms:GetKeyPolicy').policy, 'kms:GetKeyPolicy'), PolicyName: 'default' }),
};

function key(w: SandboxWorld, id: string, caller: string, operation: string) {
  const l = section(w.part<LiveLogging>(KEY), operation);
  const k = l?.archiveAccountId === caller ? served(l.key, operation) : undefined;
  if (!k || ![k.keyId, k.arn, k.alias, `arn:aws:kms:${w.snapshot.region}:${caller}:${k.alias}`].includes(id)) {
    throw new AwsError('NotFoundException', `${id.startsWith('alias/') ? `Alias arn:aws:kms:${w.snapshot.region}:${caller}:${id}` : `Key '${id}'`} is not found.`);
  }
  return k;
}

/** The answer body (XML, or the policy JSON) for one bucket subresource, in the caller's account. */
const s3Answer: S3Handler = (w, r, caller) => {
  const op = `s3:${r.operation}`;
  const l = section(w.part<LiveLogging>(KEY), op);
  const bucket = l ? served(l.bucket, op) : undefined;
  const b = bucket && bucket.name === r.bucket ? bucket : undefined;
  if (!b) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
  if (l!.archiveAccountId !== caller) throw new AwsError('AccessDenied', 'Access Denied', 403);
  switch (r.subresource) {
    case 'policy': {
      const policy = served(b.policy, op);
      if (!policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
      return policy;
    }
    case 'encryption': {
      const encryption = served(b.encryption, op);
      if (!encryption) throw new AwsError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404);
      return `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault>${X('SSEAlgorithm', encryption.algorithm)}${X('KMSMasterKeyID', encryption.kmsKeyId)}</ApplyServerSideEncryptionByDefault>${X('BucketKeyEnabled', encryption.bucketKeyEnabled)}</Rule></ServerSideEncryptionConfiguration>`;
    }
    case 'versioning':
      return `<VersioningConfiguration ${NS}>${X('Status', served(b.versioning, op) ?? undefined)}</VersioningConfiguration>`;
    case 'publicAccessBlock': {
      const p = served(b.publicAccessBlock, op);
      if (!p) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      return `<PublicAccessBlockConfiguration ${NS}>${X('BlockPublicAcls', p.blockPublicAcls)}${X('IgnorePublicAcls', p.ignorePublicAcls)}${X('BlockPublicPolicy', p.blockPublicPolicy)}${X('RestrictPublicBuckets', p.restrictPublicBuckets)}</PublicAccessBlockConfiguration>`;
    }
    case 'logging': {
      const logging = served(b.logging, op);
      return `<BucketLoggingStatus ${NS}>${logging ? `<LoggingEnabled>${X('TargetBucket', logging.targetBucket)}${X('TargetPrefix', logging.targetPrefix)}</LoggingEnabled>` : ''}</BucketLoggingStatus>`;
    }
    case 'lifecycle': {
      const lifecycle = served(b.lifecycle, op);
      if (!lifecycle?.length) throw new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404);
      return `<LifecycleConfiguration ${NS}>${lifecycle.map((rule) => `<Rule>${X('ID', rule.id)}<Filter><Prefix></Prefix></Filter>${X('Status', rule.status)}`
        + `${rule.transitions.map((t) => `<Transition>${X('Days', t.days)}${X('StorageClass', t.storageClass)}</Transition>`).join('')}`
        + `${rule.expirationDays !== undefined ? `<Expiration>${X('Days', rule.expirationDays)}</Expiration>` : ''}`
        + `${rule.noncurrentExpirationDays !== undefined ? `<NoncurrentVersionExpiration>${X('NoncurrentDays', rule.noncurrentExpirationDays)}</NoncurrentVersionExpiration>` : ''}</Rule>`).join('')}</LifecycleConfiguration>`;
    }
    // The not-found codes and messages are S3's (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
    // A snapshot of an older lzkit holds neither setting (undefined): denied, as a part not read.
    case 'ownershipControls': {
      const ownership = served(b.objectOwnership === undefined ? notRead([op]) : b.objectOwnership, op);
      if (!ownership) throw new AwsError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404);
      return `<OwnershipControls ${NS}><Rule>${X('ObjectOwnership', ownership)}</Rule></OwnershipControls>`;
    }
    case 'object-lock': {
      const lock = served(b.objectLock === undefined ? notRead([op]) : b.objectLock, op);
      if (!lock) throw new AwsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404);
      const r = lock.defaultRetention;
      return `<ObjectLockConfiguration ${NS}>${X('ObjectLockEnabled', lock.enabled ? 'Enabled' : undefined)}`
        + `${r ? `<Rule><DefaultRetention>${X('Mode', r.mode)}${X('Days', r.days)}${X('Years', r.years)}</DefaultRetention></Rule>` : ''}</ObjectLockConfiguration>`;
    }
    default:
      throw new AwsError('NotImplemented', `The sandbox does not serve this S3 request (${r.subresource || 'no subresource'})`, 501);
  }
};

export const LOGGING_SERVICES: readonly SandboxService[] = [
  { service: 'cloudtrail', protocol: 'json', operations: CLOUDTRAIL_OPERATIONS },
  { service: 'kms', protocol: 'json', operations: KMS_OPERATIONS },
  { service: 's3', protocol: 's3', answer: s3Answer },
];
