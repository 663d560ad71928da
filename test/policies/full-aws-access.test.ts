import * as fs from 'fs';
import * as path from 'path';
import { landingZone } from 'lzkit/testing';
import { loadLandingZone } from '../../model';
import { copyExample, edit, errorsOf, removeCopies, replaceOnce } from '../model/declaration-copy';

/*
 * AWS attaches FullAWSAccess to every root, OU and account, and a request passes the SCPs only when
 * every level from the root to the account allows it; detaching FullAWSAccess from a level leaves
 * that level's other SCPs to allow on their own, and AWS refuses to detach a target's last SCP:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html
 * It counts against the quota of 10 SCPs per target where it stays attached:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * RCPFullAWSAccess cannot be detached:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */

afterAll(removeCopies);

/** A copy where the Sandbox OU runs an allow list: only S3 and EC2 reads, FullAWSAccess detached there. */
function sandboxAllowList(detach = '  detachFrom: { ous: [Sandbox] }\n'): string {
  const dir = copyExample();
  fs.writeFileSync(path.join(dir, 'policies/scp/sandbox-allow-list.json'), JSON.stringify({
    id: 'sandbox-allow-list', type: 'SCP', description: 'what sandboxes may use', severity: 'high',
    document: { Version: '2012-10-17', Statement: [{ Sid: 'AllowListed', Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*', 'sts:AssumeRole', 'iam:*Role*', 'organizations:Describe*', 'cloudformation:*', 'dynamodb:*Item'], Resource: '*' }] },
  }));
  edit(dir, 'accounts/guardrails.yaml', replaceOnce('attachments:\n', `fullAwsAccess:\n${detach}attachments:\n  - policy: sandbox-allow-list\n    targets: { ous: [Sandbox] }\n`));
  // region-deny + deny-iam-users + deny-external-ram-sharing + sandbox-limits + the allow list: 5 SCPs without FullAWSAccess.
  return dir;
}

describe('FullAWSAccess placement per OU and account', () => {
  it('the example keeps FullAWSAccess everywhere: a request no guardrail denies is allowed', () => {
    const lz = landingZone(copyExample());
    expect(lz.request({ account: 'sandbox-alice', action: 'lambda:CreateFunction', region: 'us-east-1' })).toBeAllowed();
  });

  it('where FullAWSAccess is detached, what the level does not allow is implicitly denied', () => {
    const lz = landingZone(sandboxAllowList());
    const r = lz.request({ account: 'sandbox-alice', action: 'lambda:CreateFunction', region: 'us-east-1' });
    expect(r.decision).toBe('ImplicitlyDenied');
    expect(lz.request({ account: 'sandbox-alice', action: 's3:GetObject', region: 'us-east-1' })).toBeAllowed();
    // Other OUs keep FullAWSAccess.
    expect(lz.request({ account: 'prod-payments', action: 'lambda:CreateFunction', region: 'us-east-1' })).toBeAllowed();
  });

  it('detaching it from a target without an SCP of lzkit is refused, as AWS refuses to detach the last SCP', () => {
    const dir = sandboxAllowList('  detachFrom: { ous: [Suspended, Sandbox], accounts: [prod-web] }\n');
    const codes = errorsOf(dir).map((e) => `${e.code} ${e.message.split(':')[0]}`);
    expect(codes).toContainEqual(expect.stringMatching(/^FULL_AWS_ACCESS_LAST_SCP FullAWSAccess cannot be detached from account 'prod-web'/));
    // Suspended carries quarantine directly, Sandbox carries five SCPs: both may lose FullAWSAccess.
    expect(codes.filter((c) => c.startsWith('FULL_AWS_ACCESS_LAST_SCP'))).toHaveLength(1);
  });

  it('FullAWSAccess counts against the per-target quota only where it stays attached', () => {
    const dir = sandboxAllowList();
    // Five more SCPs on Sandbox: ten of lzkit's own, FullAWSAccess detached, AWS's quota of 10 met exactly.
    let attachments = '';
    for (let i = 1; i <= 5; i++) {
      fs.writeFileSync(path.join(dir, `policies/scp/sandbox-extra-${i}.json`), JSON.stringify({
        id: `sandbox-extra-${i}`, type: 'SCP', description: 'one more sandbox guardrail', severity: 'low',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sns:CreateTopic', Resource: '*' }] },
      }));
      attachments += `  - policy: sandbox-extra-${i}\n    targets: { ous: [Sandbox] }\n`;
    }
    edit(dir, 'accounts/guardrails.yaml', replaceOnce('  - policy: sandbox-allow-list\n', `${attachments}  - policy: sandbox-allow-list\n`));
    expect(loadLandingZone(dir).errors.filter((e) => e.code === 'TOO_MANY_POLICIES')).toEqual([]);
    // Kept attached, FullAWSAccess is the eleventh.
    edit(dir, 'accounts/guardrails.yaml', replaceOnce('fullAwsAccess:\n  detachFrom: { ous: [Sandbox] }\n', ''));
    expect(loadLandingZone(dir).errors.filter((e) => e.code === 'TOO_MANY_POLICIES').map((e) => e.message)).toEqual([expect.stringMatching(/OU Sandbox would have 11 SCPs .*FullAWSAccess\); the quota is 10/)]);
  });

  it('the organization-wide switch it replaces is refused with what to write instead', () => {
    const dir = copyExample();
    edit(dir, 'accounts/organization.yaml', replaceOnce('  stateBackend:\n', '  keepFullAwsAccess: false\n  stateBackend:\n'));
    expect(errorsOf(dir)).toContainEqual(expect.objectContaining({ code: 'REPLACED_SETTING', file: 'accounts/organization.yaml', message: expect.stringMatching(/fullAwsAccess: \{ detachFrom/) }));
  });
});
