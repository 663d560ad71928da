import type { DesiredBucket, DesiredKey, DesiredLogging } from '../../../desired';
import type { SourceLocation } from '../../../model/types';
import { desiredForAudit, type AreaCheck, type DriftContext } from '../../drift/context';
import { holdsUnknown } from '../../drift/desired';
import { categories, findingsOf, type Finding } from '../../drift/finding';
import { normalizePolicy } from '../../drift/normalize';
import type { ReadView } from '../../drift/unread';
import { selectorProblems } from './selectors';
import type { LiveBucket, LiveKey, LiveLogging, LiveObjectLock } from './snapshot';

export const LOGGING_CATEGORIES = categories([
  { id: 'trail-missing', severity: 'critical', title: 'Organization trail missing', description: 'The declared organization trail does not exist: API activity of the organization is not recorded.' },
  { id: 'trail-misconfigured', severity: 'high', title: 'Organization trail misconfigured', description: 'The organization trail is not logging, not organization-wide, not multi-region, has no log file validation, no KMS encryption, delivers elsewhere, or does not log the declared events: management events read and write from every source, the declared data events and no others.' },
  { id: 'log-bucket-misconfigured', severity: 'high', title: 'Log archive misconfigured', description: 'The log archive bucket or its key differs from the declaration: public access, encryption, versioning, access logging, lifecycle, policy, object ownership, Object Lock, or key rotation.' },
]);
const finding = findingsOf(LOGGING_CATEGORIES);

const parse = (text: string | null | undefined): unknown => {
  try { return JSON.parse(text ?? ''); } catch { return text; }
};

const REDEPLOY = 'redeploy the logging stack (cdktf deploy logging); if the change was wanted, declare it in accounts/logging.yaml';

/** The organization trail, the log bucket and the archive key against what the logging stack deploys (desired/logging.ts). */
export const logging: AreaCheck<string, LiveLogging> = (ctx) => {
  const live = ctx.live;
  const desired = desiredForAudit(ctx).logging;
  if (!desired) return [];
  // Trail, bucket and key apart: one of them unread leaves the others checked.
  return ctx.each([
    () => trailFindings(ctx, live, desired),
    () => bucketFindings(ctx, () => live.bucket, desired.logBucket),
    () => keyFindings(ctx, live.key, desired.key),
  ], (unit) => unit());
};

function trailFindings(ctx: DriftContext, live: ReadView<LiveLogging>, desired: DesiredLogging): Finding[] {
  const want = desired.trail;
  const trail = live.trails.find((t) => t.arn === want.arn) ?? live.trails.find((t) => t.name === want.name);
  const resource = { type: 'trail', id: want.arn, name: want.name };
  if (!trail) {
    return [finding({
      category: 'trail-missing', resource, expected: want.name, actual: live.trails.map((t) => t.name),
      message: `the organization trail ${want.name} does not exist in the management account (${ctx.snapshot.organization.managementAccountId})`,
      remediation: 'redeploy the logging stack (cdktf deploy logging)', location: want.source,
    })];
  }
  // Each setting on its own: an unread status (GetTrailStatus) leaves the others checked.
  const problems: (() => [string, boolean, unknown, unknown, string])[] = [
    () => ['logging', trail.isLogging !== want.logging, want.logging, trail.isLogging, 'is not logging'],
    () => ['organization', trail.isOrganizationTrail !== want.isOrganizationTrail, want.isOrganizationTrail, trail.isOrganizationTrail, 'is not an organization trail'],
    () => ['multi-region', trail.isMultiRegionTrail !== want.isMultiRegionTrail, want.isMultiRegionTrail, trail.isMultiRegionTrail, 'is not multi-region'],
    () => ['global-events', trail.includeGlobalServiceEvents !== want.includeGlobalServiceEvents, want.includeGlobalServiceEvents, trail.includeGlobalServiceEvents, 'does not include global service events'],
    () => ['log-file-validation', trail.logFileValidationEnabled !== want.logFileValidation, want.logFileValidation, trail.logFileValidationEnabled,
      want.logFileValidation ? 'has no log file validation' : 'validates log files, which the declaration turns off'],
    () => ['kms', trail.kmsKeyId !== want.kmsKeyArn, want.kmsKeyArn, trail.kmsKeyId ?? null, trail.kmsKeyId ? 'is encrypted with another key' : 'is not encrypted with KMS'],
    () => ['bucket', trail.s3BucketName !== want.bucket, want.bucket, trail.s3BucketName ?? null, `delivers to ${trail.s3BucketName ?? 'no bucket'}, not ${want.bucket}`],
  ];
  const misconfigured = (about: string, expected: unknown, actual: unknown, what: string): Finding => finding({
    category: 'trail-misconfigured', resource, about, expected, actual,
    message: `the organization trail ${trail.name} ${what}`,
    remediation: about === 'logging' ? `aws cloudtrail start-logging --name ${trail.arn}` : 'redeploy the logging stack (cdktf deploy logging)',
    location: want.source,
  });
  return [
    ...ctx.each(problems, (problem) => {
      const [about, bad, expected, actual, what] = problem();
      // A value with an id the audit could not read is not compared (its read error is reported).
      if (!bad || holdsUnknown(expected)) return [];
      return [misconfigured(about, expected, actual, what)];
    }),
    // Its own unit: unread event selectors (GetEventSelectors) leave the settings above checked.
    ...ctx.each([trail], (t) => selectorProblems(t.eventSelectors, want).map((p) => misconfigured(p.about, p.expected, p.actual, p.what))),
  ];
}

