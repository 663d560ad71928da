import { CloudwatchLogGroup, IamRole, LambdaFunction } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../../model';
import { AssetType, Fn, TerraformAsset } from '../cdktf';
import { FAN_OUT_CONCURRENCY } from './audit-fan-out';
import { policyJson } from './policy-document';
import { RolePolicy } from './role-policy';

export const AUDIT_FUNCTION_NAME = 'lzkit-drift-audit';
export const AUDIT_FUNCTION_ROLE = 'lzkit-drift-audit-function';

export interface AuditFunctionProps {
  readonly provider: AwsProvider;
  /** The zip from stacks/audit-bundle.ts and its content hash. */
  readonly bundle: { readonly zipPath: string; readonly hash: string };
  readonly accountId: string;
  readonly region: string;
  readonly organizationId: string;
  /** The audit role's name in every account. */
  readonly auditRoleName: string;
  readonly reportBucketArn: string;
  readonly topicArn: string;
  readonly keyArn: string;
  readonly securityHubExport: boolean;
  /** Environment variables of the handler (audits/lambda/handler.ts settingsFromEnv). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * The audit function: its code (a Terraform asset of the cached bundle), its log group and an
 * execution role allowed exactly what a run does: enter the audit roles of the organization,
 * read and write the report bucket, publish to the topic, and (when enabled) import findings
 * into Security Hub.
 */
export class AuditFunction extends Construct {
  readonly resource: LambdaFunction;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AuditFunctionProps) {
    super(scope, id);
    const { provider, accountId, region } = props;
    const logGroup = new CloudwatchLogGroup(this, 'Logs', {
      provider, name: `/aws/lambda/${AUDIT_FUNCTION_NAME}`, retentionInDays: 365, kmsKeyId: props.keyArn,
    });
    logGroup.overrideLogicalId('audit_function');

    const statements: PolicyStatement[] = [
      { Sid: 'EnterAuditRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${props.auditRoleName}`,
        Condition: { StringEquals: { 'aws:ResourceOrgID': props.organizationId } } },
      // ListBucket makes a missing previous report a 404 (first run), not a 403.
      { Sid: 'ListReports', Effect: 'Allow', Action: 's3:ListBucket', Resource: props.reportBucketArn },
      { Sid: 'ReadWriteReports', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${props.reportBucketArn}/*` },
      { Sid: 'UseAuditKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: props.keyArn },
      { Sid: 'NotifyDrift', Effect: 'Allow', Action: 'sns:Publish', Resource: props.topicArn },
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:*` },
    ];
    if (props.securityHubExport) {
      statements.push({ Sid: 'ExportToSecurityHub', Effect: 'Allow', Action: 'securityhub:BatchImportFindings',
        Resource: `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default` });
    }
    this.role = new IamRole(this, 'Role', {
      provider,
      name: AUDIT_FUNCTION_ROLE,
      assumeRolePolicy: policyJson([{
        Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      }]),
    });
    this.role.overrideLogicalId('audit_function');
    new RolePolicy(this, 'Policy', { provider, role: this.role.name, policyName: 'lzkit-drift-audit-function', logicalId: 'audit_function', statements });

    const asset = new TerraformAsset(this, 'Code', { path: props.bundle.zipPath, type: AssetType.FILE, assetHash: props.bundle.hash });
    this.resource = new LambdaFunction(this, 'Resource', {
      provider,
      functionName: AUDIT_FUNCTION_NAME,
      description: 'lzkit scheduled drift audit',
      role: this.role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: Fn.filebase64sha256(asset.path),
      architectures: ['arm64'],
      memorySize: 1024,
      timeout: 900,
      // Bounded: the fan-out's batches plus its organization and merge steps; more would only
      // compete for the same Organizations and STS quotas.
      reservedConcurrentExecutions: FAN_OUT_CONCURRENCY + 2,
      // A run that fails after the scheduler's retries is itself news for the subscribers.
      deadLetterConfig: { targetArn: props.topicArn },
      environment: { variables: { ...props.environment } },
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      dependsOn: [logGroup],
    });
    this.resource.overrideLogicalId('audit_function');
  }
}
