import { execFileSync } from 'child_process';
import * as path from 'path';
import { loadLandingZoneOrThrow } from '../../model';
import { hasUnacknowledgedErrors, runNag, synthesizeInMemory } from '../../stacks/nag';
import { edit, lineOf, removeCopies, replaceOnce } from '../model/declaration-copy';
import { copyWithLogging, LOGGING_YAML } from '../logging/fixture';

afterAll(removeCopies);

const LZKIT = path.join(__dirname, '..', '..', 'bin', 'lzkit.js');
function lzkit(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [LZKIT, ...args], { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lzkit nag on the example', () => {
  const dir = copyWithLogging();
  const lz = loadLandingZoneOrThrow(dir);
  const report = runNag(lz.logging!.nag, synthesizeInMemory(lz));

  it('leaves no unacknowledged error, and every acknowledgement shows its reason', () => {
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.level === 'error' && !f.acknowledged)).toEqual([]);
    expect(hasUnacknowledgedErrors(report)).toBe(false);
    for (const f of report.findings.filter((x) => x.acknowledged)) expect(f.reason!.length).toBeGreaterThanOrEqual(10);
    expect(report.findings.find((f) => f.address === 'aws_s3_bucket.access_log_bucket' && f.rule === 'NIST.800.53.R5-S3DefaultEncryptionKMS')?.acknowledged).toBe(true);
  });

  it('checks the logging stack and lists what it cannot check', () => {
    expect(report.notChecked.every((n) => n.reason.length > 0)).toBe(true);
    expect(report.notChecked.some((n) => n.stack === 'logging')).toBe(false);
  });

  it('exits 0 with --json in the documented shape', () => {
    const r = lzkit(['nag', '--json', '--dir', dir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; notChecked: unknown[] };
    expect(Object.keys(json.findings[0])).toEqual(expect.arrayContaining(['rule', 'level', 'stack', 'address', 'message', 'acknowledged', 'reason']));
    expect(Array.isArray(json.notChecked)).toBe(true);
  });

  it('exits 1 naming the rule and the trail address when log file validation is turned off', () => {
    const off = copyWithLogging();
    edit(off, LOGGING_YAML, replaceOnce('logFileValidation: true', 'logFileValidation: false'));
    const r = lzkit(['nag', '--json', '--dir', off]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { findings: { rule: string; address: string; acknowledged: boolean; declaration: string }[] };
    expect(json.findings).toContainEqual(expect.objectContaining({
      rule: 'NIST.800.53.R5-CloudTrailLogFileValidationEnabled', address: 'aws_cloudtrail.organization_trail', acknowledged: false,
      declaration: `accounts/logging.yaml:${lineOf(off, LOGGING_YAML, 'trail:') + 1}:3`,
    }));
  });

  it('exits 2 naming an acknowledgement of an unknown rule or resource', () => {
    const bad = copyWithLogging();
    edit(bad, LOGGING_YAML, replaceOnce('    - rule: AwsSolutions-IAM5', '    - rule: AwsSolutions-IAM55'));
    edit(bad, LOGGING_YAML, replaceOnce('resource: aws_s3_bucket.log_archive_bucket', 'resource: aws_s3_bucket.log_archive'));
    const r = lzkit(['nag', '--dir', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`accounts/logging.yaml:${lineOf(bad, LOGGING_YAML, 'AwsSolutions-IAM55')}:13 ACK_UNKNOWN_RULE`);
    expect(r.stderr).toContain(`accounts/logging.yaml:${lineOf(bad, LOGGING_YAML, 'resource: aws_s3_bucket.log_archive')}:17 ACK_UNKNOWN_RESOURCE`);
  });
});