/**
 * One bucket against its desired settings, each setting on its own (one unread setting leaves the
 * others checked); `null` is S3 saying the bucket, or the setting, does not exist.
 */
export function bucketFindings(ctx: DriftContext, read: () => ReadView<LiveBucket> | null, want: DesiredBucket): Finding[] {
  const out: Finding[] = [];
  const location = want.source as SourceLocation;
  const bad = (about: string, expected: unknown, actual: unknown, what: string): void => {
    // A value with an id the audit could not read is not compared (its read error is reported).
    if (holdsUnknown(expected)) return;
    out.push(finding({
      category: 'log-bucket-misconfigured', resource: { type: 'bucket', id: want.bucket, name: want.bucket }, about, expected, actual,
      message: `the log bucket ${want.bucket} ${what}`, remediation: REDEPLOY, location,
    }));
  };
  const b = read();
  if (b === null) {
    bad('exists', want.bucket, null, 'does not exist');
    return out;
  }
  const settings: (() => void)[] = [
    () => {
      const pab = b.publicAccessBlock;
      if (JSON.stringify(pab && sortKeys(pab)) !== JSON.stringify(sortKeys(want.publicAccessBlock))) bad('public-access-block', want.publicAccessBlock, pab, 'does not block all public access');
    },
    () => { if (b.versioning !== want.versioning) bad('versioning', want.versioning, b.versioning, `has versioning ${b.versioning ?? 'never enabled'}`); },
    () => {
      const e = b.encryption;
      const w = want.encryption;
      const same = e && e.algorithm === w.algorithm
        && (w.algorithm !== 'aws:kms' || (e.kmsKeyId === w.kmsKeyArn && (e.bucketKeyEnabled ?? false) === w.bucketKeyEnabled));
      if (!same) bad('encryption', w, e, 'is not encrypted by default as declared');
    },
    () => {
      if (JSON.stringify(b.logging) !== JSON.stringify(want.accessLogging ?? null)) bad('access-logging', want.accessLogging ?? null, b.logging, 'does not deliver its access logs as declared');
    },
    () => {
      const have = (b.lifecycle ?? []).map((r) => ({
        id: r.id, status: r.status, transitions: r.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
        expirationDays: r.expirationDays, noncurrentExpirationDays: r.noncurrentExpirationDays,
      }));
      const expected = want.lifecycle.map((r) => ({
        id: r.id, status: r.status, transitions: r.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
        expirationDays: r.expirationDays, noncurrentExpirationDays: r.noncurrentExpirationDays,
      }));
      if (JSON.stringify(have) !== JSON.stringify(expected)) bad('lifecycle', expected, have, 'has another lifecycle than declared');
    },
    () => {
      if (b.policy === null || normalizePolicy(parse(b.policy)) !== normalizePolicy(want.policy)) {
        bad('policy', want.policy, parse(b.policy), b.policy === null ? 'has no bucket policy' : 'has a policy that differs from the declaration');
      }
    },
    () => {
      // null: S3 says the bucket has no ownership controls, which is not the declared setting either.
      if (b.objectOwnership !== want.objectOwnership) {
        bad('object-ownership', want.objectOwnership, b.objectOwnership,
          b.objectOwnership === null ? 'has no ownership controls' : `has object ownership ${b.objectOwnership}, not ${want.objectOwnership}: ACLs are enabled`);
      }
    },
    () => objectLockFinding(b.objectLock, want.objectLock, bad),
  ];
  ctx.each(settings, (check) => { check(); return []; });
  return out;
}

