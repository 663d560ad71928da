import { IamPolicy, IamRolePolicyAttachment } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../../model';
import { policyJson } from './policy-document';

export interface RolePolicyProps {
  readonly provider: AwsProvider;
  /** Name of the role the policy is attached to (a token is fine). */
  readonly role: string;
  /** IAM name of the policy; its Terraform addresses use `logicalId`. */
  readonly policyName: string;
  readonly logicalId: string;
  readonly statements: readonly PolicyStatement[];
}

/**
 * A customer managed policy attached to one role: a managed policy (not an inline one) is
 * versioned, reviewable on its own and what NIST 800-53 (IAMNoInlinePolicy) asks for.
 */
export class RolePolicy extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: RolePolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'Resource', { provider: props.provider, name: props.policyName, policy: policyJson(props.statements) });
    this.policy.overrideLogicalId(props.logicalId);
    const attachment = new IamRolePolicyAttachment(this, 'Attachment', { provider: props.provider, role: props.role, policyArn: this.policy.arn });
    attachment.overrideLogicalId(props.logicalId);
  }
}
