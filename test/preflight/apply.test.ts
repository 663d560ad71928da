import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone, type LandingZone } from '../../model';
import { CLOUDFORMATION_TO_TERRAFORM } from '../../preflight/actions/cloudformation';
import { actionTable } from '../../preflight/actions/table';
import { emittedTypes } from '../../preflight/actions/update';
import { resourceArn } from '../../preflight/apply/arns';
import { simulateApply, uncoveredTypes } from '../../preflight/apply/simulate';
import { stackSetDeployments } from '../../preflight/stacksets';
import { synthesizeStacks } from '../../preflight/synth';
import { copyWholeExample, denyCreateVpcAtProd, EXAMPLE_DIR, removeWholeCopies } from './example-copy';
import { stacks } from './fixtures';

function load(dir: string): LandingZone {
  const r = loadLandingZone(dir);
  if (!r.model) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.model;
}

afterAll(removeWholeCopies);

describe('the apply simulation', () => {
  const lz = load(EXAMPLE_DIR);
  const example = synthesizeStacks(lz);

  it('knows the IAM actions of every resource type and data source the example synthesizes', () => {
    expect(uncoveredTypes(example)).toEqual([]);
    const templateTypes = stackSetDeployments(example, lz).flatMap((d) => d.template.map((t) => t.type));
    expect(templateTypes.length).toBeGreaterThan(0);
    for (const t of templateTypes) expect(actionTable().resources[CLOUDFORMATION_TO_TERRAFORM[t]]).toBeDefined();
  });

  // A StackSet instance's account filter narrows its OUs' accounts: INTERSECTION keeps only the listed
  // accounts (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html).
  // The example's Developer permission set reaches Workloads/NonProd and Sandbox (accounts/identity.yaml):
  // its boundary policy is replayed there only, never in the Suspended account.
  it('replays a StackSet narrowed to some accounts in those accounts only', () => {
    const boundary = stackSetDeployments(example, lz).find((d) => d.stackSet.address.includes('lzkit-developer-boundary'))!;
    expect(boundary.accounts.map((a) => a.name).sort()).toEqual(['nonprod-payments', 'nonprod-web', 'sandbox-alice']);
    const audit = stackSetDeployments(example, lz).find((d) => d.stackSet.address === 'aws_cloudformation_stack_set.audit_role')!;
    expect(audit.accounts.map((a) => a.name)).toContain('retired-legacy');
  });

  it('regenerates the table for every type the stacks can emit (the update script reads stacks/)', () => {
    const types = new Set(emittedTypes());
    for (const s of example) {
      for (const r of s.resources) expect([r.type, types.has(r.type)]).toEqual([r.type, true]);
      for (const d of s.data) if (d.type !== 'terraform_remote_state') expect([d.type, types.has(`data.${d.type}`)]).toEqual([d.type, true]);
    }
    for (const t of types) expect([t, t.startsWith('data.') ? actionTable().dataSources[t.slice(5)] !== undefined : actionTable().resources[t] !== undefined]).toEqual([t, true]);
  });

  it('names the source and licence of the vendored action table', () => {
    expect(actionTable().source).toMatchObject({ repository: 'https://github.com/JamesWoolfenden/pike', license: 'Apache-2.0' });
    expect(actionTable().source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(fs.readFileSync(path.join(EXAMPLE_DIR, 'preflight', 'actions', 'NOTICE'), 'utf8')).toMatch(/Apache License, Version 2\.0/);
  });

  // ARN formats: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html#awsidentityandaccessmanagementiam-resources-for-iam-policies
  // and https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-resources-for-iam-policies
  it('builds the ARN a create call acts on from the arguments that name it', () => {
    const [s] = stacks({ name: 'x', resource: {
      aws_iam_role: { r: { name: 'lzkit-network', path: '/platform/' } },
      aws_s3_bucket: { b: { bucket: 'logs-1' } },
      aws_s3_bucket_policy: { b: { bucket: '${aws_s3_bucket.b.id}', policy: '{}' } },
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
    } });
    const at = (address: string) => resourceArn(s.resources.find((r) => r.address === address)!, { accountId: '555555555555', region: 'us-east-1', stack: s });
    expect(at('aws_iam_role.r')).toBe('arn:aws:iam::555555555555:role/platform/lzkit-network');
    expect(at('aws_s3_bucket.b')).toBe('arn:aws:s3:::logs-1');
    expect(at('aws_s3_bucket_policy.b')).toBe('arn:aws:s3:::logs-1');
    // A VPC's id is assigned by AWS: its type's ARN with any id (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies).
    expect(at('aws_vpc.v')).toBe('arn:aws:ec2:us-east-1:555555555555:vpc/*');
  });

  it('reports a guardrail that denies a resource\'s create action, naming the resource, account, principal, action and guardrail', () => {
    const dir = copyWholeExample();
    denyCreateVpcAtProd(dir);
    const copy = load(dir);
    const { findings } = simulateApply(copy, synthesizeStacks(copy));
    const vpc = findings.filter((f) => f.level === 'error' && /^aws_vpc\./.test(f.resource));
    expect(vpc.map((f) => f.stack).sort()).toEqual(['network-spoke-prod-payments', 'network-spoke-prod-web']);
    expect(vpc[0].message).toMatch(/ec2:CreateVpc/);
    expect(vpc[0].message).toMatch(/guardrail 'deny-create-vpc' statement '#1' \(SCP at Workloads\/Prod\)/);
    expect(vpc[0].message).toMatch(/as arn:aws:iam::\d{12}:role\/OrganizationAccountAccessRole/);
    expect(vpc[0].message).toMatch(/attached at accounts\/guardrails\.yaml:\d+/);
  });

  // Service-managed StackSets run as stacksets-exec-* in each target account:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
  it('replays StackSet instances as the execution role in every target account (a guardrail without its exemption blocks the audit role)', () => {
    const dir = copyWholeExample();
    const file = path.join(dir, 'policies', 'scp', 'protect-platform-roles.json');
    const before = fs.readFileSync(file, 'utf8');
    const after = before.replace(/,\s*"\$\{stackSetExecutionRoleArn\}"/, '');
    expect(after).not.toBe(before);
    fs.writeFileSync(file, after);
    const copy = load(dir);
    const { findings } = simulateApply(copy, synthesizeStacks(copy));
    const denied = findings.filter((f) => f.level === 'error' && f.resource === 'aws_cloudformation_stack_set_instance.audit_role' && /iam:CreateRole/.test(f.message));
    expect(denied).toHaveLength(1);
    expect(denied[0].message).toMatch(/guardrail 'protect-platform-roles' statement 'ProtectAuditRole'/);
    expect(denied[0].message).toMatch(/role\/stacksets-exec-/);
    expect(denied[0].message).toMatch(/in accounts .* and \d+ more/);
  });

  it('finds no guardrail in the example that stops its own deploy, and counts how each resource\'s ARN was known', () => {
    const { findings, stats } = simulateApply(lz, example);
    expect(findings.filter((f) => f.level === 'error').map((f) => f.message)).toEqual([]);
    expect(stats.evaluated).toBeGreaterThan(200);
    expect(stats.exactResources + stats.typedResources + stats.wildcardResources).toBe(stats.evaluated);
    expect(stats.exactResources).toBeGreaterThan(0);
    // Every type lzkit emits names its resource, at least by type: `*` stays the exception.
    expect(stats.wildcardResources).toBeLessThanOrEqual(stats.evaluated / 10);
    expect(stats.management).toBeGreaterThan(0);
  });
});
