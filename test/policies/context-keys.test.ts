import * as fs from 'fs';
import * as path from 'path';
import { landingZone } from 'lzkit/testing';
import { SimulationError } from '../../model/simulate';
import { copyExample, edit, removeCopies, replaceOnce } from '../model/declaration-copy';

/*
 * The request context the simulator builds must carry the global condition keys with the values
 * AWS documents, so a guardrail conditioned on them decides as it would in AWS:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * Each test attaches one guardrail conditioned on one key to a copy of the example.
 */

afterAll(removeCopies);

const ROLE = 'arn:aws:iam::555555555555:role/app';
const SESSION = 'arn:aws:sts::555555555555:assumed-role/app/alice';
const USER = 'arn:aws:iam::555555555555:user/alice';
const ROOT_USER = 'arn:aws:iam::555555555555:root';

/** The example with one more policy (SCP or RCP) attached to the Workloads OU. */
function withGuardrail(type: 'SCP' | 'RCP', statement: Record<string, unknown>) {
  const dir = copyExample();
  fs.writeFileSync(path.join(dir, `policies/${type.toLowerCase()}/context-probe.json`), JSON.stringify({
    id: 'context-probe', type, description: 'denies what its condition names', severity: 'low',
    document: { Version: '2012-10-17', Statement: [{ Sid: 'Probe', Effect: 'Deny', Resource: '*', ...(type === 'RCP' ? { Principal: '*' } : {}), ...statement }] },
  }));
  edit(dir, 'accounts/guardrails.yaml', replaceOnce('attachments:\n', 'attachments:\n  - policy: context-probe\n    targets: { ous: [Workloads] }\n'));
  return landingZone(dir);
}

describe('aws:PrincipalType', () => {
  // Values: Account (root user), User (IAM user), FederatedUser, AssumedRole, Anonymous.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype
  it('is User for an IAM user, AssumedRole for a role or its session, Account for the root user', () => {
    const probe = (type: string) => withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { StringEquals: { 'aws:PrincipalType': type } } });
    const user = probe('User');
    expect(user.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: USER })).toBeDeniedBy('context-probe');
    expect(user.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: ROLE })).toBeAllowed();
    expect(probe('AssumedRole').request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: SESSION })).toBeDeniedBy('context-probe');
    expect(probe('Account').request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: ROOT_USER })).toBeDeniedBy('context-probe');
  });
});

describe('aws:MultiFactorAuthPresent', () => {
  // Present for temporary credentials (false unless the session used MFA); absent for requests
  // signed with long-term access keys of an IAM user or the root user.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
  it('is false for a role session and absent for an IAM user', () => {
    const lz = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: SESSION })).toBeDeniedBy('context-probe');
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: USER })).toBeAllowed();
    const absent = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } });
    expect(absent.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: USER })).toBeDeniedBy('context-probe');
    expect(absent.request({ account: 'prod-payments', action: 'sns:CreateTopic', principal: SESSION })).toBeAllowed();
  });
});

describe('aws:CurrentTime and aws:EpochTime', () => {
  // Both are always included in the request context.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime
  it('are present and hold the time of the request', () => {
    const lz = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } });
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic' })).toBeDeniedBy('context-probe');
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic', context: { 'aws:CurrentTime': '2019-01-01T00:00:00Z' } })).toBeAllowed();
    const epoch = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { NumericGreaterThan: { 'aws:EpochTime': '1577836800' } } });
    expect(epoch.request({ account: 'prod-payments', action: 'sns:CreateTopic' })).toBeDeniedBy('context-probe');
  });
});

