import type { StackView } from '../../preflight/synthesized';
import { member, organization, stacks } from './fixtures';

/** One compliant and one non-compliant fixture per rule; `problem` names the resource the failing one reports. */
export interface RuleCase {
  readonly rule: string;
  readonly compliant: StackView[];
  readonly nonCompliant: StackView[];
  readonly problem: RegExp;
}

const topicPolicy = (arn: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });

const stackSet = { permission_model: 'SERVICE_MANAGED', name: 'roles', template_body: '{"Resources":{}}', auto_deployment: [{ enabled: true }] };

// Log bucket policies after the CloudTrail and flow-log documentation (grants), with and without
// the SSE-KMS-only deny that refuses SSE-S3 digest files and header-less flow-log writes.
const grants = [
  { Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs-222222222222/AWSLogs/o-abc/*',
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org' } } },
  { Sid: 'FlowLogsWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs-222222222222/AWSLogs/*',
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '555555555555' } } },
];
const denyNonKms = { Sid: 'DenyNonKms', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs-222222222222/*', Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } };
const denyNonKmsButServices = { ...denyNonKms, Condition: { ...denyNonKms.Condition, StringNotEquals: { 'aws:PrincipalServiceName': ['cloudtrail.amazonaws.com', 'delivery.logs.amazonaws.com'] } } };

// Key policies after "Configure AWS KMS key policies for CloudTrail".
const keyPolicy = (decrypt: boolean) => JSON.stringify({ Version: '2012-10-17', Statement: [
  { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' },
  { Sid: 'Encrypt', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' } } },
  ...(decrypt ? [{ Sid: 'Decrypt', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org' } } }] : []),
] });
const trailStack = (decrypt: boolean) => stacks({
  name: 'logging', providers: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }, member('log-archive-us-east-1', '222222222222')],
  resource: {
    aws_kms_key: { trail: { provider: 'aws.log-archive-us-east-1', policy: keyPolicy(decrypt) } },
    aws_s3_bucket: { logs: { provider: 'aws.log-archive-us-east-1', bucket: 'logs-222222222222' } },
    aws_s3_bucket_server_side_encryption_configuration: { logs: { provider: 'aws.log-archive-us-east-1', bucket: '${aws_s3_bucket.logs.id}',
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.trail.arn}' }, bucket_key_enabled: true }] } },
    aws_cloudtrail: { org: { name: 'org', s3_bucket_name: '${aws_s3_bucket.logs.bucket}', kms_key_id: '${aws_kms_key.trail.arn}', is_organization_trail: true } },
  },
});

const spoke = (routeWaitsFor: string) => stacks({
  name: 'spoke', providers: [member('spoke-us-east-1', '555555555555'), member('network-us-east-1', '444444444444')],
  resource: {
    aws_vpc: { vpc: { provider: 'aws.spoke-us-east-1', cidr_block: '10.1.0.0/16' } },
    aws_route_table: { app: { provider: 'aws.spoke-us-east-1', vpc_id: '${aws_vpc.vpc.id}' } },
    aws_ec2_transit_gateway_vpc_attachment: { att: { provider: 'aws.spoke-us-east-1', vpc_id: '${aws_vpc.vpc.id}', transit_gateway_id: 'tgw-0123456789abcdef0', subnet_ids: ['subnet-1'] } },
    aws_ec2_transit_gateway_vpc_attachment_accepter: { accept: { provider: 'aws.network-us-east-1', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.att.id}' } },
    aws_route: { to_tgw: { provider: 'aws.spoke-us-east-1', route_table_id: '${aws_route_table.app.id}', destination_cidr_block: '0.0.0.0/0', transit_gateway_id: 'tgw-0123456789abcdef0', depends_on: [routeWaitsFor] } },
  },
});

const ipamStacks = (reserve: boolean) => stacks(
  { name: 'network', providers: [member('network-us-east-1', '444444444444')], resource: {
    aws_vpc_ipam: { ipam: { provider: 'aws.network-us-east-1', operating_regions: [{ region_name: 'us-east-1' }] } },
    aws_vpc_ipam_pool: { prod: { provider: 'aws.network-us-east-1', address_family: 'ipv4', ipam_scope_id: '${aws_vpc_ipam.ipam.private_default_scope_id}' } },
    aws_vpc_ipam_pool_cidr: { prod: { provider: 'aws.network-us-east-1', ipam_pool_id: '${aws_vpc_ipam_pool.prod.id}', cidr: '10.16.0.0/12' } },
    aws_vpc_ipam_pool_cidr_allocation: reserve ? { fixed: { provider: 'aws.network-us-east-1', ipam_pool_id: '${aws_vpc_ipam_pool.prod.id}', cidr: '10.16.0.0/16' } } : {},
    aws_vpc: {
      fixed: { provider: 'aws.network-us-east-1', cidr_block: '10.16.0.0/16' },
      allocated: { provider: 'aws.network-us-east-1', ipv4_ipam_pool_id: '${aws_vpc_ipam_pool.prod.id}', ipv4_netmask_length: 20 },
    },
  } },
);

const identity = (policyIn: 'member' | 'none') => stacks(
  { name: 'baseline', providers: [member('prod-us-east-1', '555555555555')], resource: policyIn === 'member'
    ? { aws_iam_policy: { boundary: { provider: 'aws.prod-us-east-1', name: 'developer-boundary', path: '/', policy: '{}' } } } : {} },
  { name: 'identity', resource: {
    aws_ssoadmin_permission_set: { dev: { name: 'Developer', instance_arn: 'arn:aws:sso:::instance/ssoins-1' } },
    aws_ssoadmin_permissions_boundary_attachment: { dev: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: '${aws_ssoadmin_permission_set.dev.arn}',
      permissions_boundary: [{ customer_managed_policy_reference: [{ name: 'developer-boundary', path: '/' }] }] } },
    aws_ssoadmin_account_assignment: { dev_prod: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: '${aws_ssoadmin_permission_set.dev.arn}',
      principal_id: 'g-1', principal_type: 'GROUP', target_id: '555555555555', target_type: 'AWS_ACCOUNT' } },
  } },
);

const ram = (enabled: boolean) => stacks({ name: 'network', providers: [{ region: 'us-east-1' }, member('network-us-east-1', '444444444444')], resource: {
  ...(enabled ? { aws_ram_sharing_with_organization: { this: {} } } : {}),
  aws_ram_resource_share: { tgw: { provider: 'aws.network-us-east-1', name: 'tgw', allow_external_principals: false } },
  aws_ram_principal_association: { workloads: { provider: 'aws.network-us-east-1', resource_share_arn: '${aws_ram_resource_share.tgw.arn}',
    principal: 'arn:aws:organizations::111111111111:ou/o-abc/ou-abc-11111111', ...(enabled ? { depends_on: ['aws_ram_sharing_with_organization.this'] } : {}) } },
} });

const delegated = (service: string) => ({ [`admin_${service.split('.')[0]}`]: { account_id: '333333333333', service_principal: service } });

export const RULE_CASES: readonly RuleCase[] = [
  // https://developer.hashicorp.com/terraform/language/expressions/references
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy
  { rule: 'no-self-reference', problem: /aws_sns_topic\.audit refers to its own attributes/,
    compliant: stacks({ name: 'audit', resource: { aws_sns_topic: { audit: { name: 'audit' } }, aws_sns_topic_policy: { audit: { arn: '${aws_sns_topic.audit.arn}', policy: topicPolicy('${aws_sns_topic.audit.arn}') } } } }),
    nonCompliant: stacks({ name: 'audit', resource: { aws_sns_topic: { audit: { name: 'audit', policy: topicPolicy('${aws_sns_topic.audit.arn}') } } } }) },
  // https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-cloudformation.html
  { rule: 'stacksets-trusted-access', problem: /member\.org\.stacksets\.cloudformation\.amazonaws\.com/,
    compliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['member.org.stacksets.cloudformation.amazonaws.com']), aws_cloudformation_stack_set: { roles: stackSet } } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['sso.amazonaws.com']), aws_cloudformation_stack_set: { roles: stackSet } } }) },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ActivateOrganizationsAccess.html
  { rule: 'stacksets-organizations-access', problem: /aws cloudformation activate-organizations-access/,
    compliant: stacks({ name: 'audit', resource: { aws_cloudformation_stack_set: { roles: { ...stackSet, permission_model: 'SELF_MANAGED' } } } }),
    nonCompliant: stacks({ name: 'audit', resource: { aws_cloudformation_stack_set: { roles: stackSet } } }) },
  // https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ram_sharing_with_organization
  { rule: 'ram-sharing-with-organization', problem: /aws_ram_principal_association\.workloads shares with an OU/, compliant: ram(true), nonCompliant: ram(false) },
  // https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipam_organization_admin_account
  { rule: 'ipam-organization-admin', problem: /registers IPAM's delegated administrator through Organizations/,
    compliant: stacks({ name: 'org', resource: { aws_vpc_ipam_organization_admin_account: { ipam: { delegated_admin_account_id: '444444444444' } } } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_delegated_administrator: delegated('ipam.amazonaws.com') } }) },
  // https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html
  { rule: 'ipam-static-cidrs-reserved', problem: /aws_vpc\.fixed has the fixed CIDR 10\.16\.0\.0\/16/, compliant: ipamStacks(true), nonCompliant: ipamStacks(false) },
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
  { rule: 'log-delivery-not-denied', problem: /denies CloudTrail digest files \(SSE-S3\) by statement 'DenyNonKms'/,
    compliant: stacks({ name: 'logging', resource: { aws_s3_bucket_policy: { logs: { bucket: 'logs-222222222222', policy: JSON.stringify({ Version: '2012-10-17', Statement: [denyNonKmsButServices, ...grants] }) } } } }),
    nonCompliant: stacks({ name: 'logging', resource: { aws_s3_bucket_policy: { logs: { bucket: 'logs-222222222222', policy: JSON.stringify({ Version: '2012-10-17', Statement: [denyNonKms, ...grants] }) } } } }) },
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/howtocmp.html
  { rule: 'permission-set-policies-exist', problem: /customer managed policy \/developer-boundary/, compliant: identity('member'), nonCompliant: identity('none') },
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway_vpc_attachment_accepter
  { rule: 'tgw-routes-after-acceptance', problem: /aws_route\.to_tgw uses the Transit Gateway attachment/,
    compliant: spoke('aws_ec2_transit_gateway_vpc_attachment_accepter.accept'), nonCompliant: spoke('aws_ec2_transit_gateway_vpc_attachment.att') },
  // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
  // https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html
  { rule: 'security-services-admin', problem: /registers guardduty\.amazonaws\.com through Organizations only/,
    compliant: stacks({ name: 'org', resource: { aws_organizations_delegated_administrator: delegated('guardduty.amazonaws.com'), aws_guardduty_organization_admin_account: { audit: { admin_account_id: '333333333333' } } } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_delegated_administrator: delegated('guardduty.amazonaws.com') } }) },
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_organization
  { rule: 'adopted-organization-keeps-live-settings', problem: /imported and sets aws_service_access_principals to the declared list only/,
    compliant: stacks({ name: 'org', import: [{ id: 'o-abc', to: 'aws_organizations_organization.org' }], data: { aws_organizations_organization: { live: {} } }, resource: { aws_organizations_organization: { org: {
      feature_set: 'ALL',
      aws_service_access_principals: '${setunion(["sso.amazonaws.com"], data.aws_organizations_organization.live.aws_service_access_principals)}',
      enabled_policy_types: '${setunion(["SERVICE_CONTROL_POLICY"], data.aws_organizations_organization.live.enabled_policy_types)}',
    } } } }),
    nonCompliant: stacks({ name: 'org', import: [{ id: 'o-abc', to: 'aws_organizations_organization.org' }], resource: { aws_organizations_organization: organization(['sso.amazonaws.com']) } }) },
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
  { rule: 'trail-bucket-key-decrypt', problem: /aws_kms_key\.trail encrypts aws_s3_bucket\.logs with an S3 Bucket Key/, compliant: trailStack(true), nonCompliant: trailStack(false) },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_RegisterDelegatedAdministrator.html
  { rule: 'delegated-admin-trusted-access', problem: /delegates config\.amazonaws\.com, which the organization does not trust/,
    compliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['config.amazonaws.com']), aws_organizations_delegated_administrator: delegated('config.amazonaws.com') } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['sso.amazonaws.com']), aws_organizations_delegated_administrator: delegated('config.amazonaws.com') } }) },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
  { rule: 'policy-type-enabled', problem: /is a RESOURCE_CONTROL_POLICY, which the organization does not enable/,
    compliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization([], ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']), aws_organizations_policy: { rcp: { name: 'rcp', type: 'RESOURCE_CONTROL_POLICY', content: '{}' } } } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization([], ['SERVICE_CONTROL_POLICY']), aws_organizations_policy: { rcp: { name: 'rcp', type: 'RESOURCE_CONTROL_POLICY', content: '{}' } } } }) },
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
  { rule: 'organization-trail-trusted-access', problem: /does not trust cloudtrail\.amazonaws\.com/,
    compliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['cloudtrail.amazonaws.com']), aws_cloudtrail: { org: { name: 'org', s3_bucket_name: 'logs', is_organization_trail: true } } } }),
    nonCompliant: stacks({ name: 'org', resource: { aws_organizations_organization: organization(['sso.amazonaws.com']), aws_cloudtrail: { org: { name: 'org', s3_bucket_name: 'logs', is_organization_trail: true } } } }) },
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-identity-center.html
  { rule: 'identity-center-enabled', problem: /enable IAM Identity Center once/,
    compliant: stacks({ name: 'identity', data: { aws_identitystore_group: { admins: { identity_store_id: 'd-1' } } } }),
    nonCompliant: stacks({ name: 'identity', data: { aws_ssoadmin_instances: { this: {} } } }) },
];
