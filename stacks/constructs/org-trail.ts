import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../cdktf';
import { LogArchiveKey } from './log-archive-key';
import { policyJson } from './policy-document';

export interface OrgTrailProps {
  /** Provider of the management account (organization trails live there). */
  readonly provider: AwsProvider;
  readonly name: string;
  readonly managementAccountId: string;
  readonly region: string;
  readonly bucketName: string;
  /** Key that encrypts the log files (in the log archive account). */
  readonly kmsKeyArn: string;
  /** @default true */
  readonly logFileValidation?: boolean;
  /** Retention of the CloudWatch Logs copy, in days (a value CloudWatch Logs accepts). */
  readonly retentionDays: number;
  /** @default no data events */
  readonly dataEvents?: { readonly s3: boolean; readonly lambda: boolean };
  /** Resources the trail must wait for (the bucket policy: CloudTrail checks it on creation). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The organization trail: every account, every region, global service events, log file
 * validation, KMS-encrypted delivery to the log archive and a copy in a KMS-encrypted
 * CloudWatch Logs group written through a role that can do nothing else.
 */
export class OrgTrail extends Construct {
  readonly resource: Cloudtrail;
  readonly logGroup: CloudwatchLogGroup;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: OrgTrailProps) {
    super(scope, id);
    const { provider, region, managementAccountId: mgmt } = props;
    const trailArn = `arn:aws:cloudtrail:${region}:${mgmt}:trail/${props.name}`;
    const logGroupName = `/lzkit/cloudtrail/${props.name}`;
    const logGroupArn = `arn:aws:logs:${region}:${mgmt}:log-group:${logGroupName}`;

    // CloudWatch Logs encrypts only with a key of its own region; it lives with the log group.
    const key = new LogArchiveKey(this, 'LogGroupKey', {
      provider, ownerAccountId: mgmt, name: 'trail_log_group_key', description: 'KMS key of the organization trail CloudWatch Logs group',
      grants: [{
        Sid: 'CloudWatchLogsEncryptThisGroup', Effect: 'Allow', Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      }],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      provider, name: logGroupName, retentionInDays: props.retentionDays, kmsKeyId: key.arn,
    });
    this.logGroup.overrideLogicalId('organization_trail');

    const role = new IamRole(this, 'CloudWatchRole', {
      provider, name: `${props.name}-cloudwatch`,
      assumeRolePolicy: policyJson([{
        Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      }]),
    });
    role.overrideLogicalId('organization_trail_cloudwatch');
    // Managed, not inline: one policy, attached once, reviewable on its own.
    const policy = new IamPolicy(this, 'CloudWatchPolicy', {
      provider, name: `${props.name}-cloudwatch`, description: 'CloudTrail delivery to its own CloudWatch Logs group only',
      policy: policyJson([{
        Sid: 'DeliverToTrailLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${logGroupArn}:log-stream:*`,
      }]),
    });
    policy.overrideLogicalId('organization_trail_cloudwatch');
    const attachment = new IamRolePolicyAttachment(this, 'CloudWatchPolicyAttachment', { provider, role: role.name, policyArn: policy.arn });
    attachment.overrideLogicalId('organization_trail_cloudwatch');

    const de = props.dataEvents ?? { s3: false, lambda: false };
    const dataResource = [
      ...(de.s3 ? [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] : []),
      ...(de.lambda ? [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }] : []),
    ];
    this.resource = new Cloudtrail(this, 'Resource', {
      provider,
      name: props.name,
      s3BucketName: props.bucketName,
      kmsKeyId: props.kmsKeyArn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: props.logFileValidation ?? true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      eventSelector: dataResource.length ? [{ readWriteType: 'All', includeManagementEvents: true, dataResource }] : undefined,
      dependsOn: [attachment, ...(props.dependsOn ?? [])],
    });
    this.resource.overrideLogicalId('organization_trail');
    this.arn = trailArn;
  }
}
