import { AUDIT_ROLE_ACTIONS } from '../../audits/collect/api-actions';
import { loadLandingZoneOrThrow } from '../../model';
import { runNag, synthesizeInMemory, type SynthesizedStack } from '../../stacks/nag';
import { edit, removeCopies, replaceOnce } from '../model/declaration-copy';
import { AUDIT_YAML, copyWithAudit } from './fixture';

afterAll(removeCopies);

type Body = Record<string, unknown>;
interface Statement { Sid?: string; Effect: string; Principal?: { AWS?: unknown; Service?: unknown }; Action: string | string[]; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> }
const resources = (s: SynthesizedStack, type: string): Record<string, Body> => ((s.json.resource as Record<string, Record<string, Body>>)[type] ?? {});
const one = (s: SynthesizedStack, type: string, name: string): Body => {
  const r = resources(s, type)[name];
  if (!r) throw new Error(`no ${type}.${name} in ${Object.keys(resources(s, type)).join(', ')}`);
  return r;
};
const auditOf = (dir: string): SynthesizedStack => {
  const stack = synthesizeInMemory(loadLandingZoneOrThrow(dir)).find((s) => s.name === 'audit');
  if (!stack) throw new Error('no audit stack synthesized');
  return stack;
};
const statements = (policy: unknown): Statement[] => (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;
/** The managed policy attached to a role (RolePolicy: policy and attachment share the role's address). */
const policyOf = (s: SynthesizedStack, role: string): Statement[] => {
  expect(one(s, 'aws_iam_role_policy_attachment', role).role).toBe(`\${aws_iam_role.${role}.name}`);
  return statements(one(s, 'aws_iam_policy', role).policy);
};

describe('the audit stack (example declaration: 12 accounts, below the fan-out threshold)', () => {
  const dir = copyWithAudit();
  const audit = auditOf(dir);

  it('runs the audit function in the audit account from the bundled asset', () => {
    const fn = one(audit, 'aws_lambda_function', 'audit_function');
    expect(fn).toMatchObject({ runtime: 'nodejs22.x', dead_letter_config: { target_arn: '${aws_sns_topic.audit_notifications.arn}' }, handler: 'index.handler', timeout: 900, provider: 'aws.audit-us-east-1', role: '${aws_iam_role.audit_function.arn}' });
    expect(fn.filename).toMatch(/^assets\/.+\.zip$/);
    expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({ LZKIT_AUDIT_ROLE: 'LzkitAuditReadOnly', LZKIT_MANAGEMENT_ACCOUNT_ID: '111111111111' });
  });

  it('schedules the function with the declared expression and time zone', () => {
    const schedule = one(audit, 'aws_scheduler_schedule', 'audit_schedule');
    expect(schedule).toMatchObject({ schedule_expression: 'cron(0 6 * * ? *)', schedule_expression_timezone: 'UTC', flexible_time_window: { mode: 'OFF' } });
    expect((schedule.target as Body).arn).toBe('${aws_lambda_function.audit_function.arn}');
    expect(resources(audit, 'aws_sfn_state_machine')).toEqual({});
  });

  // A resource cannot refer to its own attributes ("Self-referential block",
  // https://developer.hashicorp.com/terraform/language/expressions/references); the provider documents a
  // separate policy resource for a topic's policy: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy
  it('gives the topic its policy through a separate aws_sns_topic_policy, never through the topic itself', () => {
    const topic = one(audit, 'aws_sns_topic', 'audit_notifications');
    expect(topic.policy).toBeUndefined();
    expect(JSON.stringify(topic)).not.toContain('aws_sns_topic.audit_notifications.');
    const policy = one(audit, 'aws_sns_topic_policy', 'audit_notifications');
    expect(policy.arn).toBe('${aws_sns_topic.audit_notifications.arn}');
    expect(statements(policy.policy)).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('encrypts the topic with the audit key and subscribes the declared endpoints', () => {
    expect(one(audit, 'aws_sns_topic', 'audit_notifications').kms_master_key_id).toBe('${aws_kms_key.audit_key.arn}');
    expect(one(audit, 'aws_sns_topic_subscription', 'audit_notifications_0')).toMatchObject({ protocol: 'email', endpoint: 'cloud-security@example.com' });
    expect(one(audit, 'aws_kms_key', 'audit_key').enable_key_rotation).toBe(true);
  });

  it('hardens the report bucket: public access blocked, versioned, KMS-encrypted, TLS only, expiring after the retention', () => {
    expect(one(audit, 'aws_s3_bucket', 'audit_reports').bucket).toBe('lzkit-audit-reports-333333333333');
    expect(one(audit, 'aws_s3_bucket_public_access_block', 'audit_reports')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(one(audit, 'aws_s3_bucket_versioning', 'audit_reports')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(one(audit, 'aws_s3_bucket_server_side_encryption_configuration', 'audit_reports')).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.audit_key.arn}' } }],
    });
    const deny = statements(one(audit, 'aws_s3_bucket_policy', 'audit_reports').policy).find((s) => s.Sid === 'DenyInsecureTransport')!;
    expect(deny).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(JSON.stringify(one(audit, 'aws_s3_bucket_lifecycle_configuration', 'audit_reports').rule)).toContain('"days":400');
  });

  it('deploys the audit role with a service-managed, auto-deploying StackSet to the declared OUs', () => {
    const set = one(audit, 'aws_cloudformation_stack_set', 'audit_role');
    expect(set).toMatchObject({ permission_model: 'SERVICE_MANAGED', auto_deployment: { enabled: true, retain_stacks_on_account_removal: false }, capabilities: ['CAPABILITY_NAMED_IAM'], provider: 'aws' });
    const instance = one(audit, 'aws_cloudformation_stack_set_instance', 'audit_role');
    const ous = (instance.deployment_targets as { organizational_unit_ids: string[] }).organizational_unit_ids;
    expect(ous).toHaveLength(1);
    expect(ous[0]).toMatch(/roots0id/); // Root: the organization stack's root id
  });

  it('generates the role template from api-actions.ts, trusting only the function role inside the organization', () => {
    const template = JSON.parse(one(audit, 'aws_cloudformation_stack_set', 'audit_role').template_body as string) as {
      Resources: { AuditRole: { Type: string; Properties: { RoleName: string; AssumeRolePolicyDocument: { Statement: Statement[] }; Policies: { PolicyDocument: { Statement: Statement[] } }[] } } };
    };
    const role = template.Resources.AuditRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBe('LzkitAuditReadOnly');
    const actions = role.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    expect([...actions].sort()).toEqual([...AUDIT_ROLE_ACTIONS].sort());
    expect(role.Properties.Policies.every((p) => p.PolicyDocument.Statement.every((s) => s.Effect === 'Allow'))).toBe(true);
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([expect.objectContaining({
      Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '${aws_iam_role.audit_function.arn}' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    })]);
  });

  it('puts the same role in the management account, where StackSets never deploy', () => {
    const role = one(audit, 'aws_iam_role', 'management_audit_role');
    expect(role).toMatchObject({ name: 'LzkitAuditReadOnly', provider: 'aws' });
    expect(statements(role.assume_role_policy)[0].Principal).toEqual({ AWS: '${aws_iam_role.audit_function.arn}' });
    const actions = policyOf(audit, 'management_audit_role').flatMap((s) => s.Action);
    expect([...actions].sort()).toEqual([...AUDIT_ROLE_ACTIONS].sort());
  });

  it('passes cdk-nag with only the acknowledgements audit.yaml gives reasons for', () => {
    const lz = loadLandingZoneOrThrow(dir);
    const acknowledgements = lz.audit!.nag.acknowledgements;
    const report = runNag({ acknowledgements }, [audit]);
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.level === 'error' && !f.acknowledged)).toEqual([]);
    // Each acknowledgement is used: none hides nothing.
    const used = new Set(report.findings.filter((f) => f.acknowledged).map((f) => f.address));
    expect(acknowledgements.filter((a) => !used.has(a.resource))).toEqual([]);
    // Without them the audit stack would fail nag: they are not decoration.
    expect(runNag({}, [audit]).findings.some((f) => f.level === 'error')).toBe(true);
  });

  it('gives the function role only what a run does', () => {
    const policy = policyOf(audit, 'audit_function');
    const actions = policy.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
    expect(actions).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'sns:Publish', 'sts:AssumeRole']);
    const assume = policy.find((s) => s.Action === 'sts:AssumeRole')!;
    expect(assume).toMatchObject({ Resource: 'arn:aws:iam::*:role/LzkitAuditReadOnly', Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } });
    expect(policy.some((s) => s.Resource === '*')).toBe(false);
  });
});

