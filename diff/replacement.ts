/**
 * Which arguments force Terraform to replace a resource (destroy and create) rather than update it
 * in place, for every resource type lzkit synthesizes. Offline there is no provider schema to ask,
 * so this table holds it, one entry per type with where the AWS provider (hashicorp/aws 6.x, the
 * version @cdktf/provider-aws 21 pins) says so: its documentation page ("Forces new resource") or,
 * where the page is silent, the resource's schema (`ForceNew: true`). A resource type without an
 * update operation replaces on any change of any argument. test/diff/resources.test.ts fails when
 * lzkit emits a type this table does not know.
 */

interface Rule {
  /** Arguments that force a new resource. */
  readonly args?: readonly string[];
  /** The provider has no update for this type: every argument forces a new resource. */
  readonly everyArgument?: boolean;
  /** Every argument but these forces a new resource (only these are updated in place). */
  readonly except?: readonly string[];
  /** Where the provider says so. */
  readonly source: string;
}

const doc = (name: string) => `https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/${name}`;
const schema = (file: string) => `https://github.com/hashicorp/terraform-provider-aws/blob/v6.25.0/internal/service/${file}`;

const RULES: Readonly<Record<string, Rule>> = {
  // Organizations
  aws_organizations_organization: { args: [], source: schema('organizations/organization.go') },
  aws_organizations_organizational_unit: { args: ['parent_id'], source: schema('organizations/organizational_unit.go') },
  aws_organizations_account: { args: ['email', 'name', 'iam_user_access_to_billing', 'role_name'], source: schema('organizations/account.go') },
  aws_organizations_policy: { args: ['type'], source: schema('organizations/policy.go') },
  aws_organizations_policy_attachment: { everyArgument: true, source: schema('organizations/policy_attachment.go') },
  aws_organizations_delegated_administrator: { everyArgument: true, source: schema('organizations/delegated_administrator.go') },
  // Administrators designated through their services, and RAM's sharing with Organizations: no update operation.
  aws_guardduty_organization_admin_account: { everyArgument: true, source: doc('guardduty_organization_admin_account') },
  aws_securityhub_organization_admin_account: { everyArgument: true, source: doc('securityhub_organization_admin_account') },
  aws_vpc_ipam_organization_admin_account: { everyArgument: true, source: doc('vpc_ipam_organization_admin_account') },
  aws_ram_sharing_with_organization: { everyArgument: true, source: doc('ram_sharing_with_organization') },
  // FullAWSAccess detached by lzkit's own command: the input is updated in place, triggers_replace replaces.
  terraform_data: { args: ['triggers_replace'], source: 'https://developer.hashicorp.com/terraform/language/resources/terraform-data' },
  // IAM Identity Center
  aws_ssoadmin_account_assignment: { everyArgument: true, source: doc('ssoadmin_account_assignment') },
  aws_ssoadmin_permission_set: { args: ['instance_arn', 'name'], source: doc('ssoadmin_permission_set') },
  aws_ssoadmin_permission_set_inline_policy: { args: ['instance_arn', 'permission_set_arn'], source: doc('ssoadmin_permission_set_inline_policy') },
  aws_ssoadmin_managed_policy_attachment: { everyArgument: true, source: doc('ssoadmin_managed_policy_attachment') },
  aws_ssoadmin_customer_managed_policy_attachment: { everyArgument: true, source: doc('ssoadmin_customer_managed_policy_attachment') },
  aws_ssoadmin_permissions_boundary_attachment: { everyArgument: true, source: doc('ssoadmin_permissions_boundary_attachment') },
  aws_identitystore_group: { args: ['identity_store_id'], source: doc('identitystore_group') },
  // S3, KMS, logs, IAM
  aws_s3_bucket: { args: ['bucket', 'bucket_prefix', 'object_lock_enabled'], source: doc('s3_bucket') },
  aws_s3_bucket_versioning: { args: ['bucket', 'expected_bucket_owner'], source: doc('s3_bucket_versioning') },
  aws_s3_bucket_lifecycle_configuration: { args: ['bucket', 'expected_bucket_owner'], source: doc('s3_bucket_lifecycle_configuration') },
  aws_s3_bucket_logging: { args: ['bucket', 'expected_bucket_owner'], source: doc('s3_bucket_logging') },
  aws_s3_bucket_ownership_controls: { args: ['bucket'], source: doc('s3_bucket_ownership_controls') },
  aws_s3_bucket_policy: { args: ['bucket'], source: schema('s3/bucket_policy.go') },
  aws_s3_bucket_public_access_block: { args: ['bucket'], source: doc('s3_bucket_public_access_block') },
  aws_s3_bucket_server_side_encryption_configuration: { args: ['bucket', 'expected_bucket_owner'], source: doc('s3_bucket_server_side_encryption_configuration') },
  aws_s3_bucket_object_lock_configuration: { args: ['bucket', 'expected_bucket_owner'], source: doc('s3_bucket_object_lock_configuration') },
  aws_kms_key: { args: ['customer_master_key_spec', 'key_usage', 'multi_region', 'custom_key_store_id', 'xks_key_id'], source: doc('kms_key') },
  aws_kms_alias: { args: ['name', 'name_prefix'], source: doc('kms_alias') },
  aws_cloudtrail: { args: ['name'], source: doc('cloudtrail') },
  aws_cloudwatch_log_group: { args: ['name', 'name_prefix', 'log_group_class'], source: doc('cloudwatch_log_group') },
  aws_iam_role: { args: ['name', 'name_prefix', 'path'], source: doc('iam_role') },
  aws_iam_policy: { args: ['name', 'name_prefix', 'description', 'path'], source: doc('iam_policy') },
  aws_iam_organizations_features: { args: [], source: doc('iam_organizations_features') },
  aws_iam_role_policy_attachment: { everyArgument: true, source: doc('iam_role_policy_attachment') },
  // The scheduled audit
  aws_lambda_function: { args: ['function_name', 'package_type'], source: doc('lambda_function') },
  aws_sns_topic: { args: ['name', 'name_prefix', 'fifo_topic'], source: doc('sns_topic') },
  aws_sns_topic_policy: { args: ['arn'], source: doc('sns_topic_policy') },
  aws_sns_topic_subscription: { args: ['topic_arn', 'protocol', 'endpoint'], source: doc('sns_topic_subscription') },
  aws_scheduler_schedule: { args: ['name', 'name_prefix', 'group_name'], source: doc('scheduler_schedule') },
  aws_sfn_state_machine: { args: ['name', 'name_prefix', 'type'], source: doc('sfn_state_machine') },
  aws_cloudformation_stack_set: { args: ['name', 'permission_model'], source: doc('cloudformation_stack_set') },
  aws_cloudformation_stack_set_instance: { args: ['account_id', 'deployment_targets', 'region', 'stack_set_name'], source: schema('cloudformation/stack_set_instance.go') },
  // Security services: GuardDuty, Security Hub, AWS Config, IAM Access Analyzer
  aws_guardduty_organization_configuration: { args: ['detector_id'], source: schema('guardduty/organization_configuration.go') },
  aws_guardduty_organization_configuration_feature: { args: ['detector_id', 'name', 'additional_configuration'], source: schema('guardduty/organization_configuration_feature.go') },
  aws_guardduty_detector_feature: { args: ['detector_id', 'name'], source: schema('guardduty/detector_feature.go') },
  aws_guardduty_publishing_destination: { args: ['detector_id'], source: schema('guardduty/publishing_destination.go') },
  aws_securityhub_finding_aggregator: { args: [], source: doc('securityhub_finding_aggregator') },
  aws_securityhub_organization_configuration: { args: [], source: doc('securityhub_organization_configuration') },
  aws_securityhub_configuration_policy: { args: [], source: doc('securityhub_configuration_policy') },
  aws_securityhub_configuration_policy_association: { args: ['target_id'], source: schema('securityhub/configuration_policy_association.go') },
  aws_config_configuration_recorder: { args: ['name'], source: schema('configservice/configuration_recorder.go') },
  aws_config_delivery_channel: { args: ['name'], source: schema('configservice/delivery_channel.go') },
  aws_config_configuration_recorder_status: { args: ['name'], source: schema('configservice/configuration_recorder_status.go') },
  aws_config_configuration_aggregator: { args: ['name'], source: schema('configservice/configuration_aggregator.go') },
  // Only tags are updated in place (its update function says "Tags only").
  aws_accessanalyzer_analyzer: { except: ['tags'], source: schema('accessanalyzer/analyzer.go') },
  // Network
  aws_ec2_transit_gateway: { args: [], source: doc('ec2_transit_gateway') },
  aws_ec2_transit_gateway_route: { everyArgument: true, source: doc('ec2_transit_gateway_route') },
  aws_ec2_transit_gateway_route_table: { args: ['transit_gateway_id'], source: doc('ec2_transit_gateway_route_table') },
  aws_ec2_transit_gateway_route_table_association: { args: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'], source: doc('ec2_transit_gateway_route_table_association') },
  aws_ec2_transit_gateway_route_table_propagation: { everyArgument: true, source: doc('ec2_transit_gateway_route_table_propagation') },
  aws_ec2_transit_gateway_vpc_attachment: { args: ['transit_gateway_id', 'vpc_id'], source: doc('ec2_transit_gateway_vpc_attachment') },
  aws_ec2_transit_gateway_vpc_attachment_accepter: { args: ['transit_gateway_attachment_id'], source: doc('ec2_transit_gateway_vpc_attachment_accepter') },
  aws_eip: { args: ['domain', 'address', 'customer_owned_ipv4_pool', 'ipam_pool_id', 'network_border_group', 'public_ipv4_pool'], source: doc('eip') },
  aws_flow_log: { except: ['tags'], source: doc('flow_log') },
  aws_internet_gateway: { args: [], source: doc('internet_gateway') },
  aws_nat_gateway: { args: ['allocation_id', 'subnet_id', 'connectivity_type', 'private_ip'], source: doc('nat_gateway') },
  aws_route: { args: ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'], source: doc('route') },
  aws_route_table: { args: ['vpc_id'], source: doc('route_table') },
  aws_route_table_association: { args: ['subnet_id', 'gateway_id'], source: doc('route_table_association') },
  aws_subnet: { args: ['availability_zone', 'availability_zone_id', 'cidr_block', 'vpc_id'], source: doc('subnet') },
  aws_vpc: { args: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'], source: doc('vpc') },
  aws_vpc_ipam: { args: [], source: doc('vpc_ipam') },
  aws_vpc_ipam_pool: { args: ['address_family', 'ipam_scope_id', 'locale', 'source_ipam_pool_id', 'aws_service', 'public_ip_source', 'publicly_advertisable', 'source_resource'], source: schema('ec2/ipam_pool.go') },
  aws_vpc_ipam_pool_cidr: { everyArgument: true, source: doc('vpc_ipam_pool_cidr') },
  aws_vpc_ipam_pool_cidr_allocation: { everyArgument: true, source: doc('vpc_ipam_pool_cidr_allocation') },
  aws_ram_resource_share: { args: [], source: doc('ram_resource_share') },
  aws_ram_principal_association: { everyArgument: true, source: doc('ram_principal_association') },
  aws_ram_resource_association: { everyArgument: true, source: doc('ram_resource_association') },
};

/** The replacement rule of a resource type, or undefined when the table does not know it. */
export function replacementRule(type: string): Rule | undefined {
  return RULES[type];
}

/**
 * Whether a change to argument `arg` of a resource of `type` forces a new resource. A type the
 * table does not know is treated as updatable (the coverage test keeps the table complete).
 */
export function forcesReplacement(type: string, arg: string): boolean {
  const rule = RULES[type];
  if (!rule) return false;
  if (rule.everyArgument) return true;
  if (rule.except) return !rule.except.includes(arg);
  return (rule.args ?? []).includes(arg);
}
