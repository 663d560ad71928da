import { isRead, notRead, type CollectionError } from '../../readable';
import type { LiveLogging, LiveTrail } from './snapshot';

/** Settings of the log bucket lzkit reads that an older lzkit did not, each with the API that reads it. */
const LATER_READS = { objectOwnership: 's3:GetBucketOwnershipControls', objectLock: 's3:GetObjectLockConfiguration' } as const;
const EVENT_SELECTORS = 'cloudtrail:GetEventSelectors';

/**
 * The logging part of a snapshot saved before lzkit read the bucket's object ownership and
 * Object Lock, or the trails' event selectors: each missing setting is not read, with its error,
 * so it is reported unauditable instead of being compared as if AWS had said "none".
 */
export function completeLogging(live: LiveLogging, absent: string): { live: LiveLogging; errors: CollectionError[] } {
  const errors: CollectionError[] = [];
  const older = `(saved by an older lzkit); collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)`;
  let trails = live.trails;
  if (isRead(trails) && trails.some((t) => t.eventSelectors === undefined)) {
    trails = trails.map((t): LiveTrail => {
      if (t.eventSelectors !== undefined) return t;
      errors.push({ scope: 'organization', resourceId: live.managementAccountId, api: EVENT_SELECTORS, code: absent, message: `the snapshot holds no event selectors of the trail ${t.name} ${older}` });
      return { ...t, eventSelectors: notRead([EVENT_SELECTORS]) };
    });
  }
  let bucket = live.bucket;
  if (isRead(bucket) && bucket !== null) {
    const b = bucket;
    const missing = (Object.keys(LATER_READS) as (keyof typeof LATER_READS)[]).filter((k) => b[k] === undefined);
    if (missing.length) {
      bucket = { ...b, ...Object.fromEntries(missing.map((k) => [k, notRead([LATER_READS[k]])])) };
      errors.push(...missing.map((k): CollectionError => ({
        scope: 'organization', resourceId: live.archiveAccountId, api: LATER_READS[k], code: absent,
        message: `the snapshot holds no ${k} of the log bucket ${b.name} ${older}`,
      })));
    }
  }
  return errors.length ? { live: { ...live, trails, bucket }, errors } : { live, errors };
}
