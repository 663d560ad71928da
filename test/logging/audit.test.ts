import { GetBucketOwnershipControlsCommand, GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AUDIT_ROLE_ACTIONS, iamActionOf } from '../../audits/collect/api-actions';
import { detectDrift, type Finding } from '../../audits/drift';
import { applyDrift, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { isNotRead, type Snapshot } from '../../audits/snapshot';
import { loadLandingZoneOrThrow } from '../../model';
import type { LandingZone } from '../../model/landing-zone';
import { auditAgainstSandbox, deployed, exampleLandingZone, got, STATIC_CREDENTIALS, type ReadSnapshot } from '../audits/fixtures';
import { edit, removeCopies, replaceOnce } from '../model/declaration-copy';
import { copyWithLogging, LOGGING_YAML } from './fixture';

/*
 * What S3 answers, from its documentation (never from lzkit's own functions):
 * - ObjectOwnership is BucketOwnerEnforced (ACLs disabled), BucketOwnerPreferred or ObjectWriter:
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 * - a bucket without ownership controls answers 404 OwnershipControlsNotFoundError, one without
 *   Object Lock 404 ObjectLockConfigurationNotFoundError:
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 *   (S3's own answers quoted in https://github.com/versity/versitygw/issues/1493 and
 *   https://github.com/aws-controllers-k8s/s3-controller/pull/225)
 * - GetObjectLockConfiguration answers ObjectLockEnabled and Rule.DefaultRetention (Mode, and Days
 *   or Years, never both): https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html
 * - the permissions: s3:GetBucketOwnershipControls
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html) and, to
 *   view a bucket's default retention, s3:GetBucketObjectLockConfiguration
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html)
 */
const ENFORCED = 'BucketOwnerEnforced';
const OWNERSHIP_NOT_FOUND = 'OwnershipControlsNotFoundError';
const LOCK_NOT_FOUND = 'ObjectLockConfigurationNotFoundError';
const GET_OWNERSHIP = 's3:GetBucketOwnershipControls';
const GET_LOCK = 's3:GetObjectLockConfiguration';

const lz = exampleLandingZone();
afterAll(removeCopies);

/** The example with `objectLock: { mode: GOVERNANCE, days: 365 }` declared on its log bucket. */
function lockedDeclaration(): { lz: LandingZone } {
  const dir = copyWithLogging();
  edit(dir, LOGGING_YAML, replaceOnce('  lifecycle:\n', '  objectLock: { mode: GOVERNANCE, days: 365 }\n  lifecycle:\n'));
  return { lz: loadLandingZoneOrThrow(dir) };
}
const locked = lockedDeclaration();

/** A perfect deployment of `decl`, to drift in a test. */
const deployedOf = (decl: LandingZone): ReadSnapshot => structuredClone(snapshotFromDeclaration(decl)) as unknown as ReadSnapshot;
const where = (f: Finding) => `${f.location.file}:${f.location.line}`;
/** Where the declaration has the log bucket (logging.yaml's `bucket`), as the model locates it: every log bucket finding points there. */
const bucketLine = (decl: LandingZone) => `${decl.logging!.bucket.source.file}:${decl.logging!.bucket.source.line}`;
const shape = (f: Finding) => [f.category, where(f), f.expected, f.actual];

describe('the log bucket\'s object ownership and Object Lock, read by the real collector from the sandbox', () => {
  it('a perfect deployment of the example audits clean, each setting read once, in the log archive account', async () => {
    const r = await auditAgainstSandbox({ snapshot: snapshotFromDeclaration(lz) });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    const bucket = got(got(r.snapshot.logging).bucket)!;
    expect(bucket.objectOwnership).toBe(ENFORCED);
    // The example declares no Object Lock: S3 answers "not found", which the collector keeps as none.
    expect(bucket.objectLock).toBeNull();
    expect(r.sandbox.byOperation[GET_OWNERSHIP]).toBe(1);
    expect(r.sandbox.byOperation[GET_LOCK]).toBe(1);
  });

  it('a declared Object Lock deployed perfectly audits clean, its retention read back as declared', async () => {
    const r = await auditAgainstSandbox({ snapshot: snapshotFromDeclaration(locked.lz) }, {}, locked.lz);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(got(got(r.snapshot.logging).bucket)!.objectLock).toEqual({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 365 } });
  });

  it('the sandbox answers as S3 does: the documented shapes, and 404 with the documented codes when a setting is absent', async () => {
    const s = deployedOf(locked.lz);
    const archiveAccountId = s.logging!.archiveAccountId;
    const Bucket = s.logging!.bucket!.name;
    const sb = await startSandbox({ snapshot: s as unknown as Snapshot });
    const sts = new STSClient({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS });
    let s3: S3Client | undefined;
    try {
      // The audit role in the log archive account, as the collector reads the bucket.
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${archiveAccountId}:role/${locked.lz.organization.roles.audit}`, RoleSessionName: 'test' }))).Credentials!;
      s3 = new S3Client({
        region: 'us-east-1', endpoint: sb.endpoint, forcePathStyle: true,
        credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
      });
      expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: ENFORCED }] });
      expect((await s3.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration)
        .toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } });
      // The sandbox serves the snapshot it holds: without both settings, S3's "not found" answers.
      const held = (sb.world.snapshot as unknown as ReadSnapshot).logging!.bucket!;
      held.objectOwnership = null;
      held.objectLock = null;
      await expect(s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).rejects.toMatchObject({ name: OWNERSHIP_NOT_FOUND, $metadata: { httpStatusCode: 404 } });
      await expect(s3.send(new GetObjectLockConfigurationCommand({ Bucket }))).rejects.toMatchObject({ name: LOCK_NOT_FOUND, $metadata: { httpStatusCode: 404 } });
    } finally {
      s3?.destroy();
      sts.destroy();
      await sb.stop();
    }
  });
});

describe('drift of object ownership: one finding, on the line declaring the log bucket', () => {
  it('scenario log-bucket-acls-enabled (ObjectWriter): one log-bucket-misconfigured finding', async () => {
    const r = await auditAgainstSandbox({ snapshot: applyDrift(snapshotFromDeclaration(lz), ['log-bucket-acls-enabled']) });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map(shape)).toEqual([['log-bucket-misconfigured', bucketLine(lz), ENFORCED, 'ObjectWriter']]);
  });

  it('ownership controls deleted (S3 answers OwnershipControlsNotFoundError): read as none, one finding', async () => {
    const s = deployed();
    s.logging!.bucket!.objectOwnership = null;
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map(shape)).toEqual([['log-bucket-misconfigured', bucketLine(lz), ENFORCED, null]]);
    expect(r.findings[0].message).toContain('no ownership controls');
  });
});

/** An Object Lock configuration as the snapshot holds it (null: S3 says the bucket has none). */
type Lock = { enabled: boolean; defaultRetention?: { mode: string; days?: number; years?: number } } | null;
const declared = { mode: 'GOVERNANCE', days: 365 };

describe('drift of a declared Object Lock (GOVERNANCE, 365 days): one finding each, on the line declaring the log bucket', () => {
  it.each<[string, Lock]>([
    ['retention shortened to 30 days', { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } }],
    ['mode changed to COMPLIANCE', { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 365 } }],
    // S3 documents no conversion of years into days: a retention in years is not the declared days.
    ['retention set in years (1 year)', { enabled: true, defaultRetention: { mode: 'GOVERNANCE', years: 1 } }],
    ['default retention removed', { enabled: true }],
    ['no Object Lock at all (ObjectLockConfigurationNotFoundError)', null],
  ])('%s', async (_what, lock) => {
    const s = deployedOf(locked.lz);
    s.logging!.bucket!.objectLock = lock;
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot }, {}, locked.lz);
    expect(r.snapshot.errors).toEqual([]);
    expect(got(got(r.snapshot.logging).bucket)!.objectLock).toEqual(lock);
    expect(r.findings.map(shape)).toEqual([['log-bucket-misconfigured', bucketLine(locked.lz), declared, lock]]);
  });
});

describe('Object Lock the example does not declare', () => {
  it('a default retention is drift: it keeps every new log object for its period', async () => {
    const s = deployed();
    const lock = { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 3650 } };
    s.logging!.bucket!.objectLock = lock;
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.findings.map(shape)).toEqual([['log-bucket-misconfigured', bucketLine(lz), null, lock]]);
  });

  it('Object Lock on without a default retention is not: it keeps nothing by itself and S3 cannot turn it off', async () => {
    const s = deployed();
    s.logging!.bucket!.objectLock = { enabled: true };
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe('a setting that could not be read is unauditable, never drift', () => {
  // The declaration with Object Lock, so that both settings are compared when read.
  it.each([GET_OWNERSHIP, GET_LOCK])('%s denied: one unauditable finding naming it, no log-bucket-misconfigured', async (operation) => {
    const r = await auditAgainstSandbox({ snapshot: snapshotFromDeclaration(locked.lz), failOperations: [operation] }, {}, locked.lz);
    expect(r.snapshot.errors.map((e) => [e.api, e.code])).toEqual([[operation, 'AccessDenied']]);
    const bucket = got(got(r.snapshot.logging).bucket)!;
    expect(isNotRead(operation === GET_OWNERSHIP ? bucket.objectOwnership : bucket.objectLock)).toBe(true);
    expect(r.findings.map((f) => f.category)).toEqual(['unauditable']);
    expect(r.findings[0].message).toContain(operation);
  });

  it('a snapshot saved before lzkit read them: both settings unauditable, offline and served by the sandbox', async () => {
    const s = deployedOf(locked.lz);
    const bucket = s.logging!.bucket! as unknown as Record<string, unknown>;
    delete bucket.objectOwnership;
    delete bucket.objectLock;
    const offline = detectDrift(locked.lz, s as unknown as Snapshot);
    expect(offline.map((f) => [f.category, f.resource.name]).sort()).toEqual([['unauditable', GET_OWNERSHIP], ['unauditable', GET_LOCK]]);
    const served = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot }, {}, locked.lz);
    expect(served.snapshot.errors.map((e) => [e.api, e.code]).sort()).toEqual([[GET_OWNERSHIP, 'AccessDenied'], [GET_LOCK, 'AccessDenied']]);
    expect(served.findings.map((f) => f.category)).toEqual(['unauditable', 'unauditable']);
  });
});

describe('the audit role', () => {
  it('allows both reads, by their IAM action names', () => {
    expect(AUDIT_ROLE_ACTIONS).toEqual(expect.arrayContaining(['s3:GetBucketOwnershipControls', 's3:GetBucketObjectLockConfiguration']));
    expect(iamActionOf('@aws-sdk/client-s3', 'GetBucketOwnershipControls')).toBe('s3:GetBucketOwnershipControls');
    expect(iamActionOf('@aws-sdk/client-s3', 'GetObjectLockConfiguration')).toBe('s3:GetBucketObjectLockConfiguration');
  });
});
