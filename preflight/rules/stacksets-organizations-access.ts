import { str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule } from './rule';

export const ACTIVATE_ORGANIZATIONS_ACCESS = 'aws cloudformation activate-organizations-access';

/**
 * Service-managed StackSets need CloudFormation's own organizations access, which no Terraform
 * resource turns on: enabling the trusted service through Organizations is not enough ("You must
 * enable organizations access to operate a service managed stack set"). A one-time step from the
 * management account, reported as a warning with its command.
 */
export const stackSetsOrganizationsAccess: PreconditionRule = {
  id: 'stacksets-organizations-access',
  level: 'warning',
  doc: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ActivateOrganizationsAccess.html',
  description: 'Service-managed StackSets need CloudFormation organizations access activated once from the management account (no Terraform resource does it).',
  check({ stacks }) {
    const sets = stacks.flatMap((stack) => stack.resources
      .filter((r) => r.type === 'aws_cloudformation_stack_set' && str(r.body, 'permission_model') === 'SERVICE_MANAGED')
      .map((r) => ({ stack: stack.name, resource: r.address })));
    if (!sets.length) return NOT_APPLICABLE;
    return outcome(sets.map((s) => ({
      ...s,
      message: `${s.resource} is a service-managed StackSet: before the first deploy, run \`${ACTIVATE_ORGANIZATIONS_ACCESS}\` once with the management account's credentials (CloudFormation's organizations access; trusted access through Organizations is not enough)`,
    })));
  },
};
