import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone } from '../../model';
import { RULES } from '../../preflight/rules';
import { stacks } from './fixtures';
import { RULE_CASES } from './rule-cases';

// Each case's fixtures are written from the documentation its rule cites (URLs in rule-cases.ts).
describe('AWS precondition rules', () => {
  const byId = new Map(RULES.map((r) => [r.id, r]));

  it.each(RULE_CASES.map((c) => [c.rule, c] as const))('%s: the documented shape passes', (_id, c) => {
    const result = byId.get(c.rule)!.check({ stacks: c.compliant });
    expect(result.status === 'non-compliant' ? result.problems.map((p) => p.message) : []).toEqual([]);
    expect(['compliant', 'not-applicable']).toContain(result.status);
  });

  it.each(RULE_CASES.map((c) => [c.rule, c] as const))('%s: the defect is reported on its resource', (_id, c) => {
    const result = byId.get(c.rule)!.check({ stacks: c.nonCompliant });
    expect(result.status).toBe('non-compliant');
    if (result.status !== 'non-compliant') return;
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(c.problem);
    for (const p of result.problems) expect(c.nonCompliant.map((s) => s.name)).toContain(p.stack);
  });

  it('has at least twelve rules, each with a unique id, a documentation URL and both fixtures', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.doc).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|developer\.hashicorp\.com|registry\.terraform\.io)\//);
    expect(RULE_CASES.map((c) => c.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('does not apply to stacks without the resources it is about', () => {
    const empty = stacks({ name: 'empty', resource: { aws_s3_bucket: { b: { bucket: 'b' } } } });
    // no-self-reference is about every resource: a bucket that names nothing of its own complies.
    for (const r of RULES) expect([r.id, r.check({ stacks: empty }).status]).toEqual([r.id, r.id === 'no-self-reference' ? 'compliant' : 'not-applicable']);
  });
});

describe('docs/preflight.md', () => {
  it('lists every rule with its level and documentation', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'preflight.md'), 'utf8');
    for (const r of RULES) expect(text).toContain(`| \`${r.id}\` | ${r.level} |`);
    for (const r of RULES) expect(text).toContain(`(${r.doc})`);
  });
});

// A StackSet that creates the policy reaches the accounts under its target OUs (never the
// management account): https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-concepts.html
describe('permission-set-policies-exist with a service-managed StackSet (targets expanded with the model)', () => {
  const lz = loadLandingZone(path.join(__dirname, '..', '..')).model!;
  const template = JSON.stringify({ Resources: { Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'developer-boundary', Path: '/', PolicyDocument: {} } } } });
  const withStackSet = (ouId: string) => stacks(
    { name: 'baseline', resource: {
      aws_cloudformation_stack_set: { boundary: { name: 'boundary', permission_model: 'SERVICE_MANAGED', template_body: template } },
      aws_cloudformation_stack_set_instance: { boundary: { stack_set_name: '${aws_cloudformation_stack_set.boundary.name}', region: 'us-east-1', deployment_targets: [{ organizational_unit_ids: [ouId] }] } },
    } },
    { name: 'identity', resource: {
      aws_ssoadmin_permission_set: { dev: { name: 'Developer', instance_arn: 'arn:aws:sso:::instance/ssoins-1' } },
      aws_ssoadmin_customer_managed_policy_attachment: { dev: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: '${aws_ssoadmin_permission_set.dev.arn}',
        customer_managed_policy_reference: [{ name: 'developer-boundary', path: '/' }] } },
      aws_ssoadmin_account_assignment: { dev: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: '${aws_ssoadmin_permission_set.dev.arn}',
        principal_id: 'g-1', principal_type: 'GROUP', target_id: '555555555555', target_type: 'AWS_ACCOUNT' } },
    } },
  );
  const rule = RULES.find((r) => r.id === 'permission-set-policies-exist')!;

  it('is satisfied when the StackSet reaches the assigned account (prod-payments, under Workloads/Prod)', () => {
    expect(rule.check({ stacks: withStackSet('ou-a1b2-44444444'), lz }).status).toBe('compliant');
  });

  it('reports the assignment when the StackSet targets another OU (Sandbox)', () => {
    const r = rule.check({ stacks: withStackSet('${aws_organizations_organizational_unit.ou_Sandbox.id}'), lz });
    expect(r.status).toBe('non-compliant');
  });
});
