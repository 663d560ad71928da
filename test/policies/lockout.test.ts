import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLandingZone } from '../../model';

const ROOT = path.join(__dirname, '..', '..');

/** A copy of the example declaration with one extra guardrail attached to `targets`. */
function copyWith(document: object, targets: string, edit: (yaml: string) => string = (y) => y): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-lockout-'));
  fs.cpSync(path.join(ROOT, 'accounts'), path.join(dir, 'accounts'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'policies'), path.join(dir, 'policies'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'policies', 'scp', 'deny-assume-role.json'), JSON.stringify({ id: 'deny-assume-role', type: 'SCP', description: 'test guardrail', severity: 'high', document }));
  const file = path.join(dir, 'accounts', 'guardrails.yaml');
  const yaml = fs.readFileSync(file, 'utf8').replace(/^attachments:\n/m, `attachments:\n  - policy: deny-assume-role\n    targets: ${targets}\n`);
  fs.writeFileSync(file, edit(yaml));
  return dir;
}

const denyAssume = (condition?: object) => ({ Version: '2012-10-17', Statement: [{ Sid: 'NoAssumeRole', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*', ...(condition ? { Condition: condition } : {}) }] });

describe('the lockout check', () => {
  it('the example declaration passes it', () => {
    expect(loadLandingZone(ROOT).errors.filter((e) => e.code === 'LOCKOUT')).toEqual([]);
  });

  it('a guardrail denying sts:AssumeRole to every principal fails validation, located at its attachment', () => {
    const dir = copyWith(denyAssume(), '{ accounts: [prod-payments] }');
    const r = loadLandingZone(dir);
    const lockouts = r.errors.filter((e) => e.code === 'LOCKOUT');
    expect(lockouts).toHaveLength(2); // the deployment role and the break-glass role
    const attachmentLine = fs.readFileSync(path.join(dir, 'accounts', 'guardrails.yaml'), 'utf8').split('\n').indexOf('  - policy: deny-assume-role') + 1;
    expect(lockouts[0]).toMatchObject({ file: 'accounts/guardrails.yaml', line: attachmentLine });
    expect(lockouts.map((e) => e.message).join('\n')).toMatch(/guardrail 'deny-assume-role' statement 'NoAssumeRole' denies the deployment role OrganizationAccountAccessRole sts:AssumeRole in account prod-payments/);
    expect(lockouts.map((e) => e.message).join('\n')).toMatch(/break-glass role BreakGlassAdministrator/);
  });

  it('exempting the platform roles passes it', () => {
    const dir = copyWith(denyAssume({ ArnNotLike: { 'aws:PrincipalARN': ['${deploymentRoleArn}', '${breakGlassRoleArn}'] } }), '{ accounts: [prod-payments] }');
    expect(loadLandingZone(dir).errors).toEqual([]);
  });

  it('an acknowledged guardrail passes for the roles it names only', () => {
    const ack = (y: string) => y.replace(/^ {2}acknowledged:\n/m, '  acknowledged:\n    - guardrail: deny-assume-role\n      roles: [deployment]\n      reason: test of an acknowledged lockout\n');
    const r = loadLandingZone(copyWith(denyAssume(), '{ accounts: [sandbox-alice] }', ack));
    const lockouts = r.errors.filter((e) => e.code === 'LOCKOUT');
    expect(lockouts).toHaveLength(1);
    expect(lockouts.map((e) => e.message).join('\n')).not.toMatch(/deployment role/);
    expect(lockouts.map((e) => e.message).join('\n')).toMatch(/break-glass role/);
  });

  it('an unknown critical action is an error', () => {
    const r = loadLandingZone(copyWith(denyAssume({ ArnNotLike: { 'aws:PrincipalARN': ['${deploymentRoleArn}', '${breakGlassRoleArn}'] } }), '{ accounts: [prod-payments] }',
      (y) => y.replace(/^ {4}- sts:AssumeRole\n/m, '    - sts:AssumeRole\n    - sts:AssumeRoles\n')));
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ACTION', file: 'accounts/guardrails.yaml' }));
  });
});
