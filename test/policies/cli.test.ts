import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const lzkit = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'lzkit.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+/);

describe('lzkit simulate', () => {
  it('denies LeaveOrganization to a member account, with a reason (JSON)', () => {
    const r = lzkit('simulate', '--account', 'prod-payments', '--action', 'organizations:LeaveOrganization', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('ExplicitlyDenied');
    expect(out.reasons[0]).toMatchObject({ level: 'Root', policy: 'deny-leave-organization', statement: 'DenyLeaveOrganization' });
  });

  // The audit role's service-managed StackSet runs as stacksets-exec-* in each target account:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
  it.each([['prod-payments', '555555555555'], ['retired-legacy', '777777777777']])('lets the StackSet execution role create the audit role in %s', (account, id) => {
    const r = lzkit('simulate', '--account', account, '--action', 'iam:CreateRole', '--principal', `arn:aws:iam::${id}:role/stacksets-exec-x`,
      '--resource', `arn:aws:iam::${id}:role/LzkitAuditReadOnly`, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe('Allowed');
  });

  it('--expect allow on a denied request exits 1', () => {
    const r = lzkit('simulate', '--account', 'prod-payments', '--action', 'organizations:LeaveOrganization', '--expect', 'allow');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/denied by:\n.*deny-leave-organization/);
    expect(r.stderr).toMatch(/expected allow, got ExplicitlyDenied/);
  });

  it.each([
    [['--account', 'nope', '--action', 's3:GetObject'], /UNKNOWN_ACCOUNT/],
    [['--account', 'prod-web', '--action', 's3:GetObject', '--context', 'aws:SecureTransport'], /MALFORMED_CONTEXT/],
    [['--account', 'prod-web', '--action', 's3:GetObject', '--principal-tag', 'team'], /MALFORMED_CONTEXT: --principal-tag 'team' is not KEY=VALUE/],
    [['--account', 'prod-web', '--action', 's3:GetObject', '--anonymous', '--principal', 'app'], /--anonymous is a caller without credentials/],
    // The other codes come from the evaluator (evaluator.test.ts) through the same CliError path.
  ])('exit 2 with one line, no stack: %j', (args, message) => {
    const r = lzkit('simulate', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  it('--anonymous: an unauthenticated caller meets the RCPs, not the SCPs', () => {
    const r = lzkit('simulate', '--account', 'prod-payments', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::payments/x', '--anonymous', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'ExplicitlyDenied', principal: 'anonymous', reasons: [expect.objectContaining({ policy: 'rcp-organization-only-principals', type: 'RCP' })] });
  });

  it('--principal-tag puts aws:PrincipalTag/KEY in the request', () => {
    // Any tag works; the example's guardrails decide on none, so the request stays allowed.
    const r = lzkit('simulate', '--account', 'prod-payments', '--action', 'sns:CreateTopic', '--principal-tag', 'team=platform', '--principal-tag', 'cost center=42', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe('Allowed');
  });

  it('--matrix --format csv lists every account', () => {
    const r = lzkit('simulate', '--matrix', '--format', 'csv');
    expect(r.code).toBe(0);
    const accounts = new Set(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect([...accounts].sort()).toEqual(['audit', 'log-archive', 'management', 'network', 'nonprod-payments', 'nonprod-web', 'prod-data', 'prod-payments', 'prod-web', 'retired-legacy', 'sandbox-alice', 'security-tooling', 'shared-services']);
    expect(r.stdout).toMatch(/prod-payments,555555555555,Workloads\/Prod,ec2:RunInstances,il-central-1,ExplicitlyDenied,region-deny/);
  });

  it('--matrix --actions FILE with an unknown action exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-actions-'));
    const file = path.join(dir, 'actions.yaml');
    fs.writeFileSync(file, 'actions: [s3:GetObject, ec2:RunInstancez]\n');
    const r = lzkit('simulate', '--matrix', '--actions', file, '--format', 'markdown');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/item 2: 'ec2:RunInstancez' is not an IAM action/);
    noStack(r.stderr);
  });
});
