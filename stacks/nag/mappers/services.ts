import { CfnFlowLog, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnAlias, CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnTopic, CfnTopicPolicy } from 'aws-cdk-lib/aws-sns';
import { block, blocks, type Mapper } from './types';

const str = (v: unknown): string | undefined => (v === undefined ? undefined : v as string);

/** CloudTrail, KMS, CloudWatch Logs, VPC + flow logs, SNS and Lambda. */
export const serviceMappers: Record<string, Mapper> = {
  aws_cloudtrail: {
    kind: 'primary',
    build: (scope, id, r, ctx) => {
      const b = r.body;
      return new CfnTrail(scope, id, {
        trailName: str(b.name),
        isLogging: b.enable_logging !== false,
        s3BucketName: ctx.cfn(b.s3_bucket_name) as string,
        s3KeyPrefix: str(b.s3_key_prefix),
        kmsKeyId: b.kms_key_id === undefined ? undefined : ctx.cfn(b.kms_key_id) as string,
        // Terraform's default for enable_log_file_validation is false, CloudFormation's too.
        enableLogFileValidation: b.enable_log_file_validation === true,
        isMultiRegionTrail: b.is_multi_region_trail === true,
        includeGlobalServiceEvents: b.include_global_service_events !== false,
        isOrganizationTrail: b.is_organization_trail === true,
        cloudWatchLogsLogGroupArn: b.cloud_watch_logs_group_arn === undefined ? undefined : ctx.cfn(b.cloud_watch_logs_group_arn) as string,
        cloudWatchLogsRoleArn: b.cloud_watch_logs_role_arn === undefined ? undefined : ctx.cfn(b.cloud_watch_logs_role_arn) as string,
        eventSelectors: blocks(b.event_selector).map((s) => ({
          readWriteType: str(s.read_write_type), includeManagementEvents: s.include_management_events as boolean | undefined,
          dataResources: blocks(s.data_resource).map((d) => ({ type: d.type as string, values: d.values as string[] })),
        })),
      });
    },
  },
  aws_kms_key: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnKey(scope, id, {
      description: str(r.body.description),
      enableKeyRotation: r.body.enable_key_rotation === true,
      keySpec: str(r.body.customer_master_key_spec),
      keyPolicy: ctx.policy(r.body.policy),
      pendingWindowInDays: r.body.deletion_window_in_days as number | undefined,
    }),
  },
  aws_kms_alias: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnAlias(scope, id, { aliasName: r.body.name as string, targetKeyId: ctx.cfn(r.body.target_key_id) as string }),
  },
  aws_cloudwatch_log_group: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnLogGroup(scope, id, {
      logGroupName: str(r.body.name),
      // Terraform's 0 means "never expire", as an absent value does in CloudFormation.
      retentionInDays: r.body.retention_in_days ? r.body.retention_in_days as number : undefined,
      kmsKeyId: r.body.kms_key_id === undefined ? undefined : ctx.cfn(r.body.kms_key_id) as string,
    }),
  },
  aws_vpc: {
    kind: 'primary',
    build: (scope, id, r) => new CfnVPC(scope, id, {
      cidrBlock: str(r.body.cidr_block), enableDnsHostnames: r.body.enable_dns_hostnames as boolean | undefined,
      enableDnsSupport: r.body.enable_dns_support as boolean | undefined, instanceTenancy: str(r.body.instance_tenancy),
    }),
  },
  aws_flow_log: {
    kind: 'primary',
    build: (scope, id, r, ctx) => {
      const b = r.body;
      const target = (['vpc_id', 'subnet_id', 'eni_id', 'transit_gateway_id', 'transit_gateway_attachment_id'] as const).find((k) => b[k] !== undefined) ?? 'vpc_id';
      const resourceType = { vpc_id: 'VPC', subnet_id: 'Subnet', eni_id: 'NetworkInterface', transit_gateway_id: 'TransitGateway', transit_gateway_attachment_id: 'TransitGatewayAttachment' }[target];
      return new CfnFlowLog(scope, id, {
        resourceId: ctx.cfn(b[target]) as string, resourceType, trafficType: str(b.traffic_type),
        logDestination: b.log_destination === undefined ? undefined : ctx.cfn(b.log_destination) as string,
        logDestinationType: str(b.log_destination_type) ?? 'cloud-watch-logs',
        logGroupName: str(b.log_group_name), deliverLogsPermissionArn: b.iam_role_arn === undefined ? undefined : ctx.cfn(b.iam_role_arn) as string,
      });
    },
  },
  aws_sns_topic: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnTopic(scope, id, {
      topicName: str(r.body.name), kmsMasterKeyId: r.body.kms_master_key_id === undefined ? undefined : ctx.cfn(r.body.kms_master_key_id) as string,
    }),
  },
  aws_sns_topic_policy: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnTopicPolicy(scope, id, { topics: [ctx.cfn(r.body.arn) as string], policyDocument: ctx.policy(r.body.policy) }),
  },
  aws_lambda_function: {
    kind: 'primary',
    build: (scope, id, r, ctx) => {
      const b = r.body;
      const vpc = block(b.vpc_config);
      const dlq = block(b.dead_letter_config);
      const tracing = block(b.tracing_config);
      return new CfnFunction(scope, id, {
        functionName: str(b.function_name), role: ctx.cfn(b.role) as string, runtime: str(b.runtime), handler: str(b.handler),
        // The code itself is not checked; CloudFormation requires a Code property.
        code: { zipFile: 'lzkit shadow' },
        reservedConcurrentExecutions: b.reserved_concurrent_executions as number | undefined,
        kmsKeyArn: b.kms_key_arn === undefined ? undefined : ctx.cfn(b.kms_key_arn) as string,
        vpcConfig: vpc ? { subnetIds: ctx.cfn(vpc.subnet_ids) as string[], securityGroupIds: ctx.cfn(vpc.security_group_ids) as string[] } : undefined,
        deadLetterConfig: dlq ? { targetArn: ctx.cfn(dlq.target_arn) as string } : undefined,
        tracingConfig: tracing ? { mode: str(tracing.mode) } : undefined,
      });
    },
  },
};
