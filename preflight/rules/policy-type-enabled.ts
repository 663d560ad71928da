import { enabledPolicyTypes } from '../organization';
import { str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/** A policy of a type the root has not enabled cannot be attached (PolicyTypeNotEnabledException). */
export const policyTypeEnabled: PreconditionRule = {
  id: 'policy-type-enabled',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html',
  description: 'Every Organizations policy is of a type the organization enables.',
  check({ stacks }) {
    const enabled = enabledPolicyTypes(stacks);
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_organizations_policy')) {
        if (!enabled) continue;
        applicable = true;
        const type = str(r.body, 'type') ?? 'SERVICE_CONTROL_POLICY';
        if (!enabled.has(type)) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} is a ${type}, which the organization does not enable: add it to organization.enabledPolicyTypes` });
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};
