import { trustedServices } from '../organization';
import { isManagementProvider, providerOf } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/**
 * An organization trail is created from the management account (or CloudTrail's delegated
 * administrator) with CloudTrail's trusted access enabled in Organizations.
 */
export const organizationTrailTrustedAccess: PreconditionRule = {
  id: 'organization-trail-trusted-access',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html',
  description: 'An organization trail is created from the management account with cloudtrail.amazonaws.com trusted.',
  check({ stacks }) {
    const trusted = trustedServices(stacks);
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_cloudtrail' && x.body.is_organization_trail === true)) {
        applicable = true;
        if (trusted && !trusted.has('cloudtrail.amazonaws.com')) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} is an organization trail but the organization does not trust cloudtrail.amazonaws.com: add it to organization.trustedServices` });
        if (!isManagementProvider(providerOf(stack, r))) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} is an organization trail created outside the management account: use the stack's default provider` });
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};
