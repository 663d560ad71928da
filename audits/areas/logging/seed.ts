import { trailEventSelectors, type DesiredBucket, type DesiredKey } from '../../../desired';
import type { SeedContext } from '../area';
import type { LiveBucket, LiveKey, LiveLogging } from './snapshot';

/** A bucket as S3 would answer for it after the stack created it. */
export function liveBucket(b: DesiredBucket): LiveBucket {
  const e = b.encryption;
  return {
    name: b.bucket,
    policy: JSON.stringify(b.policy),
    encryption: e.algorithm === 'aws:kms' ? { algorithm: e.algorithm, kmsKeyId: e.kmsKeyArn, bucketKeyEnabled: e.bucketKeyEnabled } : { algorithm: e.algorithm },
    versioning: b.versioning,
    publicAccessBlock: { ...b.publicAccessBlock },
    logging: b.accessLogging ? { ...b.accessLogging } : null,
    lifecycle: b.lifecycle.map((r) => ({
      id: r.id, status: r.status, transitions: r.transitions.map((t) => ({ ...t })),
      ...(r.expirationDays ? { expirationDays: r.expirationDays } : {}),
      ...(r.noncurrentExpirationDays ? { noncurrentExpirationDays: r.noncurrentExpirationDays } : {}),
    })),
    objectOwnership: b.objectOwnership,
    // The stack turns Object Lock on only with a declared retention (stacks/constructs/hardened-bucket.ts).
    objectLock: b.objectLock ? { enabled: true, defaultRetention: { mode: b.objectLock.mode, days: b.objectLock.days } } : null,
  };
}

export function liveKey(k: DesiredKey, arn: string): LiveKey {
  return { keyId: arn.slice(arn.lastIndexOf('/') + 1), arn, alias: k.alias, keyState: 'Enabled', rotationEnabled: k.rotation, policy: JSON.stringify(k.policy) };
}

/** The log archive as the logging stack deploys it: trail logging with its event selectors, hardened bucket, rotating key. */
export function seedLogging({ desired, ids, managementAccountId }: SeedContext): LiveLogging | undefined {
  const d = desired.logging;
  if (!d) return undefined;
  const archiveId = ids.accountId(d.archiveAccount);
  if (!archiveId) return undefined;
  const t = d.trail;
  return {
    managementAccountId, archiveAccountId: archiveId,
    trails: [{
      name: t.name, arn: t.arn, homeRegion: t.region, s3BucketName: t.bucket, kmsKeyId: t.kmsKeyArn,
      isOrganizationTrail: t.isOrganizationTrail, isMultiRegionTrail: t.isMultiRegionTrail, includeGlobalServiceEvents: t.includeGlobalServiceEvents,
      logFileValidationEnabled: t.logFileValidation, isLogging: t.logging,
      // What CloudTrail answers for the deployed trail: the stack's selector, or its default one.
      eventSelectors: {
        basic: trailEventSelectors(t).selectors.map((e) => ({
          ...e, dataResources: e.dataResources.map((d) => ({ type: d.type, values: [...d.values] })), excludeManagementEventSources: [...e.excludeManagementEventSources],
        })),
        advanced: [],
      },
    }],
    bucket: liveBucket(d.logBucket),
    key: liveKey(d.key, ids.keyArn(d.key.account, d.key.name)!),
  };
}

