import { str, type StackView, type TerraformResourceJson } from '../synthesized';

/** Where an ARN is built: the account id the simulator uses, and the region of the provider. */
export interface ArnContext {
  readonly accountId: string;
  readonly region: string;
  readonly stack: StackView;
}

type Builder = (body: Readonly<Record<string, unknown>>, c: ArnContext) => string | undefined;

/** A literal argument, or the same argument of the resource it refers to (`${aws_s3_bucket.x.id}` -> its `bucket`). */
function literal(c: ArnContext, value: unknown, via: Readonly<Record<string, string>> = {}): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value);
  if (!m) return undefined;
  const target = c.stack.resources.find((r) => r.type === m[1] && r.name === m[2]);
  const argument = via[m[1]];
  return target && argument ? literal(c, target.body[argument], via) : undefined;
}

/** For references: which argument of the referenced resource holds its name. */
const NAME_OF: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket', aws_iam_role: 'name', aws_iam_policy: 'name', aws_sns_topic: 'name', aws_lambda_function: 'function_name',
  aws_cloudwatch_log_group: 'name', aws_cloudformation_stack_set: 'name',
};

const iamPath = (body: Readonly<Record<string, unknown>>) => str(body, 'path') ?? '/';
const bucketArn: Builder = (b, c) => { const n = literal(c, b.bucket, NAME_OF); return n ? `arn:aws:s3:::${n}` : undefined; };
const roleArn = (role: unknown, c: ArnContext) => { const n = literal(c, role, NAME_OF); return n ? `arn:aws:iam::${c.accountId}:role/${n}` : undefined; };
const topicArn = (topic: unknown, c: ArnContext) => {
  const m = typeof topic === 'string' ? /^\$\{aws_sns_topic\.([A-Za-z0-9_-]+)\.arn\}$/.exec(topic) : null;
  const t = m ? c.stack.resources.find((r) => r.type === 'aws_sns_topic' && r.name === m[1]) : undefined;
  const name = t ? str(t.body, 'name') : undefined;
  return name && !name.includes('${') ? `arn:aws:sns:${c.region}:${c.accountId}:${name}` : undefined;
};

/**
 * The ARN a create call acts on, per Terraform type, when its arguments name it (ARN formats
 * from the Service Authorization Reference).
 */
