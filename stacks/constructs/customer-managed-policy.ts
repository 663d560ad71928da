import { CloudformationStackSet, CloudformationStackSetInstance, IamPolicy } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredCustomerManagedPolicy } from '../../desired';
import type { ITerraformDependable } from '../cdktf';
import { escapeTerraformTemplate } from './guardrail-policy';
import { logicalId } from './logical-id';

export interface CustomerManagedPolicyProps {
  /** The management account's provider: StackSets are administered there, and its own copy lives there. */
  readonly provider?: AwsProvider;
  readonly policy: DesiredCustomerManagedPolicy & { readonly document: string };
  /** The account id of each account in `policy.accounts` (references or literals). */
  readonly accountIds: readonly string[];
  /** Whether the management account is one of them (StackSets never deploy there). */
  readonly inManagementAccount: boolean;
  /** The organization's root id: service-managed StackSets target OUs. */
  readonly rootId: string;
  readonly region: string;
}

/**
 * One customer managed policy, created by name and path in every account its permission sets are
 * assigned to, so that Identity Center can provision them: a service-managed StackSet for the
 * member accounts (the root as target, narrowed to those accounts), and an IAM policy in the
 * management account when it holds one of them.
 */
export class CustomerManagedPolicy extends Construct {
  /** What an assignment of its permission sets waits for. */
  readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: CustomerManagedPolicyProps) {
    super(scope, id);
    const { provider, policy } = props;
    const name = logicalId('customer_managed_policy', [policy.path, policy.name]);
    if (props.accountIds.length) {
      const stackSet = new CloudformationStackSet(this, 'StackSet', {
        provider,
        name: `lzkit-policy-${policy.name}`.slice(0, 128),
        description: `lzkit: customer managed policy ${policy.path}${policy.name} for the permission sets ${policy.permissionSets.join(', ')}`,
        permissionModel: 'SERVICE_MANAGED',
        autoDeployment: { enabled: false },
        capabilities: ['CAPABILITY_NAMED_IAM'],
        managedExecution: { active: true },
        templateBody: escapeTerraformTemplate(JSON.stringify({
          AWSTemplateFormatVersion: '2010-09-09',
          Description: `lzkit customer managed policy ${policy.name}`,
          Resources: {
            Policy: {
              Type: 'AWS::IAM::ManagedPolicy',
              Properties: { ManagedPolicyName: policy.name, Path: policy.path, PolicyDocument: JSON.parse(policy.document) as unknown },
            },
          },
        })),
        lifecycle: { ignoreChanges: ['administration_role_arn'] },
      });
      stackSet.overrideLogicalId(name);
      const instance = new CloudformationStackSetInstance(this, 'Instances', {
        provider,
        stackSetName: stackSet.name,
        region: props.region,
        deploymentTargets: { organizationalUnitIds: [props.rootId], accountFilterType: 'INTERSECTION', accounts: [...props.accountIds] },
        operationPreferences: { failureTolerancePercentage: 0, maxConcurrentPercentage: 50 },
      });
      instance.overrideLogicalId(name);
      this.ready.push(instance);
    }
    if (props.inManagementAccount) {
      const r = new IamPolicy(this, 'Management', {
        provider, name: policy.name, path: policy.path, description: `lzkit customer managed policy for ${policy.permissionSets.join(', ')}`,
        policy: escapeTerraformTemplate(policy.document),
      });
      r.overrideLogicalId(name);
      this.ready.push(r);
    }
  }
}
