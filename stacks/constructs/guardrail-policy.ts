import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { Construct } from 'constructs';
import { resolveLateBound, type Guardrail, type LateBound, type PolicyType } from '../../model';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../model/policy-types';
import { logicalId } from './logical-id';

/** Organizations' policy type for each guardrail type (the model's policy type table). */
export const ORGANIZATIONS_POLICY_TYPE: Readonly<Record<PolicyType, string>> = Object.freeze(
  Object.fromEntries(POLICY_TYPE_NAMES.map((t) => [t, POLICY_TYPES[t].organizationsType])) as Record<PolicyType, string>);

export interface GuardrailPolicyProps {
  /** The guardrail from the model, parameters bound. */
  readonly guardrail: Guardrail;
  /**
   * Resolves a late-bound value (the id of an organization or account that a deployment
   * creates) to a cross-stack reference. Only called when the content holds such a marker.
   */
  readonly resolve: (value: LateBound) => string;
}

/**
 * One guardrail as aws_organizations_policy (imported when adopted by `existingId`), and its
 * attachments. The content is the model's minified document; IAM policy variables such as
 * `${aws:PrincipalTag/team}` are escaped so Terraform does not read them as interpolations, and
 * late-bound ids become references.
 */
export class GuardrailPolicy extends Construct {
  readonly resource: OrganizationsPolicy;
  private readonly guardrail: Guardrail;

  constructor(scope: Construct, id: string, props: GuardrailPolicyProps) {
    super(scope, id);
    const g = props.guardrail;
    this.guardrail = g;
    this.resource = new OrganizationsPolicy(this, 'Resource', {
      name: g.name,
      description: g.description.length > 512 ? `${g.description.slice(0, 509)}...` : g.description,
      type: ORGANIZATIONS_POLICY_TYPE[g.type],
      content: resolveLateBound(escapeTerraformTemplate(g.content), props.resolve),
      tags: { 'lzkit-guardrail': g.id, severity: g.severity },
    });
    this.resource.overrideLogicalId(logicalId('policy', [g.id]));
    if (g.existingId) this.resource.importFrom(g.existingId);
    this.policyId = this.resource.id;
  }

  /** The policy id (`p-…`): a reference (one token, reused). */
  readonly policyId: string;

  /**
   * Attaches the policy to one OU, root or account. `targetName` (an OU path or account name)
   * only names the resource, so that its address stays stable while the target does.
   */
  attachTo(targetKind: 'ou' | 'account', targetName: string, targetId: string): OrganizationsPolicyAttachment {
    const name = logicalId('attach', [this.guardrail.id, targetKind, ...targetName.split('/')]);
    const attachment = new OrganizationsPolicyAttachment(this, name, { policyId: this.policyId, targetId });
    attachment.overrideLogicalId(name);
    return attachment;
  }
}

/**
 * Terraform reads `${…}` and `%{…}` in any string as a template; a policy's own `${aws:…}`
 * variables must reach AWS literally, so they are written `$${…}` / `%%{…}`.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
