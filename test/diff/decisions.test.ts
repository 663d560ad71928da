import * as fs from 'fs';
import * as path from 'path';
import { diffDeclarations } from '../../diff';
import { edit, lineOf, replaceOnce } from '../model/declaration-copy';
import { cleanup, copyDeclaration, diffExample, REGION_DENY_WITHOUT_SANDBOX, side } from './fixture';

afterAll(cleanup);

// How AWS evaluates SCPs: a request is allowed only when every level of the account's chain has an
// Allow for it and no statement on the chain denies it.
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html

describe('guardrail decisions', () => {
  it('a guardrail detached from an OU: its accounts are allowed what it denied, nobody else changes', () => {
    const { report, headDir } = diffExample([REGION_DENY_WITHOUT_SANDBOX]);
    // region-deny denies requests outside the allowed regions (us-east-1, us-west-2, eu-west-1);
    // without it, S3 reads in il-central-1 from the Sandbox OU are allowed, as in AWS's example
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
    expect(report.decisions).toContainEqual(expect.objectContaining({
      account: 'sandbox-alice', action: 's3:GetObject', region: 'il-central-1', before: 'ExplicitlyDenied', after: 'Allowed',
    }));
    expect(new Set(report.decisions.map((d) => d.account))).toEqual(new Set(['sandbox-alice'])); // the only account in Sandbox
    expect(report.decisions.every((d) => d.region === 'il-central-1')).toBe(true); // inside the allowed regions nothing moves
    const row = report.decisions.find((d) => d.action === 's3:GetObject')!;
    expect(row.cause).toBe('region-deny detached from Sandbox');
    expect(row.locations).toEqual([{ file: 'accounts/guardrails.yaml', line: lineOf(headDir, 'accounts/guardrails.yaml', '- policy: region-deny'), column: 5 }]);
    expect(report.summary).toMatchObject({ widened: true, decisionsNarrowed: 0 });
    expect(report.summary.decisionsWidened).toBe(report.decisions.length);
  });

  it('evaluates only the chains that changed: one OU, one chain pair', () => {
    const { report } = diffExample([REGION_DENY_WITHOUT_SANDBOX]);
    expect(report.summary.evaluated.chains).toBe(1);
    expect(report.summary.evaluated.evaluations).toBe(2 * report.summary.evaluated.actions * report.summary.evaluated.regions);
  });

  it('no change: nothing is evaluated and nothing reported', () => {
    const dir = copyDeclaration();
    const report = diffDeclarations(side(dir), side(dir));
    expect(report.summary.changed).toBe(false);
    expect(report.summary.evaluated.evaluations).toBe(0);
  });

  it('an edited statement is exercised even when no list names its action, and located on the statement', () => {
    const statement = '{ "Sid": "DenyDomainTransfers", "Effect": "Deny", "Action": "route53domains:TransferDomain", "Resource": "*" },';
    const { report, headDir } = diffExample([{ rel: 'policies/scp/sandbox-limits.json', from: '"Statement": [', to: `"Statement": [\n      ${statement}` }]);
    // An explicit Deny in an SCP on the chain denies the request.
    const rows = report.decisions.filter((d) => d.action === 'route53domains:TransferDomain');
    // Route 53 Domains is a global service that region-deny exempts (as AWS's region example does), so every region moves.
    expect(rows.map((d) => d.region).sort()).toEqual(['eu-west-1', 'il-central-1', 'us-east-1', 'us-west-2']);
    expect(rows.every((d) => d.account === 'sandbox-alice' && d.before === 'Allowed' && d.after === 'ExplicitlyDenied')).toBe(true);
    expect(rows[0].cause).toBe('sandbox-limits edited (statement DenyDomainTransfers)');
    expect(rows[0].locations).toEqual([{ file: 'policies/scp/sandbox-limits.json', line: lineOf(headDir, 'policies/scp/sandbox-limits.json', 'DenyDomainTransfers'), column: 7 }]);
    expect(report.summary).toMatchObject({ widened: false });
  });

  it('FullAWSAccess detached from an OU: what no Allow at that level names is implicitly denied', () => {
    const baseDir = copyDeclaration();
    const headDir = copyDeclaration();
    const allow = {
      $schema: '../../schema/policy.schema.json', id: 'sandbox-allow', type: 'SCP', severity: 'medium',
      description: 'What sandboxes may do once FullAWSAccess is detached from them.',
      document: { Version: '2012-10-17', Statement: [{ Sid: 'AllowPlatform', Effect: 'Allow', Action: ['sts:*', 'organizations:*', 'iam:*', 'cloudformation:*', 's3:*', 'dynamodb:*', 'ec2:*'], Resource: '*' }] },
    };
    // Sandbox already holds 4 SCPs: with FullAWSAccess that is the quota of 5, so the Allow comes with the detachment.
    fs.writeFileSync(path.join(headDir, 'policies', 'scp', 'sandbox-allow.json'), JSON.stringify(allow, null, 2));
    edit(headDir, 'accounts/guardrails.yaml', replaceOnce('  # Suspended accounts', '  - policy: sandbox-allow\n    targets: { ous: [Sandbox] }\n  # Suspended accounts'));
    fs.appendFileSync(path.join(headDir, 'accounts', 'guardrails.yaml'), 'fullAwsAccess:\n  detachFrom: { ous: [Sandbox] }\n');
    const report = diffDeclarations(side(baseDir), side(headDir));
    expect(report.decisions).toContainEqual(expect.objectContaining({
      account: 'sandbox-alice', action: 'lambda:CreateFunction', region: 'us-east-1', before: 'Allowed', after: 'ImplicitlyDenied',
      cause: 'sandbox-allow attached at Sandbox; FullAWSAccess detached from Sandbox',
    }));
    // ec2:* stays allowed at the Sandbox level by sandbox-allow.
    expect(report.decisions.some((d) => d.action === 'ec2:CreateInternetGateway' && d.region === 'us-east-1')).toBe(false);
  });

  it('an account moved to another OU: the guardrails of its new OU apply, and the cause says so', () => {
    const { report } = diffExample([{ rel: 'accounts/accounts.yaml', from: 'email: aws-sandbox-alice@example.com\n    ou: Sandbox', to: 'email: aws-sandbox-alice@example.com\n    ou: Workloads/NonProd' }]);
    // protect-flow-logs is attached to Workloads/NonProd and denies deleting flow logs.
    expect(report.decisions).toContainEqual(expect.objectContaining({
      account: 'sandbox-alice', action: 'ec2:DeleteFlowLogs', region: 'us-east-1', before: 'Allowed', after: 'ExplicitlyDenied',
    }));
    // Sandbox carries sandbox-limits; Workloads/NonProd and Workloads carry these instead (accounts/guardrails.yaml).
    expect(report.decisions[0].cause).toBe('account now under Workloads/NonProd (was Sandbox); '
      + 'gains deny-s3-public-access-changes, enforce-ebs-default-encryption, protect-flow-logs, protect-network-baseline; loses sandbox-limits');
  });
});
