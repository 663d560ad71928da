import * as fs from 'fs';
import * as path from 'path';
import { landingZone } from 'lzkit/testing';
import { loadLandingZone } from '../../model';
import { buildMatrix } from '../../model/simulate';
import { copyExample, edit, removeCopies, replaceOnce } from '../model/declaration-copy';

/*
 * Since September 2025 SCPs take the full IAM policy language: conditions, specific resource ARNs
 * and NotAction in Allow statements, NotResource in Allow and Deny, wildcards anywhere in an action:
 * https://aws.amazon.com/blogs/security/unlock-new-possibilities-aws-organizations-service-control-policy-now-supports-full-iam-language
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_scp-syntax.html
 * Here an allow list on the Sandbox OU (FullAWSAccess detached there) is written in it.
 */

afterAll(removeCopies);

const ALLOW_LIST = {
  Version: '2012-10-17',
  Statement: [
    // What the platform roles need, anywhere (the lockout check holds them to it).
    { Sid: 'Platform', Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:*Role*', 'organizations:Describe*', 'cloudformation:*', 'dynamodb:*Item', 's3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: '*' },
    // A condition in an Allow: EC2 only in eu-west-1.
    { Sid: 'Ec2InIreland', Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    // NotResource in an Allow: every bucket but the audit ones.
    { Sid: 'BucketsButAudit', Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::audit-*', 'arn:aws:s3:::audit-*/*'] },
    // A specific resource ARN in an Allow, with a wildcard in the middle of the action.
    { Sid: 'OneTopic', Effect: 'Allow', Action: 'sns:*Topic*', Resource: 'arn:aws:sns:*:*:sandbox-alerts' },
  ],
};

function sandboxAllowList(): string {
  const dir = copyExample();
  fs.writeFileSync(path.join(dir, 'policies/scp/sandbox-full-language.json'), JSON.stringify({
    id: 'sandbox-full-language', type: 'SCP', description: 'the Sandbox allow list, in the full IAM language', severity: 'high', document: ALLOW_LIST,
  }, null, 2));
  edit(dir, 'accounts/guardrails.yaml', replaceOnce('attachments:\n', 'fullAwsAccess:\n  detachFrom: { ous: [Sandbox] }\nattachments:\n  - policy: sandbox-full-language\n    targets: { ous: [Sandbox] }\n'));
  return dir;
}

describe('an SCP in the full IAM language', () => {
  it('passes the lint and the size quota', () => {
    const r = loadLandingZone(sandboxAllowList());
    expect(r.errors).toEqual([]);
    const g = r.model!.guardrails.policies.get('sandbox-full-language')!;
    expect(g.content.length).toBeLessThan(10240);
  });

  it('is simulated statement by statement: conditions, NotResource and resource ARNs in Allow', () => {
    const lz = landingZone(sandboxAllowList());
    const req = (action: string, extra: Record<string, string> = {}) => lz.request({ account: 'sandbox-alice', action, ...extra });
    expect(req('ec2:RunInstances', { region: 'eu-west-1' })).toBeAllowed();
    expect(req('ec2:RunInstances', { region: 'us-east-1' }).decision).toBe('ImplicitlyDenied');
    expect(req('s3:DeleteBucket', { resource: 'arn:aws:s3:::team-data' })).toBeAllowed();
    expect(req('s3:DeleteBucket', { resource: 'arn:aws:s3:::audit-trail' }).decision).toBe('ImplicitlyDenied');
    expect(req('sns:DeleteTopic', { resource: 'arn:aws:sns:us-east-1:777777777777:sandbox-alerts' })).toBeAllowed();
    expect(req('sns:DeleteTopic', { resource: 'arn:aws:sns:us-east-1:777777777777:other' }).decision).toBe('ImplicitlyDenied');
    // Accounts of other OUs keep FullAWSAccess.
    expect(lz.request({ account: 'prod-web', action: 'sns:DeleteTopic', resource: 'arn:aws:sns:us-east-1:333333333333:other' })).toBeAllowed();
  });

  it('shows in the matrix: the Sandbox level allows EC2 in eu-west-1 only', () => {
    const lz = landingZone(sandboxAllowList());
    const m = buildMatrix(lz.model, { actions: ['ec2:RunInstances'], accounts: [lz.model.accounts.get('sandbox-alice')!] });
    const byRegion = Object.fromEntries(m.cells.map((c) => [c.region, c.decision]));
    expect(byRegion['eu-west-1']).toBe('Allowed');
    expect(byRegion['us-east-1']).toBe('ImplicitlyDenied');
    expect(m.cells.find((c) => c.region === 'us-east-1')?.deniedBy).toEqual(['Sandbox:none']);
  });
});
