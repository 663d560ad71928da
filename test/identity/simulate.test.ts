import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone } from '../../model';
import { permissionSetPolicies, simulatePermissionSet, UnknownPermissionSetError } from '../../model/identity/simulate';
import { main } from '../../cli/main';
import { landingZone } from '../../testing';
import { ROOT_DIR, declarationCopy } from './fixture';

const lz = loadLandingZone(ROOT_DIR).model!;
const LZKIT = path.join(ROOT_DIR, 'bin', 'lzkit.js');

describe('permission-set simulation', () => {
  it('read-only on a prod account cannot create IAM users', () => {
    const r = simulatePermissionSet(lz, { permissionSet: 'ReadOnly', account: 'prod-payments', action: 'iam:CreateUser' });
    expect(r.decision).not.toBe('Allowed');
    expect(r.assigned).toBe(true);
    expect(r.principal).toMatch(/^arn:aws:iam::555555555555:role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}$/);
  });

  it('evaluates the inline policy: the read-only data guard denies secret values explicitly', () => {
    const r = simulatePermissionSet(lz, { permissionSet: 'ReadOnly', account: 'prod-payments', action: 'secretsmanager:GetSecretValue' });
    expect(r.decision).toBe('ExplicitlyDenied');
    expect(r.conclusive).toBe(true);
    expect(r.reasons.some((x) => x.type === 'identity' && x.statement === 'NoSecretOrObjectData')).toBe(true);
  });

  it('allows what the developer inline policy and boundary both allow, conclusively', () => {
    const r = simulatePermissionSet(lz, { permissionSet: 'Developer', account: 'nonprod-payments', action: 'lambda:CreateFunction' });
    expect(r.decision).toBe('Allowed');
    expect(r.conclusive).toBe(true);
    expect(r.notEvaluated).toEqual([]);
  });

  it('reports AWS managed policies as not evaluated and never answers Allowed on part of the evidence', () => {
    const p = permissionSetPolicies(lz, 'SecurityAudit');
    expect(p.notEvaluated.map((n) => n.policy)).toEqual(['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
    expect(p.identityPolicies).toHaveLength(1); // the customer managed policy with a declared document
    const r = simulatePermissionSet(lz, { permissionSet: 'SecurityAudit', account: 'audit', action: 'guardduty:ListDetectors' });
    expect(r.knownDecision).toBe('Allowed');
    expect(r.decision).toBe('Inconclusive');
    expect(r.conclusive).toBe(false);
  });

  it('a set of AWS managed policies only is not allowed and not conclusive', () => {
    const r = simulatePermissionSet(lz, { permissionSet: 'Billing', account: 'management', action: 'aws-portal:ViewBilling' });
    expect(r.decision).toBe('ImplicitlyDenied');
    expect(r.conclusive).toBe(false);
    expect(r.notEvaluated.map((n) => n.kind)).toEqual(['aws-managed']);
  });

  it('says when the set is not assigned in the account', () => {
    const r = simulatePermissionSet(lz, { permissionSet: 'Billing', account: 'prod-web', action: 'aws-portal:ViewBilling' });
    expect(r.assigned).toBe(false);
    expect(r.notes.some((n) => n.includes('not assigned'))).toBe(true);
  });

  it('rejects an undeclared permission set as bad input', () => {
    expect(() => simulatePermissionSet(lz, { permissionSet: 'Nope', account: 'audit', action: 's3:ListBucket' })).toThrow(UnknownPermissionSetError);
  });
});

/** Runs the CLI in this process (a spawned lzkit pays seconds of start-up per call). */
async function runInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out.push(String(c)); return true; });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err.push(String(c)); return true; });
  const prior = process.exitCode;
  process.exitCode = 0;
  try {
    await main(['node', 'lzkit', ...args]);
    return { status: Number(process.exitCode ?? 0), stdout: out.join(''), stderr: err.join('') };
  } finally {
    so.mockRestore();
    se.mockRestore();
    process.exitCode = prior;
  }
}

describe('the CLI', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [LZKIT, ...args], { encoding: 'utf8' });

  it('simulate --permission-set read-only on a prod account for iam:CreateUser is not Allowed', async () => {
    const r = await runInProcess(['simulate', '--dir', ROOT_DIR, '--permission-set', 'ReadOnly', '--account', 'prod-payments', '--action', 'iam:CreateUser', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { decision: string; permissionSet: string; notEvaluated: unknown[] };
    expect(out.permissionSet).toBe('ReadOnly');
    expect(out.decision).not.toBe('Allowed');
  });

  it('--expect allow fails (exit 1) on an inconclusive result', async () => {
    const r = await runInProcess(['simulate', '--dir', ROOT_DIR, '--permission-set', 'SecurityAudit', '--account', 'audit', '--action', 'guardduty:ListDetectors', '--expect', 'allow']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Inconclusive:/);
    expect(r.stdout).toContain('not evaluated (never assumed to allow):');
  });

  it('validate exits 1 on a session duration of PT13H, naming file:line, without a stack trace', () => {
    const dir = declarationCopy({ identity: (y) => y.replace('sessionDuration: PT8H', 'sessionDuration: PT13H') });
    try {
      const r = run(['validate', '--dir', dir]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^accounts\/identity\.yaml:\d+:\d+ SESSION_DURATION_TOO_LONG /m);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the jest API', () => {
  const tlz = landingZone(ROOT_DIR);

  it('lz.request({ permissionSet }) evaluates as the permission set', () => {
    const r = tlz.request({ permissionSet: 'ReadOnly', account: 'prod-payments', action: 'iam:CreateUser' });
    expect(r.permissionSet).toBe('ReadOnly');
    expect(r).toBeDenied();
    expect(tlz.request({ permissionSet: 'Developer', account: 'nonprod-web', action: 'lambda:InvokeFunction' })).toBeAllowed();
  });

  it('toBeDenied does not pass on a deny that rests on policies not evaluated', () => {
    expect(tlz.request({ permissionSet: 'Billing', account: 'management', action: 'aws-portal:ViewBilling' })).not.toBeDenied();
    expect(tlz.request({ permissionSet: 'SecurityAudit', account: 'audit', action: 'guardduty:ListDetectors' })).not.toBeAllowed();
  });
});
