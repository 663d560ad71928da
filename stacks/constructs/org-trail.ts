import { Cloudtrail, CloudwatchLogGroup, IamPolicy, IamRole, IamRolePolicyAttachment } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import { trailEventSelectors, type DesiredTrail } from '../../desired';
import type { ITerraformDependable } from '../cdktf';
import { CustomerManagedKey } from './customer-managed-key';
import { policyJson } from './policy-document';

export interface OrgTrailProps {
  /** Provider of the management account (organization trails live there). */
  readonly provider?: AwsProvider;
  /** The trail as the desired state describes it, late-bound values resolved. */
  readonly trail: DesiredTrail;
  /** Resources the trail must wait for (the bucket policy and the key: CloudTrail checks both on creation). */
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

  constructor(scope: Construct, id: string, props: OrgTrailProps) {
    super(scope, id);
    const { provider, trail: t } = props;
    const cw = t.cloudWatch;
    const key = new CustomerManagedKey(this, 'LogGroupKey', { provider, key: cw.key });
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', { provider, name: cw.logGroupName, retentionInDays: cw.retentionDays, kmsKeyId: key.arn });
    this.logGroup.overrideLogicalId('organization_trail');

    const role = new IamRole(this, 'CloudWatchRole', { provider, name: cw.roleName, assumeRolePolicy: policyJson(cw.roleTrust.Statement) });
    role.overrideLogicalId('organization_trail_cloudwatch');
    // Managed, not inline: one policy, attached once, reviewable on its own.
    const policy = new IamPolicy(this, 'CloudWatchPolicy', {
      provider, name: cw.policyName, description: 'CloudTrail delivery to its own CloudWatch Logs group only', policy: policyJson(cw.policy.Statement),
    });
    policy.overrideLogicalId('organization_trail_cloudwatch');
    const attachment = new IamRolePolicyAttachment(this, 'CloudWatchPolicyAttachment', { provider, role: role.name, policyArn: policy.arn });
    attachment.overrideLogicalId('organization_trail_cloudwatch');

    const events = trailEventSelectors(t);
    this.resource = new Cloudtrail(this, 'Resource', {
      provider,
      name: t.name,
      s3BucketName: t.bucket,
      kmsKeyId: t.kmsKeyArn,
      isOrganizationTrail: t.isOrganizationTrail,
      isMultiRegionTrail: t.isMultiRegionTrail,
      includeGlobalServiceEvents: t.includeGlobalServiceEvents,
      enableLogFileValidation: t.logFileValidation,
      enableLogging: t.logging,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      // No selector without data events: CloudTrail's default then logs what the one selector would.
      eventSelector: events.deployed
        ? events.selectors.map((e) => ({ readWriteType: e.readWriteType, includeManagementEvents: e.includeManagementEvents, dataResource: e.dataResources.map((d) => ({ type: d.type, values: [...d.values] })) }))
        : undefined,
      dependsOn: [attachment, ...(props.dependsOn ?? [])],
    });
    this.resource.overrideLogicalId('organization_trail');
  }
}
