import * as path from 'path';
import { landingZone, matchers } from 'lzkit/testing';
import { buildMatrix, simulatorFor, SimulationError } from '../../model/simulate';

const lz = landingZone(path.join(__dirname, '..', '..'));

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof SimulationError ? e.code : `not a SimulationError: ${String(e)}`;
  }
  return undefined;
};

describe('what the evaluator models beyond the IAM engine', () => {
  it('SCPs and RCPs never affect the management account', () => {
    const r = lz.request({ account: 'management', action: 's3:GetObject', context: { 'aws:SecureTransport': 'false' } });
    expect(r).toBeAllowed();
    expect(r.notes.join(' ')).toMatch(/management account/);
  });

  it('SCPs do not affect service-linked roles', () => {
    const slr = 'arn:aws:iam::555555555555:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty';
    expect(lz.request({ account: 'prod-payments', action: 'organizations:LeaveOrganization', principal: slr })).toBeAllowed();
    expect(lz.request({ account: 'prod-payments', action: 'organizations:LeaveOrganization', principal: 'arn:aws:iam::555555555555:role/app' })).toBeDeniedBy('deny-leave-organization');
  });

  it('a short role name is a role in the account; an assumed-role session counts as its role', () => {
    expect(lz.request({ account: 'prod-web', action: 'iam:CreateUser', principal: 'OrganizationAccountAccessRole' }).principal).toMatch(/^arn:aws:iam::\d{12}:role\/OrganizationAccountAccessRole$/);
    expect(lz.request({ account: 'prod-payments', action: 'iam:CreateUser', principal: 'arn:aws:sts::555555555555:assumed-role/OrganizationAccountAccessRole/deploy' })).toBeAllowed();
  });

  it('reasons name level, policy and statement', () => {
    const r = lz.request({ account: 'prod-payments', action: 'ec2:RunInstances', region: 'il-central-1' });
    expect(r.decision).toBe('ExplicitlyDenied');
    expect(r.reasons).toContainEqual(expect.objectContaining({ level: 'Workloads', policy: 'region-deny', statement: 'DenyOutsideAllowedRegions', type: 'SCP' }));
  });

  it('identity policies given by the caller decide along with the guardrails', () => {
    const readOnly = [{ name: 'read-only', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] } }];
    expect(lz.request({ account: 'prod-web', action: 's3:GetObject', identityPolicies: readOnly })).toBeAllowed();
    const r = lz.request({ account: 'prod-web', action: 's3:PutObject', identityPolicies: readOnly });
    expect(r.decision).toBe('ImplicitlyDenied');
    expect(r).toBeDenied();
  });

  it('bad input is an error with a code, never a deny', () => {
    expect(codeOf(() => lz.request({ account: 'no-such-account', action: 's3:GetObject' }))).toBe('UNKNOWN_ACCOUNT');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:GetObjekt' }))).toBe('UNKNOWN_ACTION');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:Get*' }))).toBe('UNKNOWN_ACTION');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:GetObject', region: 'us-east-9' }))).toBe('UNKNOWN_REGION');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:GetObject', principal: 'arn:aws:iam::12:role/x' }))).toBe('MALFORMED_ARN');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:GetObject', resource: 'bucket/key' }))).toBe('MALFORMED_ARN');
    expect(codeOf(() => lz.request({ account: 'prod-web', action: 's3:GetObject', context: { 'not a key': 'x' } }))).toBe('MALFORMED_CONTEXT');
    expect(codeOf(() => lz.request({ account: '555555555555', action: 's3:GetObject' }))).toBeUndefined();
  });

  it('accounts with the same policy chain share one decision key; the matrix evaluates each once', () => {
    const sim = simulatorFor(lz.model);
    const key = (n: string) => sim.decisionKey(lz.model.accounts.get(n)!);
    expect(key('prod-web')).toBe(key('prod-data'));
    expect(key('prod-web')).not.toBe(key('sandbox-alice'));
    const m = buildMatrix(lz.model, { actions: ['organizations:LeaveOrganization', 'ec2:RunInstances'] });
    expect(m.cells).toHaveLength(lz.model.accounts.size * 2 * m.regions.length);
    expect(m.evaluations).toBe(m.uniqueChains * 2 * m.regions.length);
    expect(m.uniqueChains).toBeLessThan(lz.model.accounts.size);
    expect(m.regions).toEqual([...lz.model.organization.allowedRegions, 'il-central-1']);
    const cell = m.cells.find((c) => c.account === 'prod-data' && c.action === 'ec2:RunInstances' && c.region === 'il-central-1');
    expect(cell).toMatchObject({ decision: 'ExplicitlyDenied', deniedBy: ['region-deny'] });
  });
});

describe('matcher messages', () => {
  it('list the deciding statements', () => {
    const denied = lz.request({ account: 'prod-payments', action: 'organizations:LeaveOrganization' });
    const m = matchers.toBeAllowed(denied);
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/ExplicitlyDenied[\s\S]*deny-leave-organization DenyLeaveOrganization/);
    expect(matchers.toBeDeniedBy(denied, 'region-deny').pass).toBe(false);
    expect(matchers.toBeDeniedBy(denied, 'region-deny').message()).toMatch(/Root deny-leave-organization/);
    expect(() => matchers.toBeDenied('not a result')).toThrow(/lz\.request/);
  });
});
