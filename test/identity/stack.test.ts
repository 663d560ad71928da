import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { loadLandingZone, type LandingZone } from '../../model';
import { accountAssignments } from '../../model/identity';
import { buildApp } from '../../stacks/app';
import { Testing, type TerraformStack } from '../../stacks/cdktf';
import { ROOT_DIR, declarationCopy } from './fixture';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const logicalIdOf = (permissionSet: string): string => `aws_ssoadmin_permission_set.permission_set_${permissionSet}.arn`;

function synthIdentity(lz: LandingZone): { json: string; resource: Resources; data: Resources } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-identity-out-'));
  const app = buildApp(lz, out);
  const stack = app.node.findChild('identity') as TerraformStack;
  const json = Testing.synth(stack);
  fs.rmSync(out, { recursive: true, force: true });
  const parsed = JSON.parse(json) as { resource: Resources; data: Resources };
  return { json, resource: parsed.resource, data: parsed.data };
}

describe('the identity stack of the example', () => {
  const lz = loadLandingZone(ROOT_DIR).model!;
  const { json, resource, data } = synthIdentity(lz);
  const sets = Object.values(resource.aws_ssoadmin_permission_set);

  it('synthesizes one account assignment per expanded (principal, permission set, account)', () => {
    const assignments = Object.values(resource.aws_ssoadmin_account_assignment);
    const expected = accountAssignments(lz.identity!);
    expect(assignments).toHaveLength(expected.length);
    expect(assignments.length).toBeGreaterThanOrEqual(6);
    expect(assignments.every((a) => a.target_type === 'AWS_ACCOUNT')).toBe(true);
  });

  it('targets adopted accounts by their literal id, created ones by reference, never the management account unless allowed', () => {
    const assignments = Object.values(resource.aws_ssoadmin_account_assignment);
    const targets = assignments.map((a) => String(a.target_id));
    expect(targets).toContain('555555555555'); // prod-payments, adopted
    const mgmt = assignments.filter((a) => a.target_id === '111111111111');
    // Administrator, SecurityAudit and Billing say allowManagementAccount: true; nothing else reaches it.
    expect(mgmt).toHaveLength(3);
    expect(targets.filter((t) => !/^\d{12}$/.test(t)).every((t) => t.startsWith('${'))).toBe(true);
  });

  it('sets session_duration on every permission set (at least three)', () => {
    expect(sets.length).toBeGreaterThanOrEqual(3);
    for (const ps of sets) expect(ps.session_duration).toBe(lz.identity!.permissionSets.get(String(ps.name))!.sessionDuration);
    expect(Testing.toHaveResourceWithProperties(json, SsoadminPermissionSet.tfResourceType, { name: 'ReadOnly', session_duration: 'PT8H' })).toBe(true);
  });

  it('inline policies are exactly the documents in policies/permission-sets/', () => {
    const inline = Object.values(resource.aws_ssoadmin_permission_set_inline_policy);
    const fromDisk = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'policies', 'permission-sets', f), 'utf8')) as unknown;
    const byName: Record<string, string> = { Developer: 'developer.json', ReadOnly: 'read-only-data-guard.json' };
    expect(inline).toHaveLength(Object.keys(byName).length);
    for (const [ps, file] of Object.entries(byName)) {
      const r = inline.find((x) => String(x.permission_set_arn).includes(`permission_set_${ps}.arn`))!;
      expect(JSON.parse(String(r.inline_policy))).toEqual(fromDisk(file));
    }
  });

  it('attaches AWS managed, customer managed policies and the permissions boundary', () => {
    const managed = Object.values(resource.aws_ssoadmin_managed_policy_attachment).map((r) => r.managed_policy_arn);
    expect(managed).toEqual(expect.arrayContaining(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/Billing']));
    expect(Object.values(resource.aws_ssoadmin_customer_managed_policy_attachment)[0].customer_managed_policy_reference)
      .toEqual({ name: 'lzkit-security-audit-extras', path: '/' });
    expect(Object.values(resource.aws_ssoadmin_permissions_boundary_attachment)[0].permissions_boundary)
      .toEqual({ customer_managed_policy_reference: { name: 'lzkit-developer-boundary', path: '/' } });
  });

  // Identity Center provisions a permission set into an account only when each customer managed
  // policy (and a customer managed permissions boundary) it names exists there with that name and path:
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetcustom.html
  it('creates every customer managed policy a permission set names in every account it is assigned to, before the assignments', () => {
    const named = [...lz.identity!.permissionSets.values()].flatMap((ps) => [
      ...ps.customerManagedPolicies.map((c) => ({ ps: ps.name, name: c.name, path: c.path })),
      ...(ps.permissionsBoundary?.kind === 'customer-managed' ? [{ ps: ps.name, name: ps.permissionsBoundary.policy.name, path: ps.permissionsBoundary.policy.path }] : []),
    ]);
    expect(named.map((n) => n.name).sort()).toEqual(['lzkit-developer-boundary', 'lzkit-security-audit-extras']);
    const stackSets = resource.aws_cloudformation_stack_set;
    const instances = resource.aws_cloudformation_stack_set_instance;
    for (const n of named) {
      const [id, set] = Object.entries(stackSets).find(([, s]) => JSON.parse(s.template_body as string).Resources.Policy.Properties.ManagedPolicyName === n.name)!;
      const template = JSON.parse(set.template_body as string) as { Resources: { Policy: { Type: string; Properties: { Path: string } } } };
      expect(template.Resources.Policy).toMatchObject({ Type: 'AWS::IAM::ManagedPolicy', Properties: { Path: n.path } });
      expect(set).toMatchObject({ permission_model: 'SERVICE_MANAGED', capabilities: ['CAPABILITY_NAMED_IAM'] });
      const accounts = [...new Set(accountAssignments(lz.identity!).filter((a) => a.permissionSet === n.ps).map((a) => a.account))]
        .filter((a) => a !== lz.organization.managementAccount);
      expect((instances[id].deployment_targets as { accounts: string[]; account_filter_type: string })).toMatchObject({ account_filter_type: 'INTERSECTION' });
      expect((instances[id].deployment_targets as { accounts: string[] }).accounts).toHaveLength(accounts.length);
      // Every assignment of that permission set waits for the policy.
      const assignments = Object.values(resource.aws_ssoadmin_account_assignment).filter((x) => (x.permission_set_arn as string).includes(logicalIdOf(n.ps)));
      expect(assignments.length).toBeGreaterThan(0);
      for (const a of assignments) expect(a.depends_on).toContain(`aws_cloudformation_stack_set_instance.${id}`);
    }
    // SecurityAudit is assigned in the management account too, where StackSets never deploy: an IAM policy there.
    expect(Object.values(resource.aws_iam_policy)).toEqual([expect.objectContaining({ name: 'lzkit-security-audit-extras', path: '/' })]);
  });

  it('looks up existing groups by display name and creates the ones marked create', () => {
    const lookups = Object.values(data.aws_identitystore_group);
    expect(lookups.map((g) => (g.alternate_identifier as { unique_attribute: { attribute_value: string } }).unique_attribute.attribute_value).sort())
      .toEqual(['AWS-Developers', 'AWS-Finance', 'AWS-Platform-Admins', 'AWS-Security-Auditors']);
    expect(Object.values(resource.aws_identitystore_group).map((g) => g.display_name)).toEqual(['AWS-Production-Support']);
    expect(Object.keys(data.aws_ssoadmin_instances)).toHaveLength(1);
  });
});

describe('a delegated administrator', () => {
  it('deploys through the delegated admin account provider when sso.amazonaws.com is delegated to it', () => {
    const dir = declarationCopy({ identity: (y) => y.replace('administrator: management', 'administrator: audit') });
    const org = path.join(dir, 'accounts', 'organization.yaml');
    fs.writeFileSync(org, fs.readFileSync(org, 'utf8').replace('    - { service: ipam.amazonaws.com, account: network }', '    - { service: ipam.amazonaws.com, account: network }\n    - { service: sso.amazonaws.com, account: audit }'));
    const r = loadLandingZone(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.errors).toEqual([]);
    const { resource } = synthIdentity(r.model!);
    for (const ps of Object.values(resource.aws_ssoadmin_permission_set)) expect(ps.provider).toBe('aws.audit-us-east-1');
  });
});
