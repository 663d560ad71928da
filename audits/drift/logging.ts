import type { LiveLogging } from '../snapshot';
import type { ReadView } from './unread';
import { finding, type DriftCheck, type DriftContext } from './context';
import { accessLogBucketName, archiveKeyPolicy, expectedLifecycle, logBucketName, logBucketPolicy, trailArn, type LiveIds } from './expected';
import { registerCategory, type Finding } from './finding';
import { normalizePolicy } from './normalize';

registerCategory({ id: 'trail-missing', severity: 'critical', title: 'Organization trail missing', description: 'The declared organization trail does not exist: API activity of the organization is not recorded.' });
registerCategory({ id: 'trail-misconfigured', severity: 'high', title: 'Organization trail misconfigured', description: 'The organization trail is not logging, not organization-wide, not multi-region, has no log file validation, no KMS encryption, or delivers elsewhere.' });
registerCategory({ id: 'log-bucket-misconfigured', severity: 'high', title: 'Log archive misconfigured', description: 'The log archive bucket or its key differs from the declaration: public access, encryption, versioning, access logging, lifecycle, policy, or key rotation.' });

/** Live ids the expectations need, from the correspondence. */
export function liveIds(ctx: DriftContext): LiveIds {
  return {
    organizationId: ctx.snapshot.organization.id,
    managementAccountId: ctx.snapshot.organization.managementAccountId,
    accountId: (name) => ctx.match.accounts.get(name)?.id,
    ouId: (path) => ctx.match.ouIds.get(path),
  };
}

const parse = (text: string | null | undefined): unknown => {
  try { return JSON.parse(text ?? ''); } catch { return text; }
};

/** The organization trail, the log bucket and the archive key against accounts/logging.yaml. */
export const logging: DriftCheck = (ctx) => {
  const decl = ctx.lz.logging;
  const live = ctx.snapshot.logging;
  if (!decl || !live) return [];
  const out: Finding[] = [];
  const ids = liveIds(ctx);
  const bucketName = logBucketName(ctx.lz, live.archiveAccountId);
  out.push(...trailFindings(ctx, live, ids, bucketName));
  out.push(...bucketFindings(ctx, live, ids, bucketName));
  return out;
};

function trailFindings(ctx: DriftContext, live: ReadView<LiveLogging>, ids: LiveIds, bucketName: string): Finding[] {
  const decl = ctx.lz.logging!;
  if (!live.trails) return [];
  const arn = trailArn(ctx.lz, ids);
  const trail = live.trails.find((t) => t.arn === arn) ?? live.trails.find((t) => t.name === decl.trail.name);
  const resource = { type: 'trail', id: arn, name: decl.trail.name };
  if (!trail) {
    return [finding({
      category: 'trail-missing', resource, expected: decl.trail.name, actual: live.trails.map((t) => t.name),
      message: `the organization trail ${decl.trail.name} does not exist in the management account (${ids.managementAccountId})`,
      remediation: 'redeploy the logging stack (cdktf deploy logging)', location: decl.trail.source,
    })];
  }
  const keyArn = live.key?.arn;
  const problems: [string, boolean, unknown, unknown, string][] = [
    ['logging', trail.isLogging === false, true, false, 'is not logging'],
    ['organization', !trail.isOrganizationTrail, true, false, 'is not an organization trail'],
    ['multi-region', !trail.isMultiRegionTrail, true, false, 'is not multi-region'],
    ['global-events', !trail.includeGlobalServiceEvents, true, false, 'does not include global service events'],
    ['log-file-validation', decl.trail.logFileValidation && !trail.logFileValidationEnabled, true, false, 'has no log file validation'],
    ['kms', !trail.kmsKeyId || (keyArn !== undefined && trail.kmsKeyId !== keyArn), keyArn ?? 'the archive key', trail.kmsKeyId ?? null, trail.kmsKeyId ? 'is encrypted with another key' : 'is not encrypted with KMS'],
    ['bucket', trail.s3BucketName !== bucketName, bucketName, trail.s3BucketName ?? null, `delivers to ${trail.s3BucketName ?? 'no bucket'}, not ${bucketName}`],
  ];
  return problems.filter(([, bad]) => bad).map(([about, , expected, actual, what]) => finding({
    category: 'trail-misconfigured', resource, about, expected, actual,
    message: `the organization trail ${trail.name} ${what}`,
    remediation: about === 'logging' ? `aws cloudtrail start-logging --name ${trail.arn}` : 'redeploy the logging stack (cdktf deploy logging)',
    location: decl.trail.source,
  }));
}

