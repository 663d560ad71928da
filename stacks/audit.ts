import { IamRole, SchedulerSchedule, SnsTopic, SnsTopicPolicy, SnsTopicSubscription } from './aws';
import { desiredKey, hardenedBucket } from '../desired';
import type { AuditDeclaration } from '../model/audit';
import { AUDIT_ROLE_ACTIONS } from '../audits/collect/api-actions';
import { auditFunctionBundle } from './audit-bundle';
import { landingZoneStack } from './backend';
import { accountIdOf, organizationIdOf } from './constructs/account-refs';
import { AuditFanOut } from './constructs/audit-fan-out';
import { AuditFunction } from './constructs/audit-function';
import { AuditRoleEverywhere } from './constructs/audit-role';
import { HardenedBucket } from './constructs/hardened-bucket';
import { CustomerManagedKey } from './constructs/customer-managed-key';
import { policyJson } from './constructs/policy-document';
import { traceToDeclaration } from './constructs/provenance';
import { RolePolicy } from './constructs/role-policy';
import type { StackContext } from './context';
import { defaultProvider, providerFor } from './providers';

export const AUDIT_STACK = 'audit';

/** True when the organization is large enough for the Step Functions fan-out. */
export function fansOut(decl: AuditDeclaration, accounts: number): boolean {
  return accounts > decl.fanOut.accountThreshold;
}

/**
 * The audit stack. In the audit account: the key, the report bucket, the notification topic, the
 * audit function (and, above the fan-out threshold, its state machine) and the schedule that
 * starts it. In the management account: the StackSet giving every targeted account the read-only
 * audit role, and that role in the management account itself.
 */