const retention = (r: NonNullable<LiveObjectLock['defaultRetention']>): string => `${r.mode} for ${r.days !== undefined ? `${r.days} days` : `${r.years} years`}`;

/**
 * Object Lock against the declaration. Undeclared, a default retention is drift like the other
 * settings the stack does not deploy (access logs, lifecycle rules): it keeps every new log object
 * for its period, past the declared expiry if longer. Object Lock on without a default retention
 * is not: it keeps nothing by itself, and S3 cannot turn it off again
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html), so no
 * redeployment could clear such a finding. Declared, mode and days must be the declared ones; a
 * retention S3 answers in years is compared as it is, never converted to days (S3 documents no
 * conversion), so it differs from the declared days: the stack would write days again.
 */
function objectLockFinding(lock: LiveObjectLock | null, want: DesiredBucket['objectLock'], bad: (about: string, expected: unknown, actual: unknown, what: string) => void): void {
  const have = lock?.defaultRetention;
  if (!want) {
    if (have) bad('object-lock', null, lock, `retains new objects by default (${retention(have)}), which the declaration does not ask for`);
    return;
  }
  if (lock?.enabled && have && have.mode === want.mode && have.days === want.days && have.years === undefined) return;
  const declared = `declared ${want.mode} for ${want.days} days`;
  bad('object-lock', want, lock,
    !lock?.enabled ? `has no Object Lock (${declared})` : !have ? `has Object Lock without a default retention (${declared})` : `retains new objects ${retention(have)}, ${declared}`);
}

export function keyFindings(ctx: DriftContext, k: ReadView<LiveKey> | null, want: DesiredKey): Finding[] {
  const out: Finding[] = [];
  const bad = (about: string, expected: unknown, actual: unknown, what: string): void => {
    if (holdsUnknown(expected)) return;
    out.push(finding({
      category: 'log-bucket-misconfigured', resource: { type: 'kms-key', id: k?.arn ?? want.alias, name: want.alias }, about: `key-${about}`, expected, actual,
      message: `the key ${want.alias} ${what}`, remediation: REDEPLOY, location: want.source as SourceLocation,
    }));
  };
  if (k === null) {
    bad('exists', want.alias, null, 'does not exist');
    return out;
  }
  if (k.alias !== want.alias) bad('alias', want.alias, k.alias, `is found as ${k.alias}, not ${want.alias}`);
  if (k.keyState && k.keyState !== 'Enabled') bad('state', 'Enabled', k.keyState, `is ${k.keyState}`);
  ctx.each([
    () => { if (k.rotationEnabled !== want.rotation) bad('rotation', want.rotation, k.rotationEnabled, 'has automatic rotation disabled'); },
    () => { if (normalizePolicy(parse(k.policy)) !== normalizePolicy(want.policy)) bad('policy', want.policy, parse(k.policy), 'has a key policy that differs from the declaration'); },
  ], (check) => { check(); return []; });
  return out;
}

function sortKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) as T;
}