describe('the audit stack above the fan-out threshold', () => {
  const dir = copyWithAudit();
  edit(dir, AUDIT_YAML, replaceOnce('accountThreshold: 200', 'accountThreshold: 5'));
  edit(dir, AUDIT_YAML, replaceOnce('batchSize: 25', 'batchSize: 4'));
  edit(dir, AUDIT_YAML, replaceOnce('securityHubExport: false', 'securityHubExport: true'));
  const audit = auditOf(dir);
  const machine = one(audit, 'aws_sfn_state_machine', 'audit_fan_out');
  const definition = JSON.parse(machine.definition as string) as { StartAt: string; States: Record<string, Body> };

  it('schedules the state machine instead of the function', () => {
    expect((one(audit, 'aws_scheduler_schedule', 'audit_schedule').target as Body).arn).toBe('${aws_sfn_state_machine.audit_fan_out.arn}');
    const policy = policyOf(audit, 'audit_scheduler');
    expect(policy.map((s) => s.Action)).toEqual(['states:StartExecution']);
  });

  it('reads the organization once, the account batches in a DISTRIBUTED map, then merges and detects drift', () => {
    expect(definition.StartAt).toBe('CollectOrganization');
    const org = definition.States.CollectOrganization as { Parameters: { Payload: Body }; Next: string };
    expect(org.Parameters.Payload.phase).toBe('organization');
    const map = definition.States[org.Next] as { Type: string; ItemsPath: string; ItemProcessor: { ProcessorConfig: Body; States: Record<string, { Parameters: { Payload: Body }; End?: boolean }> }; Next: string };
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.batches' });
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(Object.values(map.ItemProcessor.States).map((s) => s.Parameters.Payload.phase)).toEqual(['accounts']);
    const merge = definition.States[map.Next] as { Parameters: { FunctionName: string; Payload: Body }; End: boolean };
    expect(merge).toMatchObject({ End: true, Parameters: { FunctionName: '${aws_lambda_function.audit_function.arn}', Payload: { phase: 'merge' } } });
  });

  it('lets the state machine start its child executions and invoke the function', () => {
    const policy = policyOf(audit, 'audit_fan_out');
    expect(policy.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'states:StartExecution', 'states:DescribeExecution']));
    expect((one(audit, 'aws_lambda_function', 'audit_function').environment as { variables: Record<string, string> }).variables.LZKIT_BATCH_SIZE).toBe('4');
  });

  it('allows the Security Hub import only when the declaration enables it', () => {
    const policy = policyOf(audit, 'audit_function');
    expect(policy.find((s) => s.Action === 'securityhub:BatchImportFindings')?.Resource).toBe('arn:aws:securityhub:us-east-1:333333333333:product/333333333333/default');
  });
});
