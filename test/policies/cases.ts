import type { SimulationRequest } from 'lzkit/testing';

/**
 * The guardrail cases of the example declaration: for every guardrail at least one request it
 * denies and one it must spare (the exemption path). Run by guardrails.test.ts; a user's own
 * policy tests can take the same shape.
 */
export interface GuardrailCase {
  readonly name: string;
  /** The guardrail the case is about. */
  readonly guardrail: string;
  readonly request: SimulationRequest;
  /** `allow`, or the guardrail id that must deny it. */
  readonly expected: 'allow' | { readonly deniedBy: string };
}

const BREAK_GLASS = 'BreakGlassAdministrator';
const DEPLOYMENT = 'OrganizationAccountAccessRole';
const AUDIT_ROLE = 'LzkitAuditReadOnly';
const STACKSET_EXEC = (accountId: string) => `arn:aws:iam::${accountId}:role/stacksets-exec-3f2a9c`;

export const cases: readonly GuardrailCase[] = [
  // deny-leave-organization
  { name: 'a member account cannot leave', guardrail: 'deny-leave-organization',
    request: { account: 'prod-payments', action: 'organizations:LeaveOrganization' }, expected: { deniedBy: 'deny-leave-organization' } },
  { name: 'not even its break-glass role', guardrail: 'deny-leave-organization',
    request: { account: 'sandbox-alice', action: 'organizations:LeaveOrganization', principal: BREAK_GLASS }, expected: { deniedBy: 'deny-leave-organization' } },
  { name: 'the management account is never affected by SCPs', guardrail: 'deny-leave-organization',
    request: { account: 'management', action: 'organizations:LeaveOrganization' }, expected: 'allow' },

  // region-deny
  { name: 'no instances outside the allowed regions', guardrail: 'region-deny',
    request: { account: 'prod-web', action: 'ec2:RunInstances', region: 'il-central-1' }, expected: { deniedBy: 'region-deny' } },
  { name: 'no Lambda in ap-southeast-2', guardrail: 'region-deny',
    request: { account: 'network', action: 'lambda:CreateFunction', region: 'ap-southeast-2' }, expected: { deniedBy: 'region-deny' } },
  { name: 'instances in an allowed region', guardrail: 'region-deny',
    request: { account: 'prod-web', action: 'ec2:RunInstances', region: 'eu-west-1' }, expected: 'allow' },
  { name: 'global services answer from anywhere', guardrail: 'region-deny',
    request: { account: 'prod-web', action: 'iam:ListRoles', region: 'il-central-1' }, expected: 'allow' },
  { name: 'break-glass works in any region', guardrail: 'region-deny',
    request: { account: 'prod-web', action: 'ec2:RunInstances', region: 'il-central-1', principal: BREAK_GLASS }, expected: 'allow' },
  { name: 'the deployment role works in any region', guardrail: 'region-deny',
    request: { account: 'shared-services', action: 's3:CreateBucket', region: 'il-central-1', principal: DEPLOYMENT }, expected: 'allow' },

  // protect-security-services
  { name: 'nobody stops CloudTrail', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'cloudtrail:StopLogging' }, expected: { deniedBy: 'protect-security-services' } },
  { name: 'nobody deletes the GuardDuty detector', guardrail: 'protect-security-services',
    request: { account: 'audit', action: 'guardduty:DeleteDetector' }, expected: { deniedBy: 'protect-security-services' } },
  { name: 'the deployment role manages the trail', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'cloudtrail:UpdateTrail', principal: DEPLOYMENT }, expected: 'allow' },
  // The AWS Config recorders of member accounts are a service-managed StackSet (stacksets-exec-*):
  // it puts and deletes recorders and channels (PutConfigurationRecorder, PutDeliveryChannel,
  // https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html), and may not stop one.
  { name: 'the Config recorders\' StackSet puts the recorder', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'config:PutConfigurationRecorder', principal: STACKSET_EXEC('555555555555') }, expected: 'allow' },
  { name: 'and its delivery channel', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'config:PutDeliveryChannel', principal: STACKSET_EXEC('555555555555') }, expected: 'allow' },
  { name: 'but does not stop a recorder', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'config:StopConfigurationRecorder', principal: STACKSET_EXEC('555555555555') }, expected: { deniedBy: 'protect-security-services' } },
  { name: 'nobody else puts a recorder', guardrail: 'protect-security-services',
    request: { account: 'prod-payments', action: 'config:PutConfigurationRecorder' }, expected: { deniedBy: 'protect-security-services' } },

  // deny-root-user
  { name: 'the root user of a member account does nothing', guardrail: 'deny-root-user',
    request: { account: 'prod-payments', action: 'ec2:DescribeInstances', principal: 'arn:aws:iam::555555555555:root' }, expected: { deniedBy: 'deny-root-user' } },
  { name: 'a role of the same account may', guardrail: 'deny-root-user',
    request: { account: 'prod-payments', action: 'ec2:DescribeInstances' }, expected: 'allow' },

  // protect-platform-roles
  { name: 'a workload role cannot delete the deployment role', guardrail: 'protect-platform-roles',
    request: { account: 'prod-data', action: 'iam:DeleteRole', resource: 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole' }, expected: { deniedBy: 'protect-platform-roles' } },
  { name: 'nor edit the trust of lzkit roles', guardrail: 'protect-platform-roles',
    request: { account: 'prod-data', action: 'iam:UpdateAssumeRolePolicy', resource: 'arn:aws:iam::123456789012:role/lzkit-network' }, expected: { deniedBy: 'protect-platform-roles' } },
  { name: 'break-glass may repair the deployment role', guardrail: 'protect-platform-roles',
    request: { account: 'prod-data', action: 'iam:DeleteRole', principal: BREAK_GLASS, resource: 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole' }, expected: 'allow' },
  { name: 'workload roles stay the team\'s own', guardrail: 'protect-platform-roles',
    request: { account: 'prod-data', action: 'iam:DeleteRole', resource: 'arn:aws:iam::123456789012:role/app-reporting' }, expected: 'allow' },
  // Service-managed StackSets deploy as a role AWS names stacksets-exec-* in each target account:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html
  { name: 'the audit role StackSet creates the audit role', guardrail: 'protect-platform-roles',
    request: { account: 'prod-payments', action: 'iam:CreateRole', principal: STACKSET_EXEC('555555555555'), resource: 'arn:aws:iam::555555555555:role/LzkitAuditReadOnly' }, expected: 'allow' },
  { name: 'and puts its inline policy and tags', guardrail: 'protect-platform-roles',
    request: { account: 'prod-payments', action: 'iam:PutRolePolicy', principal: STACKSET_EXEC('555555555555'), resource: 'arn:aws:iam::555555555555:role/LzkitAuditReadOnly' }, expected: 'allow' },
  { name: 'the StackSet role gets no managed policies onto the audit role', guardrail: 'protect-platform-roles',
    request: { account: 'prod-payments', action: 'iam:AttachRolePolicy', principal: STACKSET_EXEC('555555555555'), resource: 'arn:aws:iam::555555555555:role/LzkitAuditReadOnly' }, expected: { deniedBy: 'protect-platform-roles' } },
  { name: 'nor touches the other platform roles', guardrail: 'protect-platform-roles',
    request: { account: 'prod-payments', action: 'iam:UpdateAssumeRolePolicy', principal: STACKSET_EXEC('555555555555'), resource: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole' }, expected: { deniedBy: 'protect-platform-roles' } },
  { name: 'a workload role still cannot create the audit role', guardrail: 'protect-platform-roles',
    request: { account: 'prod-payments', action: 'iam:CreateRole', resource: 'arn:aws:iam::555555555555:role/LzkitAuditReadOnly' }, expected: { deniedBy: 'protect-platform-roles' } },

  // deny-iam-users-and-access-keys
  { name: 'no IAM users', guardrail: 'deny-iam-users-and-access-keys',
    request: { account: 'nonprod-web', action: 'iam:CreateUser' }, expected: { deniedBy: 'deny-iam-users-and-access-keys' } },
  { name: 'no long-term access keys', guardrail: 'deny-iam-users-and-access-keys',
    request: { account: 'sandbox-alice', action: 'iam:CreateAccessKey' }, expected: { deniedBy: 'deny-iam-users-and-access-keys' } },
  { name: 'the deployment role may create a user (bootstrap)', guardrail: 'deny-iam-users-and-access-keys',
    request: { account: 'nonprod-web', action: 'iam:CreateUser', principal: DEPLOYMENT }, expected: 'allow' },

  // enforce-ebs-default-encryption
  { name: 'EBS encryption by default stays on', guardrail: 'enforce-ebs-default-encryption',
    request: { account: 'prod-data', action: 'ec2:DisableEbsEncryptionByDefault' }, expected: { deniedBy: 'enforce-ebs-default-encryption' } },
  { name: 'no unencrypted volumes', guardrail: 'enforce-ebs-default-encryption',
    request: { account: 'prod-data', action: 'ec2:CreateVolume', resource: 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc', context: { 'ec2:Encrypted': 'false' } }, expected: { deniedBy: 'enforce-ebs-default-encryption' } },
  { name: 'encrypted volumes are fine', guardrail: 'enforce-ebs-default-encryption',
    request: { account: 'prod-data', action: 'ec2:CreateVolume', resource: 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc', context: { 'ec2:Encrypted': 'true' } }, expected: 'allow' },
  { name: 'break-glass may switch the default off', guardrail: 'enforce-ebs-default-encryption',
    request: { account: 'prod-data', action: 'ec2:DisableEbsEncryptionByDefault', principal: BREAK_GLASS }, expected: 'allow' },

  // deny-s3-public-access-changes
  { name: 'account-level S3 public access block stays', guardrail: 'deny-s3-public-access-changes',
    request: { account: 'audit', action: 's3:PutAccountPublicAccessBlock' }, expected: { deniedBy: 'deny-s3-public-access-changes' } },
  { name: 'the deployment role sets it', guardrail: 'deny-s3-public-access-changes',
    request: { account: 'audit', action: 's3:PutAccountPublicAccessBlock', principal: DEPLOYMENT }, expected: 'allow' },

  // deny-external-ram-sharing
  { name: 'no RAM shares open to outsiders', guardrail: 'deny-external-ram-sharing',
    request: { account: 'nonprod-web', action: 'ram:CreateResourceShare', context: { 'ram:RequestedAllowsExternalPrincipals': 'true' } }, expected: { deniedBy: 'deny-external-ram-sharing' } },
  { name: 'organization-internal shares are fine', guardrail: 'deny-external-ram-sharing',
    request: { account: 'nonprod-web', action: 'ram:CreateResourceShare', context: { 'ram:RequestedAllowsExternalPrincipals': 'false' } }, expected: 'allow' },

  // protect-flow-logs
  { name: 'flow logs stay on', guardrail: 'protect-flow-logs',
    request: { account: 'network', action: 'ec2:DeleteFlowLogs' }, expected: { deniedBy: 'protect-flow-logs' } },
  { name: 'their log group stays', guardrail: 'protect-flow-logs',
    request: { account: 'prod-web', action: 'logs:DeleteLogGroup', resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/lzkit/flow-logs/vpc-1' }, expected: { deniedBy: 'protect-flow-logs' } },
  { name: 'other log groups are the team\'s own', guardrail: 'protect-flow-logs',
    request: { account: 'prod-web', action: 'logs:DeleteLogGroup', resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/web' }, expected: 'allow' },
  { name: 'the deployment role replaces flow logs', guardrail: 'protect-flow-logs',
    request: { account: 'network', action: 'ec2:DeleteFlowLogs', principal: DEPLOYMENT }, expected: 'allow' },

  // protect-log-archive
  { name: 'the log archive bucket cannot be deleted', guardrail: 'protect-log-archive',
    request: { account: 'log-archive', action: 's3:DeleteBucket', resource: 'arn:aws:s3:::lzkit-logs-222222222222' }, expected: { deniedBy: 'protect-log-archive' } },
  { name: 'nor its policy replaced', guardrail: 'protect-log-archive',
    request: { account: 'log-archive', action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::lzkit-logs-222222222222' }, expected: { deniedBy: 'protect-log-archive' } },
  { name: 'the deployment role manages it', guardrail: 'protect-log-archive',
    request: { account: 'log-archive', action: 's3:PutBucketPolicy', principal: DEPLOYMENT, resource: 'arn:aws:s3:::lzkit-logs-222222222222' }, expected: 'allow' },

  // protect-network-baseline
  { name: 'no internet gateways in workload accounts', guardrail: 'protect-network-baseline',
    request: { account: 'prod-payments', action: 'ec2:CreateInternetGateway' }, expected: { deniedBy: 'protect-network-baseline' } },
  { name: 'no leaving the transit gateway', guardrail: 'protect-network-baseline',
    request: { account: 'nonprod-payments', action: 'ec2:DeleteTransitGatewayVpcAttachment' }, expected: { deniedBy: 'protect-network-baseline' } },
  { name: 'the deployment role wires the spoke', guardrail: 'protect-network-baseline',
    request: { account: 'prod-payments', action: 'ec2:CreateTransitGatewayVpcAttachment', principal: DEPLOYMENT }, expected: 'allow' },
  { name: 'the network account runs the hub', guardrail: 'protect-network-baseline',
    request: { account: 'network', action: 'ec2:CreateTransitGatewayRouteTable' }, expected: 'allow' },

  // sandbox-limits
  { name: 'no big instances in a sandbox', guardrail: 'sandbox-limits',
    request: { account: 'sandbox-alice', action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', context: { 'ec2:InstanceType': 'p4d.24xlarge' } }, expected: { deniedBy: 'sandbox-limits' } },
  { name: 'no reserved instances in a sandbox', guardrail: 'sandbox-limits',
    request: { account: 'sandbox-alice', action: 'ec2:PurchaseReservedInstancesOffering' }, expected: { deniedBy: 'sandbox-limits' } },
  { name: 'small instances are fine', guardrail: 'sandbox-limits',
    request: { account: 'sandbox-alice', action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', context: { 'ec2:InstanceType': 't3.micro' } }, expected: 'allow' },
  { name: 'production is not a sandbox', guardrail: 'sandbox-limits',
    request: { account: 'prod-data', action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', context: { 'ec2:InstanceType': 'p4d.24xlarge' } }, expected: 'allow' },

  // quarantine
  { name: 'nothing runs in a suspended account', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'ec2:DescribeInstances' }, expected: { deniedBy: 'quarantine' } },
  { name: 'not even the deployment role', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'cloudformation:CreateStack', principal: DEPLOYMENT }, expected: { deniedBy: 'quarantine' } },
  { name: 'break-glass investigates', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'ec2:DescribeInstances', principal: BREAK_GLASS }, expected: 'allow' },
  { name: 'the audit role keeps reading', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'ec2:DescribeInstances', principal: AUDIT_ROLE }, expected: 'allow' },
  { name: 'the audit role StackSet reaches suspended accounts too', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'iam:CreateRole', principal: STACKSET_EXEC('777777777777'), resource: 'arn:aws:iam::777777777777:role/LzkitAuditReadOnly' }, expected: 'allow' },
  { name: 'its stack runs there', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'cloudformation:CreateStack', principal: STACKSET_EXEC('777777777777'), resource: 'arn:aws:cloudformation:us-east-1:777777777777:stack/StackSet-lzkit-audit-role-1/abc' }, expected: 'allow' },
  { name: 'but the StackSet role starts nothing else there', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'ec2:RunInstances', principal: STACKSET_EXEC('777777777777') }, expected: { deniedBy: 'quarantine' } },
  { name: 'and creates no other role there', guardrail: 'quarantine',
    request: { account: 'retired-legacy', action: 'iam:CreateRole', principal: STACKSET_EXEC('777777777777'), resource: 'arn:aws:iam::777777777777:role/anything' }, expected: { deniedBy: 'quarantine' } },

  // rcp-enforce-tls
  { name: 'S3 over plain HTTP is refused', guardrail: 'rcp-enforce-tls',
    request: { account: 'prod-payments', action: 's3:GetObject', resource: 'arn:aws:s3:::payments-data/report.csv', context: { 'aws:SecureTransport': 'false' } }, expected: { deniedBy: 'rcp-enforce-tls' } },
  { name: 'S3 over TLS is fine', guardrail: 'rcp-enforce-tls',
    request: { account: 'prod-payments', action: 's3:GetObject', resource: 'arn:aws:s3:::payments-data/report.csv' }, expected: 'allow' },

  // rcp-organization-only-principals
  { name: 'a principal outside the organization reads nothing', guardrail: 'rcp-organization-only-principals',
    request: { account: 'prod-payments', action: 's3:GetObject', principal: 'arn:aws:iam::999999999999:role/partner', resource: 'arn:aws:s3:::payments-data/report.csv' }, expected: { deniedBy: 'rcp-organization-only-principals' } },
  { name: 'another account of the organization may', guardrail: 'rcp-organization-only-principals',
    request: { account: 'prod-payments', action: 's3:GetObject', principal: 'arn:aws:iam::666666666666:role/reporting', resource: 'arn:aws:s3:::payments-data/report.csv' }, expected: 'allow' },

  // rcp-confused-deputy-protection
  { name: 'a service acting for another organization is refused', guardrail: 'rcp-confused-deputy-protection',
    request: { account: 'log-archive', action: 's3:PutObject', principal: 'cloudtrail.amazonaws.com', resource: 'arn:aws:s3:::lzkit-logs-222222222222/AWSLogs/x.json', context: { 'aws:SourceAccount': '999999999999', 'aws:SourceOrgID': 'o-zzzzzzzzzz' } }, expected: { deniedBy: 'rcp-confused-deputy-protection' } },
  { name: 'a service acting for this organization is fine', guardrail: 'rcp-confused-deputy-protection',
    request: { account: 'log-archive', action: 's3:PutObject', principal: 'cloudtrail.amazonaws.com', resource: 'arn:aws:s3:::lzkit-logs-222222222222/AWSLogs/x.json', context: { 'aws:SourceAccount': '555555555555', 'aws:SourceOrgID': 'o-a1b2c3d4e5' } }, expected: 'allow' },
];
