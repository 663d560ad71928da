import { OrganizationsPolicy, OrganizationsPolicyAttachment } from '../aws';
import { Construct } from 'constructs';
import type { DesiredPolicy, DesiredTarget } from '../../desired';
import { logicalId } from './logical-id';

export interface GuardrailPolicyProps {
  /** The policy as the desired state describes it. */
  readonly policy: DesiredPolicy;
  /** Turns the late-bound ids of a text into references (stacks/resolve.ts). */
  readonly resolve: (text: string) => string;
}

/**
 * One guardrail as aws_organizations_policy (imported when adopted), and its attachments. IAM
 * policy variables such as `${aws:PrincipalTag/team}` are escaped so Terraform does not read them
 * as interpolations, and late-bound ids become references.
 */
export class GuardrailPolicy extends Construct {
  readonly resource: OrganizationsPolicy;
  private readonly guardrailId: string;

  constructor(scope: Construct, id: string, props: GuardrailPolicyProps) {
    super(scope, id);
    const p = props.policy;
    this.guardrailId = p.id;
    this.resource = new OrganizationsPolicy(this, 'Resource', {
      // Escape first: the references that replace late-bound ids are templates Terraform must read.
      name: p.name, description: p.description, type: p.type, content: props.resolve(escapeTerraformTemplate(p.content)), tags: { ...p.tags },
    });
    this.resource.overrideLogicalId(logicalId('policy', [p.id]));
    if (p.adoptedId) this.resource.importFrom(p.adoptedId);
    this.policyId = this.resource.id;
  }

  /** The policy id (`p-…`): a reference (one token, reused). */
  readonly policyId: string;

  /**
   * Attaches the policy to one OU, root or account (`targetId`: its id as a reference), in
   * `scope` (the target's guardrails shard stack). The target's name (an OU path or account name)
   * names the resource, so that its address stays stable while the target does.
   */
  attachTo(scope: Construct, target: DesiredTarget, targetId: string): OrganizationsPolicyAttachment {
    const name = logicalId('attach', [this.guardrailId, target.kind, ...target.name.split('/')]);
    const attachment = new OrganizationsPolicyAttachment(scope, name, { policyId: this.policyId, targetId });
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