function bucketFindings(ctx: DriftContext, live: ReadView<LiveLogging>, ids: LiveIds, bucketName: string): Finding[] {
  const decl = ctx.lz.logging!;
  const out: Finding[] = [];
  const resource = { type: 'bucket', id: bucketName, name: bucketName };
  const bad = (about: string, expected: unknown, actual: unknown, what: string, location = decl.bucket.source): void => {
    out.push(finding({
      category: 'log-bucket-misconfigured', resource: about.startsWith('key') ? { type: 'kms-key', id: live.key?.arn ?? 'alias/log-archive-key', name: 'log archive key' } : resource,
      about, expected, actual, message: `${about.startsWith('key') ? 'the log archive key' : `the log bucket ${bucketName}`} ${what}`,
      remediation: 'redeploy the logging stack (cdktf deploy logging); if the change was wanted, declare it in accounts/logging.yaml', location,
    }));
  };
  const b = live.bucket;
  if (b === null) bad('exists', bucketName, null, 'does not exist');
  if (b) {
    const pab = b.publicAccessBlock;
    if (pab !== undefined && !(pab && pab.blockPublicAcls && pab.ignorePublicAcls && pab.blockPublicPolicy && pab.restrictPublicBuckets)) {
      bad('public-access-block', 'all four blocks on', pab, 'does not block all public access');
    }
    if (b.versioning !== undefined && b.versioning !== 'Enabled') bad('versioning', 'Enabled', b.versioning, `has versioning ${b.versioning ?? 'never enabled'}`);
    if (b.encryption !== undefined) {
      const e = b.encryption;
      if (!e || e.algorithm !== 'aws:kms' || (live.key?.arn && e.kmsKeyId !== live.key.arn && e.kmsKeyId !== live.key.keyId)) {
        bad('encryption', { algorithm: 'aws:kms', kmsKeyId: live.key?.arn }, e, 'is not encrypted by default with the archive key');
      }
    }
    const accessLogs = { targetBucket: accessLogBucketName(ctx.lz, live.archiveAccountId), targetPrefix: 'log-archive/' };
    if (b.logging !== undefined && (b.logging?.targetBucket !== accessLogs.targetBucket || b.logging.targetPrefix !== accessLogs.targetPrefix)) {
      bad('access-logging', accessLogs, b.logging, 'does not deliver its access logs to the access-log bucket');
    }
    if (b.lifecycle !== undefined) {
      const want = expectedLifecycle(ctx.lz);
      const rule = (b.lifecycle ?? []).find((r) => r.status === 'Enabled');
      const have = rule ? { transitions: rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })), expirationDays: rule.expirationDays } : null;
      if (JSON.stringify(have) !== JSON.stringify(want)) bad('lifecycle', want, have, 'has another lifecycle than declared', decl.bucket.lifecycle.source);
    }
    if (b.policy !== undefined && live.key?.arn) {
      const want = logBucketPolicy(ctx.lz, ids, live.archiveAccountId, live.key.arn);
      if (b.policy === null || normalizePolicy(parse(b.policy)) !== normalizePolicy(want)) bad('policy', want, parse(b.policy), b.policy === null ? 'has no bucket policy' : 'has a policy that differs from the declaration');
    }
  }
  const k = live.key;
  if (k === null) bad('key', 'alias/log-archive-key', null, 'does not exist', decl.kms.source);
  if (k) {
    if (k.keyState && k.keyState !== 'Enabled') bad('key-state', 'Enabled', k.keyState, `is ${k.keyState}`, decl.kms.source);
    if (k.rotationEnabled === false) bad('key-rotation', true, false, 'has automatic rotation disabled', decl.kms.source);
    if (k.policy !== undefined) {
      const want = archiveKeyPolicy(ctx.lz, ids, live.archiveAccountId);
      if (normalizePolicy(parse(k.policy)) !== normalizePolicy(want)) bad('key-policy', want, parse(k.policy), 'has a key policy that differs from the declaration', decl.kms.source);
    }
  }
  return out;
}
