import { loadLandingZone } from '../../model';
import { scheduleProblem } from '../../model/audit';
import { at, edit, errorsOf, lineOf, removeCopies, replaceOnce } from '../model/declaration-copy';
import { AUDIT_YAML, copyWithAudit } from './fixture';

afterAll(removeCopies);

/** A copy with one edit of audit.yaml, and its errors. */
function withEdit(from: string, to: string) {
  const dir = copyWithAudit();
  edit(dir, AUDIT_YAML, replaceOnce(from, to));
  return { dir, errors: errorsOf(dir) };
}

describe('accounts/audit.yaml', () => {
  it('loads the example with its values and defaults', () => {
    const lz = loadLandingZone(copyWithAudit()).model!;
    expect(lz.audit).toMatchObject({
      auditAccount: 'audit', schedule: { expression: 'cron(0 6 * * ? *)', timezone: 'UTC' }, securityHubExport: false,
      fanOut: { accountThreshold: 200, batchSize: 25 }, reports: { retentionDays: 400, bucketNamePrefix: 'lzkit-audit-reports' },
      auditRole: { targets: { ous: ['Root'] }, alsoTrust: [] },
    });
    expect(lz.audit!.notifications.map((n) => [n.protocol, n.endpoint])).toEqual([['email', 'cloud-security@example.com']]);
  });

  it('defaults the audit account to organization.accountRoles.audit', () => {
    const { dir, errors } = withEdit('auditAccount: audit ', '# no account ');
    expect(errors).toEqual([]);
    expect(loadLandingZone(dir).model!.audit!.auditAccount).toBe('audit');
  });

  it.each([
    ['auditAccount: audit ', 'auditAccount: audti ', 'UNKNOWN_ACCOUNT', /'audti' is not declared.*did you mean 'audit'/],
    ['auditAccount: audit ', 'auditAccount: management ', 'AUDIT_IS_MANAGEMENT', /must not run in the management account/],
    ['cron(0 6 * * ? *)', 'cron(0 6 * * *)', 'SCHEDULE_INVALID', /has 5 cron fields; EventBridge cron has 6/],
    ['cron(0 6 * * ? *)', 'cron(0 6 * * MON *)', 'SCHEDULE_INVALID', /exactly one of day-of-month and day-of-week set to \?/],
    ['cron(0 6 * * ? *)', 'every day', 'SCHEDULE_INVALID', /is not a schedule expression/],
    ['timezone: UTC', 'timezone: Europe/Pariss', 'TIMEZONE_INVALID', /not an IANA time zone/],
    ['endpoint: cloud-security@example.com', 'endpoint: not-an-address', 'NOTIFICATION_ENDPOINT_INVALID', /email endpoint 'not-an-address' is not an email address/],
    ['batchSize: 25', 'batchSize: 0', 'FAN_OUT_INVALID', /between 1 and 500/],
    ['retentionDays: 400', 'retentionDays: 0', 'RETENTION_INVALID', /positive number of days/],
    ['{ ous: [Root] }', '{ ous: [Workload] }', 'UNKNOWN_OU', /'Workload' is not declared.*did you mean 'Workloads'/],
    ['{ ous: [Root] }', '{ ous: [Root], accounts: [audit] }', 'STACKSET_TARGETS_OUS_ONLY', /deploys to OUs, not to single accounts/],
  ])('refuses %s -> %s with %s at its line', (from, to, code, message) => {
    const { dir, errors } = withEdit(from, to);
    expect(errors).toEqual([expect.objectContaining({ code, file: AUDIT_YAML, line: lineOf(dir, AUDIT_YAML, to.trim()) })]);
    expect(errors[0].message).toMatch(message);
  });

  it('refuses a nag acknowledgement without a reason', () => {
    const dir = copyWithAudit();
    edit(dir, AUDIT_YAML, (t) => t.replace(/(resource: aws_s3_bucket\.audit_reports\n)\s+reason: >-\n\s+Reports are regenerated[^\n]*\n[^\n]*\n/, '$1'));
    const errors = errorsOf(dir);
    expect(errors).toEqual([expect.objectContaining({ code: 'ACK_REASON_MISSING', file: AUDIT_YAML })]);
    expect(errors[0].message).toMatch(/NIST\.800\.53\.R5-S3BucketReplicationEnabled on aws_s3_bucket\.audit_reports has no reason/);
  });

  it('refuses unknown keys in the structural pass', () => {
    const { dir, errors } = withEdit('securityHubExport: false', 'securityHubExprot: false');
    expect(errors).toEqual([at('UNKNOWN_KEY', AUDIT_YAML, lineOf(dir, AUDIT_YAML, 'securityHubExprot'))]);
  });

  it('accepts rate() and at() expressions', () => {
    expect(scheduleProblem('rate(12 hours)')).toBeUndefined();
    expect(scheduleProblem('at(2030-01-01T06:00:00)')).toBeUndefined();
    expect(scheduleProblem('rate(0 days)')).toMatch(/below 1/);
  });
});