const BUILDERS: Readonly<Record<string, Builder>> = {
  aws_iam_role: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:iam::${c.accountId}:role${iamPath(b)}${n}` : undefined; },
  aws_iam_policy: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:iam::${c.accountId}:policy${iamPath(b)}${n}` : undefined; },
  aws_iam_role_policy_attachment: (b, c) => roleArn(b.role, c),
  aws_iam_role_policy: (b, c) => roleArn(b.role, c),
  aws_s3_bucket: (b, c) => { const n = literal(c, b.bucket); return n ? `arn:aws:s3:::${n}` : undefined; },
  aws_s3_bucket_policy: bucketArn,
  aws_s3_bucket_versioning: bucketArn,
  aws_s3_bucket_lifecycle_configuration: bucketArn,
  aws_s3_bucket_logging: bucketArn,
  aws_s3_bucket_object_lock_configuration: bucketArn,
  aws_s3_bucket_ownership_controls: bucketArn,
  aws_s3_bucket_public_access_block: bucketArn,
  aws_s3_bucket_server_side_encryption_configuration: bucketArn,
  aws_kms_alias: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:kms:${c.region}:${c.accountId}:${n}` : undefined; },
  aws_cloudwatch_log_group: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:logs:${c.region}:${c.accountId}:log-group:${n}` : undefined; },
  aws_lambda_function: (b, c) => { const n = literal(c, b.function_name); return n ? `arn:aws:lambda:${c.region}:${c.accountId}:function:${n}` : undefined; },
  aws_sns_topic: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:sns:${c.region}:${c.accountId}:${n}` : undefined; },
  aws_sns_topic_policy: (b, c) => topicArn(b.arn, c),
  aws_sns_topic_subscription: (b, c) => topicArn(b.topic_arn, c),
  aws_scheduler_schedule: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:scheduler:${c.region}:${c.accountId}:schedule/${str(b, 'group_name') ?? 'default'}/${n}` : undefined; },
  aws_sfn_state_machine: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:states:${c.region}:${c.accountId}:stateMachine:${n}` : undefined; },
  aws_cloudtrail: (b, c) => { const n = literal(c, b.name); return n ? `arn:aws:cloudtrail:${c.region}:${c.accountId}:trail/${n}` : undefined; },
  aws_accessanalyzer_analyzer: (b, c) => { const n = literal(c, b.analyzer_name); return n ? `arn:aws:access-analyzer:${c.region}:${c.accountId}:analyzer/${n}` : undefined; },
};

/**
 * Types whose id AWS assigns at create: the ARN of their resource type with `*` for the id
 * (Service Authorization Reference formats), so a guardrail scoped to the type still matches.
 */
const ASSIGNED: Readonly<Record<string, (c: ArnContext) => string>> = {
  aws_vpc: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:vpc/*`,
  aws_subnet: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:subnet/*`,
  aws_route_table: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:route-table/*`,
  aws_internet_gateway: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:internet-gateway/*`,
  aws_nat_gateway: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:natgateway/*`,
  aws_eip: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:elastic-ip/*`,
  aws_flow_log: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:vpc-flow-log/*`,
  aws_ec2_transit_gateway: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway/*`,
  aws_ec2_transit_gateway_route_table: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-route-table/*`,
  aws_ec2_transit_gateway_vpc_attachment: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-attachment/*`,
  aws_ec2_transit_gateway_vpc_attachment_accepter: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-attachment/*`,
  aws_vpc_ipam: (c) => `arn:aws:ec2::${c.accountId}:ipam/*`,
  aws_vpc_ipam_pool: (c) => `arn:aws:ec2::${c.accountId}:ipam-pool/*`,
  aws_kms_key: (c) => `arn:aws:kms:${c.region}:${c.accountId}:key/*`,
  aws_ram_resource_share: (c) => `arn:aws:ram:${c.region}:${c.accountId}:resource-share/*`,
  // Sub-resources: the call acts on the parent (CreateRoute on the route table, ...).
  aws_route: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:route-table/*`,
  aws_route_table_association: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:route-table/*`,
  aws_ec2_transit_gateway_route: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-route-table/*`,
  aws_ec2_transit_gateway_route_table_association: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-route-table/*`,
  aws_ec2_transit_gateway_route_table_propagation: (c) => `arn:aws:ec2:${c.region}:${c.accountId}:transit-gateway-route-table/*`,
  aws_ram_principal_association: (c) => `arn:aws:ram:${c.region}:${c.accountId}:resource-share/*`,
  aws_ram_resource_association: (c) => `arn:aws:ram:${c.region}:${c.accountId}:resource-share/*`,
  aws_vpc_ipam_pool_cidr: (c) => `arn:aws:ec2::${c.accountId}:ipam-pool/*`,
  aws_vpc_ipam_pool_cidr_allocation: (c) => `arn:aws:ec2::${c.accountId}:ipam-pool/*`,
  // The security services: GuardDuty's calls act on the detector, Security Hub's on the hub or the policy.
  aws_guardduty_detector: (c) => `arn:aws:guardduty:${c.region}:${c.accountId}:detector/*`,
  aws_guardduty_organization_configuration: (c) => `arn:aws:guardduty:${c.region}:${c.accountId}:detector/*`,
  aws_guardduty_organization_configuration_feature: (c) => `arn:aws:guardduty:${c.region}:${c.accountId}:detector/*`,
  aws_guardduty_detector_feature: (c) => `arn:aws:guardduty:${c.region}:${c.accountId}:detector/*`,
  aws_guardduty_publishing_destination: (c) => `arn:aws:guardduty:${c.region}:${c.accountId}:detector/*/publishingDestination/*`,
  aws_securityhub_finding_aggregator: (c) => `arn:aws:securityhub:${c.region}:${c.accountId}:finding-aggregator/*`,
  aws_securityhub_organization_configuration: (c) => `arn:aws:securityhub:${c.region}:${c.accountId}:hub/default`,
  aws_securityhub_configuration_policy: (c) => `arn:aws:securityhub:${c.region}:${c.accountId}:configuration-policy/*`,
  aws_securityhub_configuration_policy_association: (c) => `arn:aws:securityhub:${c.region}:${c.accountId}:configuration-policy/*`,
  aws_config_configuration_aggregator: (c) => `arn:aws:config:${c.region}:${c.accountId}:config-aggregator/*`,
  aws_config_configuration_recorder: (c) => `arn:aws:config:${c.region}:${c.accountId}:configuration-recorder/*`,
  aws_config_configuration_recorder_status: (c) => `arn:aws:config:${c.region}:${c.accountId}:configuration-recorder/*`,
};

/** The resource ARN for the simulation, or undefined when neither the arguments nor the type name it. */
export function resourceArn(r: TerraformResourceJson, c: ArnContext): string | undefined {
  return locateArn(r, c)?.arn;
}

/** The ARN and where it came from: the arguments (the exact resource) or the type (AWS assigns the id). */
export function locateArn(r: TerraformResourceJson, c: ArnContext): { arn: string; from: 'arguments' | 'type' } | undefined {
  const arn = BUILDERS[r.type]?.(r.body, c);
  if (arn && !arn.includes('${')) return { arn, from: 'arguments' };
  const typed = ASSIGNED[r.type]?.(c);
  return typed ? { arn: typed, from: 'type' } : undefined;
}

/** The ARN of a CloudFormation template resource (StackSet instance), when its properties name it. */
export function templateResourceArn(type: string, properties: Readonly<Record<string, unknown>>, accountId: string): string | undefined {
  const path = typeof properties.Path === 'string' ? properties.Path : '/';
  if (type === 'AWS::IAM::Role' && typeof properties.RoleName === 'string') return `arn:aws:iam::${accountId}:role${path}${properties.RoleName}`;
  if (type === 'AWS::IAM::ManagedPolicy' && typeof properties.ManagedPolicyName === 'string') return `arn:aws:iam::${accountId}:policy${path}${properties.ManagedPolicyName}`;
  return undefined;
}

