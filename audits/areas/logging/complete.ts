import { isRead, notRead, type CollectionError } from '../../readable';
import type { LiveLogging } from './snapshot';

/** Settings of the log bucket lzkit reads that an older lzkit did not, each with the API that reads it. */
const LATER_READS = { objectOwnership: 's3:GetBucketOwnershipControls', objectLock: 's3:GetObjectLockConfiguration' } as const;

/**
 * The logging part of a snapshot saved before lzkit read the bucket's object ownership and
 * Object Lock: each missing setting is not read, with its error, so it is reported unauditable
 * instead of being compared as if S3 had said "none".
 */
export function completeLogging(live: LiveLogging, absent: string): { live: LiveLogging; errors: CollectionError[] } {
  const bucket = live.bucket;
  if (!isRead(bucket) || bucket === null) return { live, errors: [] };
  const missing = (Object.keys(LATER_READS) as (keyof typeof LATER_READS)[]).filter((k) => bucket[k] === undefined);
  if (!missing.length) return { live, errors: [] };
  return {
    live: { ...live, bucket: { ...bucket, ...Object.fromEntries(missing.map((k) => [k, notRead([LATER_READS[k]])])) } },
    errors: missing.map((k) => ({
      scope: 'organization', resourceId: live.archiveAccountId, api: LATER_READS[k], code: absent,
      message: `the snapshot holds no ${k} of the log bucket ${bucket.name} (saved by an older lzkit); collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)`,
    })),
  };
}
