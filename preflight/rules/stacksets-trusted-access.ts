import { trustedServices } from '../organization';
import { str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule } from './rule';

const STACKSETS = 'member.org.stacksets.cloudformation.amazonaws.com';

/** A service-managed StackSet deploys only when the organization trusts CloudFormation StackSets. */
export const stackSetsTrustedAccess: PreconditionRule = {
  id: 'stacksets-trusted-access',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-cloudformation.html',
  description: `A service-managed StackSet needs ${STACKSETS} among the organization's trusted services.`,
  check({ stacks }) {
    const trusted = trustedServices(stacks);
    const sets = stacks.flatMap((stack) => stack.resources
      .filter((r) => r.type === 'aws_cloudformation_stack_set' && str(r.body, 'permission_model') === 'SERVICE_MANAGED')
      .map((r) => ({ stack: stack.name, resource: r.address })));
    if (!sets.length || !trusted) return NOT_APPLICABLE;
    return outcome(trusted.has(STACKSETS) ? [] : sets.map((s) => ({
      ...s, message: `${s.resource} is a service-managed StackSet but the organization does not trust ${STACKSETS}: add it to organization.trustedServices`,
    })));
  },
};
