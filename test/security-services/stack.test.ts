import { loadLandingZoneOrThrow } from '../../model';
import { synthesizeInMemory, type SynthesizedStack } from '../../stacks/nag';
import { removeCopies } from '../model/declaration-copy';
import { copyWithSecurityServices } from './fixture';

afterAll(removeCopies);

type Body = Record<string, unknown>;
const resources = (s: SynthesizedStack, type: string): Record<string, Body> => ((s.json.resource as Record<string, Record<string, Body>>)[type] ?? {});
const one = (s: SynthesizedStack, type: string, name: string): Body => {
  const r = resources(s, type)[name];
  if (!r) throw new Error(`no ${type}.${name} in ${Object.keys(resources(s, type)).join(', ')}`);
  return r;
};
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const ADMIN_IN = (region: string) => `aws.security-tooling-${region}`;

describe('the security-services stack', () => {
  const lz = loadLandingZoneOrThrow(copyWithSecurityServices());
  const stacks = synthesizeInMemory(lz);
  const stack = stacks.find((s) => s.name === 'security-services')!;
  const logging = stacks.find((s) => s.name === 'logging')!;
  const designations = stacks.find((s) => s.name === 'delegated-administrators')!;

  // https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html: designating the
  // administrator enables GuardDuty in it, so its detector is looked up in each region, not created.
  // https://docs.aws.amazon.com/guardduty/latest/APIReference/API_UpdateOrganizationConfiguration.html:
  // autoEnableOrganizationMembers ALL enables every member account, existing and new.
  it('GuardDuty: the organization configuration auto-enables every member, on the administrator\'s detector, in every allowed region', () => {
    for (const region of REGIONS) {
      expect((stack.json.data as Record<string, Record<string, Body>>).aws_guardduty_detector[`guardduty_${region}`]).toMatchObject({ provider: ADMIN_IN(region) });
      expect(one(stack, 'aws_guardduty_organization_configuration', `guardduty_${region}`)).toMatchObject({
        auto_enable_organization_members: 'ALL', detector_id: `\${data.aws_guardduty_detector.guardduty_${region}.id}`, provider: ADMIN_IN(region),
      });
      // The designation itself is the delegated-administrators stack's, from the management account, per region:
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_organization_admin_account
      expect(Object.values(resources(designations, 'aws_guardduty_organization_admin_account'))
        .filter((a) => (a.provider ?? 'aws') === (region === 'us-east-1' ? 'aws' : `aws.management-${region}`))).toHaveLength(1);
    }
  });

  // The protection plans as organization features: OrgFeature and OrgFeatureAdditionalConfiguration of
  // @aws-sdk/client-guardduty; https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
  it('GuardDuty: each declared protection plan is a feature auto-enabled for the members and enabled on the administrator', () => {
    const features = Object.values(resources(stack, 'aws_guardduty_organization_configuration_feature')).filter((f) => f.provider === ADMIN_IN('us-east-1'));
    expect(features.map((f) => f.name).sort()).toEqual(['EBS_MALWARE_PROTECTION', 'EKS_AUDIT_LOGS', 'LAMBDA_NETWORK_LOGS', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING', 'S3_DATA_EVENTS']);
    expect(features.every((f) => f.auto_enable === 'ALL')).toBe(true);
    const runtime = one(stack, 'aws_guardduty_organization_configuration_feature', 'guardduty_us-east-1_runtime-monitoring');
    expect(runtime.additional_configuration).toEqual([
      { name: 'EKS_ADDON_MANAGEMENT', auto_enable: 'ALL' }, { name: 'ECS_FARGATE_AGENT_MANAGEMENT', auto_enable: 'ALL' }, { name: 'EC2_AGENT_MANAGEMENT', auto_enable: 'ALL' },
    ]);
    expect(one(stack, 'aws_guardduty_detector_feature', 'guardduty_us-east-1_s3-data-events')).toMatchObject({ name: 'S3_DATA_EVENTS', status: 'ENABLED' });
  });

  // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html: an S3 destination with
  // a KMS key, the bucket policy letting guardduty.amazonaws.com write and the key policy letting it encrypt.
  it('GuardDuty: findings are exported to the log archive under guardduty/, with the archive key; the bucket and key allow exactly that', () => {
    const destination = one(stack, 'aws_guardduty_publishing_destination', 'guardduty_us-east-1');
    expect(destination).toMatchObject({ destination_type: 'S3', destination_arn: 'arn:aws:s3:::lzkit-logs-222222222222/guardduty/' });
    expect(destination.kms_key_arn).toMatch(/log_archive_key/);
    const bucket = JSON.parse(one(logging, 'aws_s3_bucket_policy', 'log_archive_bucket').policy as string) as { Statement: Body[] };
    expect(bucket.Statement.find((s) => s.Sid === 'GuardDutyExportFindings')).toMatchObject({
      Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:PutObject', Resource: '${aws_s3_bucket.log_archive_bucket.arn}/guardduty/*',
      Condition: { ArnLike: { 'aws:SourceArn': expect.stringMatching(/^arn:aws:guardduty:\*:.*:detector\/\*$/) } },
    });
    expect(bucket.Statement.find((s) => s.Sid === 'GuardDutyGetBucketLocation')).toMatchObject({ Action: 's3:GetBucketLocation', Resource: '${aws_s3_bucket.log_archive_bucket.arn}' });
    const key = JSON.parse(one(logging, 'aws_kms_key', 'log_archive_key').policy as string) as { Statement: Body[] };
    expect(key.Statement.find((s) => s.Sid === 'GuardDutyEncryptFindings')).toMatchObject({ Principal: { Service: 'guardduty.amazonaws.com' }, Action: 'kms:GenerateDataKey' });
  });

  // Central configuration: https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html
  // needs a finding aggregator (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/securityhub_organization_configuration)
  // and the policy is managed from the home (aggregation) Region by the delegated administrator.
  it('Security Hub: aggregator, central configuration and one configuration policy, in the aggregation region of the administrator', () => {
    expect(one(stack, 'aws_securityhub_finding_aggregator', 'securityhub')).toMatchObject({ linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['us-west-2', 'eu-west-1'], provider: ADMIN_IN('us-east-1') });
    expect(one(stack, 'aws_securityhub_organization_configuration', 'securityhub')).toMatchObject({
      auto_enable: false, auto_enable_standards: 'NONE', organization_configuration: { configuration_type: 'CENTRAL' },
      depends_on: ['aws_securityhub_finding_aggregator.securityhub'],
    });
    // Standards ARNs as https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html gives them.
    expect(one(stack, 'aws_securityhub_configuration_policy', 'securityhub')).toMatchObject({
      name: 'lzkit-baseline', depends_on: ['aws_securityhub_organization_configuration.securityhub'],
      configuration_policy: {
        service_enabled: true,
        enabled_standard_arns: ['arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0', 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0'],
        security_controls_configuration: { disabled_control_identifiers: ['IAM.6'] },
      },
    });
  });

  // https://docs.aws.amazon.com/securityhub/latest/userguide/associate-policy.html: associating with the root applies the policy to every account.
  it('Security Hub: the policy is associated with the organization root', () => {
    expect(Object.values(resources(stack, 'aws_securityhub_configuration_policy_association'))).toEqual([expect.objectContaining({
      policy_id: '${aws_securityhub_configuration_policy.securityhub.id}', target_id: expect.stringContaining('roots0id'),
    })]);
  });

  // https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html (organization aggregator with
  // the AWSConfigRoleForOrganizations managed policy, https://docs.aws.amazon.com/config/latest/developerguide/security-iam-awsmanpol.html).
  it('AWS Config: an organization aggregator of every allowed region in the administrator account, with its role', () => {
    expect(one(stack, 'aws_config_configuration_aggregator', 'config_aggregator')).toMatchObject({
      name: 'lzkit-organization', provider: ADMIN_IN('us-east-1'),
      organization_aggregation_source: { all_regions: false, regions: REGIONS, role_arn: '${aws_iam_role.config_aggregator.arn}' },
    });
    expect(one(stack, 'aws_iam_role_policy_attachment', 'config_aggregator').policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations');
    expect(JSON.parse(one(stack, 'aws_iam_role', 'config_aggregator').assume_role_policy as string)).toMatchObject({ Statement: [{ Principal: { Service: 'config.amazonaws.com' } }] });
  });

  // A recorder needs a delivery channel to start (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status);
  // global resource types are recorded in one region only (https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html).
  it('AWS Config: the management account records in every allowed region (global resources in the home region), delivering to the log archive', () => {
    for (const region of REGIONS) {
      const name = `config_recorder_${region}`;
      expect(one(stack, 'aws_config_configuration_recorder', name)).toMatchObject({
        name: 'lzkit', role_arn: '${aws_iam_role.config_recorder.arn}', recording_group: { all_supported: true, include_global_resource_types: region === 'us-east-1' },
      });
      expect(one(stack, 'aws_config_delivery_channel', name)).toMatchObject({
        s3_bucket_name: 'lzkit-logs-222222222222', s3_key_prefix: 'config', snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' },
        depends_on: [`aws_config_configuration_recorder.${name}`],
      });
      expect(one(stack, 'aws_config_configuration_recorder_status', name)).toMatchObject({ is_enabled: true, depends_on: [`aws_config_delivery_channel.${name}`] });
    }
    expect(one(stack, 'aws_iam_role_policy_attachment', 'config_recorder').policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWS_ConfigRole');
    const bucket = JSON.parse(one(logging, 'aws_s3_bucket_policy', 'log_archive_bucket').policy as string) as { Statement: Body[] };
    // https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
    expect(bucket.Statement.find((s) => s.Sid === 'ConfigDelivery')).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' }, Action: 's3:PutObject', Resource: '${aws_s3_bucket.log_archive_bucket.arn}/config/AWSLogs/*',
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': 'o-a1b2c3d4e5' } },
    });
  });

  // The shape of AWS's "Enable AWS Config" StackSets sample
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-sampletemplates.html), service-managed with
  // auto-deployment (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html).
  it('AWS Config: member accounts get a recorder from a service-managed StackSet in every allowed region, less the excluded account', () => {
    const set = one(stack, 'aws_cloudformation_stack_set', 'config_recorder');
    expect(set).toMatchObject({ permission_model: 'SERVICE_MANAGED', auto_deployment: { enabled: true }, provider: 'aws' });
    const template = JSON.parse(set.template_body as string) as { Resources: Record<string, { Type: string; Properties: Body }> };
    expect(Object.values(template.Resources).map((r) => r.Type).sort()).toEqual(['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel', 'AWS::IAM::Role']);
    expect(template.Resources.DeliveryChannel.Properties).toMatchObject({ S3BucketName: 'lzkit-logs-222222222222', S3KeyPrefix: 'config' });
    const instances = Object.values(resources(stack, 'aws_cloudformation_stack_set_instance'));
    expect(instances.map((i) => i.region).sort()).toEqual([...REGIONS].sort());
    for (const i of instances) expect(i.deployment_targets).toMatchObject({ account_filter_type: 'DIFFERENCE', accounts: ['777777777777'] });
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html: analyzers are regional;
  // the organization's unused-access analyzer (ORGANIZATION_UNUSED_ACCESS) with its age in days.
  it('IAM Access Analyzer: an organization analyzer in every allowed region and the unused-access analyzer in the home region', () => {
    for (const region of REGIONS) {
      expect(one(stack, 'aws_accessanalyzer_analyzer', `access_analyzer_${region}`)).toMatchObject({ analyzer_name: 'lzkit-organization', type: 'ORGANIZATION', provider: ADMIN_IN(region) });
    }
    expect(one(stack, 'aws_accessanalyzer_analyzer', 'access_analyzer_unused_us-east-1')).toMatchObject({
      type: 'ORGANIZATION_UNUSED_ACCESS', configuration: { unused_access: { unused_access_age: 90 } },
    });
  });

  it('every resource names the declaration line it comes from', () => {
    const all = Object.entries(stack.json.resource as Record<string, Record<string, Body>>).flatMap(([, rs]) => Object.values(rs));
    expect(all.filter((r) => !(r['//'] as Body | undefined)?.lzkit_declaration)).toEqual([]);
  });
});
