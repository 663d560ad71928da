import { SsoadminCustomerManagedPolicyAttachment, SsoadminManagedPolicyAttachment, SsoadminPermissionSet, SsoadminPermissionSetInlinePolicy, SsoadminPermissionsBoundaryAttachment } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredPermissionSet } from '../../desired';
import type { ITerraformDependable } from '../cdktf';
import { logicalId } from './logical-id';

export interface PermissionSetProps {
  /** The permission set as the desired state describes it. */
  readonly permissionSet: DesiredPermissionSet;
  /** ARN of the Identity Center instance (a lookup token). */
  readonly instanceArn: string;
  /** Provider of the account that administers Identity Center. @default the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * One Identity Center permission set with everything attached to it: AWS managed and customer
 * managed policies, the inline policy from policies/permission-sets/, and the permissions
 * boundary. Terraform addresses derive from the permission set's name, so they stay stable.
 */
export class PermissionSet extends Construct {
  /** The aws_ssoadmin_permission_set. */
  readonly resource: SsoadminPermissionSet;
  /** The permission set's ARN (token). */
  readonly arn: string;
  /** The attachments: assignments depend on them so each account is provisioned complete. */
  readonly attachments: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const ps = props.permissionSet;
    const { instanceArn, provider } = props;
    const name = (kind: string, ...rest: string[]): string => logicalId(kind, [ps.name, ...rest]);

    this.resource = new SsoadminPermissionSet(this, 'Resource', {
      provider, instanceArn, name: ps.name, description: ps.description,
      sessionDuration: ps.sessionDuration, relayState: ps.relayState,
      tags: Object.keys(ps.tags).length ? { ...ps.tags } : undefined,
    });
    this.resource.overrideLogicalId(name('permission_set'));
    this.arn = this.resource.arn;
    const common = { provider, instanceArn, permissionSetArn: this.arn };
    const attachments: ITerraformDependable[] = [];

    for (const arn of ps.managedPolicies) {
      const policyName = arn.slice(arn.indexOf(':policy/') + ':policy/'.length);
      const r = new SsoadminManagedPolicyAttachment(this, `Managed-${policyName}`, { ...common, managedPolicyArn: arn });
      r.overrideLogicalId(name('managed_policy', policyName));
      attachments.push(r);
    }
    for (const ref of ps.customerManagedPolicies) {
      const r = new SsoadminCustomerManagedPolicyAttachment(this, `CustomerManaged-${ref.path}${ref.name}`, {
        ...common, customerManagedPolicyReference: { name: ref.name, path: ref.path },
      });
      r.overrideLogicalId(name('customer_managed_policy', ref.path, ref.name));
      attachments.push(r);
    }
    if (ps.inlinePolicy) {
      const r = new SsoadminPermissionSetInlinePolicy(this, 'InlinePolicy', { ...common, inlinePolicy: ps.inlinePolicy });
      r.overrideLogicalId(name('inline_policy'));
      attachments.push(r);
    }
    const b = ps.permissionsBoundary;
    if (b) {
      const r = new SsoadminPermissionsBoundaryAttachment(this, 'PermissionsBoundary', {
        ...common,
        permissionsBoundary: b.managedPolicyArn
          ? { managedPolicyArn: b.managedPolicyArn }
          : { customerManagedPolicyReference: { name: b.customerManagedPolicy!.name, path: b.customerManagedPolicy!.path } },
      });
      r.overrideLogicalId(name('permissions_boundary'));
      attachments.push(r);
    }
    this.attachments = attachments;
  }
}
