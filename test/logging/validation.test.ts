import { at, edit, errorsOf, lineOf, removeCopies, replaceOnce } from '../model/declaration-copy';
import { loadLandingZone } from '../../model';
import { copyWithLogging, LOGGING_YAML } from './fixture';

afterAll(removeCopies);

function broken(from: string, to: string): { dir: string; errors: ReturnType<typeof errorsOf> } {
  const dir = copyWithLogging();
  edit(dir, LOGGING_YAML, replaceOnce(from, to));
  return { dir, errors: errorsOf(dir) };
}

describe('logging.yaml meaning pass', () => {
  it('the example logging declaration loads with its defaults applied', () => {
    const lz = loadLandingZone(copyWithLogging()).model!;
    expect(lz.logging).toMatchObject({
      logArchiveAccount: 'log-archive',
      trail: { name: 'lzkit-organization-trail', logFileValidation: true, retentionDays: 365 },
      flowLogs: { prefix: 'vpc-flow-logs' },
      nag: { packs: ['AwsSolutions', 'NIST.800.53.R5'] },
    });
  });

  it('names an undeclared log archive account', () => {
    const { dir, errors } = broken('logArchiveAccount: log-archive', 'logArchiveAccount: log-archiv');
    expect(errors).toEqual([at('UNKNOWN_ACCOUNT', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'logArchiveAccount:'))]);
    expect(errors[0].message).toContain("did you mean 'log-archive'");
  });

  it('rejects the management account as log archive', () => {
    const { dir, errors } = broken('logArchiveAccount: log-archive', 'logArchiveAccount: management');
    expect(errors).toEqual([at('LOG_ARCHIVE_IS_MANAGEMENT', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'logArchiveAccount:'))]);
  });

  it('rejects a retention CloudWatch Logs does not accept, with the nearest valid value', () => {
    const { dir, errors } = broken('retentionDays: 365', 'retentionDays: 366');
    expect(errors).toEqual([at('LOG_RETENTION_INVALID', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'retentionDays:'))]);
    expect(errors[0].message).toContain('nearest: 365');
  });

  it('rejects non-positive and unordered lifecycle days', () => {
    const neg = broken('transitionToGlacierDays: 365', 'transitionToGlacierDays: -1');
    expect(neg.errors).toContainEqual(at('LIFECYCLE_DAYS_INVALID', LOGGING_YAML, lineOf(neg.dir, LOGGING_YAML, 'transitionToGlacierDays:')));
    const order = broken('expirationDays: 2557', 'expirationDays: 200');
    expect(order.errors).toEqual([at('LIFECYCLE_DAYS_ORDER', LOGGING_YAML, lineOf(order.dir, LOGGING_YAML, 'expirationDays:'))]);
    const early = broken('transitionToInfrequentAccessDays: 90', 'transitionToInfrequentAccessDays: 10');
    expect(early.errors).toEqual([at('LIFECYCLE_DAYS_INVALID', LOGGING_YAML, lineOf(early.dir, LOGGING_YAML, 'transitionToInfrequentAccessDays:'))]);
  });

  it('rejects an object lock that outlives the expiry', () => {
    const { dir, errors } = broken('  lifecycle:\n', '  objectLock: { mode: COMPLIANCE, days: 4000 }\n  lifecycle:\n');
    expect(errors).toEqual([at('OBJECT_LOCK_OUTLIVES_EXPIRY', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'objectLock:'))]);
  });

  it('names an undeclared key reader and a malformed role ARN', () => {
    const { dir, errors } = broken('readers: [audit]', 'readers: [auditt, "arn:aws:iam::123:role/x"]');
    const line = lineOf(dir, LOGGING_YAML, 'readers:');
    expect(errors).toEqual([at('UNKNOWN_ACCOUNT', LOGGING_YAML, line), at('INVALID_READER', LOGGING_YAML, line)]);
  });

  it('requires a reason of at least 10 characters on every acknowledgement', () => {
    const { dir, errors } = broken('  acknowledgements:\n', '  acknowledgements:\n    - { rule: AwsSolutions-S1, resource: aws_s3_bucket.x }\n    - { rule: AwsSolutions-S1, resource: aws_s3_bucket.y, reason: because }\n');
    expect(errors).toEqual([
      at('ACK_REASON_MISSING', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'resource: aws_s3_bucket.x')),
      at('ACK_REASON_TOO_SHORT', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'reason: because')),
    ]);
  });

  it('rejects an unknown key (structural pass)', () => {
    const { dir, errors } = broken('  logFileValidation: true', '  logFileValidaton: true');
    expect(errors).toEqual([at('UNKNOWN_KEY', LOGGING_YAML, lineOf(dir, LOGGING_YAML, 'logFileValidaton'))]);
  });
});