describe('aws:PrincipalOrgPaths and aws:ResourceOrgPaths', () => {
  // o-id/r-id/ou-id/.../ down to the account's OU; an OU id carries its root's id (ou-<root>-...).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html
  it('follow the OU tree of organization.yaml (Workloads is ou-a1b2-33333333 under root r-a1b2)', () => {
    const lz = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-a1b2/ou-a1b2-33333333/ou-a1b2-44444444/' } } });
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic' })).toBeDeniedBy('context-probe'); // Workloads/Prod
    expect(lz.request({ account: 'nonprod-web', action: 'sns:CreateTopic' })).toBeAllowed(); // Workloads/NonProd
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths
  it('aws:ResourceOrgPaths is the path of the account that owns the resource', () => {
    const lz = withGuardrail('RCP', { Action: 's3:GetObjectTagging', Condition: { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-a1b2/ou-a1b2-33333333/*' } } });
    expect(lz.request({ account: 'prod-payments', action: 's3:GetObjectTagging', resource: 'arn:aws:s3:::payments/x' })).toBeDeniedBy('context-probe');
    expect(lz.request({ account: 'prod-payments', action: 's3:GetObjectTagging', resource: 'arn:aws:s3:::payments/x', principal: 'arn:aws:iam::666666666666:role/reader' })).toBeDeniedBy('context-probe');
  });
});

describe('service-linked roles', () => {
  // SCPs don't affect service-linked roles; a session of one is the role acting.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  it('a session of a service-linked role is exempt from SCPs like the role', () => {
    const lz = landingZone(copyExample());
    const session = 'arn:aws:sts::555555555555:assumed-role/AWSServiceRoleForAmazonGuardDuty/guardduty';
    const r = lz.request({ account: 'prod-payments', action: 'organizations:LeaveOrganization', principal: session });
    expect(r).toBeAllowed();
    expect(r.notes).toContain('SCPs do not apply to service-linked roles');
  });
});

describe('anonymous callers', () => {
  // RCPs restrict access to resources whoever calls, an unauthenticated caller included; SCPs
  // apply only to principals of member accounts.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  it('are denied by an RCP that admits only the organization, and not by SCPs', () => {
    const lz = landingZone(copyExample());
    const r = lz.request({ account: 'prod-payments', action: 's3:GetObject', resource: 'arn:aws:s3:::payments/report.csv', anonymous: true });
    expect(r).toBeDeniedBy('rcp-organization-only-principals');
    expect(r.principal).toBe('anonymous');
    // The management account's resources are outside RCPs: only the resource policy decides.
    expect(lz.request({ account: 'management', action: 's3:GetObject', resource: 'arn:aws:s3:::public/x', anonymous: true })).toBeAllowed();
  });

  it('carry aws:PrincipalType Anonymous and no principal keys', () => {
    const lz = withGuardrail('RCP', { Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalType': 'Anonymous' }, Null: { 'aws:PrincipalAccount': 'true' } } });
    expect(lz.request({ account: 'nonprod-web', action: 's3:GetObject', resource: 'arn:aws:s3:::web/x', anonymous: true })).toBeDeniedBy('context-probe');
  });

  it('cannot be given a principal as well', () => {
    const lz = landingZone(copyExample());
    expect(() => lz.request({ account: 'prod-web', action: 's3:GetObject', anonymous: true, principal: ROLE })).toThrow(SimulationError);
  });
});

describe('principal tags', () => {
  // aws:PrincipalTag/tag-key: the tags attached to the calling user or role.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
  it('reach the request context as aws:PrincipalTag/KEY', () => {
    const lz = withGuardrail('SCP', { Action: 'sns:CreateTopic', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } });
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic', principalTags: { team: 'platform' } })).toBeAllowed();
    expect(lz.request({ account: 'prod-payments', action: 'sns:CreateTopic', principalTags: { team: 'data' } })).toBeDeniedBy('context-probe');
  });
});

describe('the services RCPs apply to', () => {
  // "List of AWS services that support RCPs":
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  it('are the documented ones: an RCP on DynamoDB is not evaluated', () => {
    const lz = landingZone(copyExample());
    const r = lz.request({ account: 'prod-payments', action: 'dynamodb:GetItem', principal: 'arn:aws:iam::999999999999:role/partner' });
    expect(r.notes).toContain('RCPs do not apply to dynamodb');
    const s3 = lz.request({ account: 'prod-payments', action: 's3:GetObject', principal: 'arn:aws:iam::999999999999:role/partner' });
    expect(s3).toBeDeniedBy('rcp-organization-only-principals');
  });
});