export function auditStack(ctx: StackContext): void {
  const { lz } = ctx;
  const decl = lz.audit;
  if (!decl) return;
  const auditAccount = lz.accounts.get(decl.auditAccount);
  if (!auditAccount) throw new Error(`lzkit: audit account '${decl.auditAccount}' is not in the model (validation should have caught this)`);

  const stack = landingZoneStack(ctx.app, lz, AUDIT_STACK);
  const management = defaultProvider(stack, lz);
  const provider = providerFor(stack, lz, auditAccount, (a) => accountIdOf(ctx, a.name));
  const region = lz.organization.homeRegion;
  const accountId = accountIdOf(ctx, auditAccount.name);
  const organizationId = organizationIdOf(ctx);
  const roleName = lz.organization.roles.audit;

  const key = new CustomerManagedKey(stack, 'AuditKey', {
    provider,
    key: desiredKey({
      name: 'audit_key', account: auditAccount.name, accountId, region, description: 'KMS key of the lzkit drift audit (reports, topic, logs)',
      grants: [{
        Sid: 'CloudWatchLogsEncryptAuditLogs', Effect: 'Allow', Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:/aws/lambda/*` } },
      }],
    }),
  });

  const reports = new HardenedBucket(stack, 'Reports', {
    provider,
    bucket: hardenedBucket({
      name: 'audit_reports', account: auditAccount.name, region, bucket: `${decl.reports.bucketNamePrefix}-${accountId}`,
      encryption: { algorithm: 'aws:kms', kmsKeyArn: key.arn, bucketKeyEnabled: true }, statements: () => [],
      lifecycle: { expirationDays: decl.reports.retentionDays, source: decl.reports.source },
    }),
  });
  traceToDeclaration(reports, decl.reports.source);

  const topic = new SnsTopic(stack, 'Topic', { provider, name: 'lzkit-drift-audit', displayName: 'lzkit drift audit', kmsMasterKeyId: key.arn });
  topic.overrideLogicalId('audit_notifications');
  // The topic's policy names the topic: a separate resource, since a resource cannot refer to
  // its own attributes (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy).
  new SnsTopicPolicy(stack, 'TopicPolicy', {
    provider, arn: topic.arn,
    policy: policyJson([{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic.arn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }, {
      Sid: 'OwnerAccountManages', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:ListSubscriptionsByTopic'], Resource: topic.arn,
    }]),
  }).overrideLogicalId('audit_notifications');
  decl.notifications.forEach((n, i) => {
    const sub = new SnsTopicSubscription(stack, `Subscription${i}`, { provider, topicArn: topic.arn, protocol: n.protocol, endpoint: n.endpoint });
    sub.overrideLogicalId(`audit_notifications_${i}`);
    traceToDeclaration(sub, n.source);
  });

  const fn = new AuditFunction(stack, 'Function', {
    provider, bundle: auditFunctionBundle(lz.dir), accountId, region, organizationId, auditRoleName: roleName,
    reportBucketArn: reports.arn, topicArn: topic.arn, keyArn: key.arn, securityHubExport: decl.securityHubExport,
    environment: {
      LZKIT_REPORT_BUCKET: reports.bucket, LZKIT_TOPIC_ARN: topic.arn, LZKIT_AUDIT_ROLE: roleName,
      LZKIT_MANAGEMENT_ACCOUNT_ID: accountIdOf(ctx, lz.organization.managementAccount), LZKIT_AUDIT_ACCOUNT_ID: accountId,
      LZKIT_SECURITY_HUB_EXPORT: String(decl.securityHubExport), LZKIT_BATCH_SIZE: String(decl.fanOut.batchSize), LZKIT_REGION: region,
    },
  });

  const fanOut = fansOut(decl, lz.accounts.size)
    ? new AuditFanOut(stack, 'FanOut', { provider, functionArn: fn.resource.arn, accountId, region })
    : undefined;
  if (fanOut) traceToDeclaration(fanOut, decl.fanOut.source);
  const targetArn = fanOut ? fanOut.stateMachine.arn : fn.resource.arn;

  const schedulerRole = new IamRole(stack, 'SchedulerRole', {
    provider, name: 'lzkit-drift-audit-scheduler',
    assumeRolePolicy: policyJson([{
      Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    }]),
  });
  schedulerRole.overrideLogicalId('audit_scheduler');
  new RolePolicy(stack, 'SchedulerPolicy', {
    provider, role: schedulerRole.name, policyName: 'lzkit-drift-audit-scheduler', logicalId: 'audit_scheduler',
    statements: [fanOut
      ? { Sid: 'StartFanOut', Effect: 'Allow', Action: 'states:StartExecution', Resource: targetArn }
      : { Sid: 'InvokeAudit', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: targetArn }],
  });
  const schedule = new SchedulerSchedule(stack, 'Schedule', {
    provider, name: 'lzkit-drift-audit', description: 'lzkit scheduled drift audit',
    scheduleExpression: decl.schedule.expression, scheduleExpressionTimezone: decl.schedule.timezone,
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: targetArn, roleArn: schedulerRole.arn, input: '{}', retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } },
  });
  schedule.overrideLogicalId('audit_schedule');
  traceToDeclaration(schedule, decl.schedule.source);

  const targets = decl.auditRole.targets;
  const roles = new AuditRoleEverywhere(stack, 'AuditRole', {
    provider: management, roleName, actions: AUDIT_ROLE_ACTIONS, region,
    trust: { functionRoleArn: fn.role.arn, organizationId, alsoTrust: decl.auditRole.alsoTrust },
    organizationalUnitIds: (targets.ous ?? []).map((p) => ouIdOf(ctx, p)),
    excludeAccountIds: (targets.excludeAccounts ?? []).map((n) => accountIdOf(ctx, n)),
  });
  traceToDeclaration(roles, decl.auditRole.source);

  ctx.refs.audit = { reportBucketName: reports.bucket, topicArn: topic.arn, functionRoleArn: fn.role.arn };
}

function ouIdOf(ctx: StackContext, path: string): string {
  const fromRefs = ctx.refs.organization?.ouId(path);
  if (fromRefs) return fromRefs;
  const ou = ctx.lz.ous.get(path);
  if (ou?.id) return ou.id;
  throw new Error(`lzkit: OU '${path}' has no id yet and no organization stack published one; the audit role StackSet needs OU ids`);
}
