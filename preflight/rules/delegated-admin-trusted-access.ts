import { trustedServices } from '../organization';
import { str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/** RegisterDelegatedAdministrator needs the service's trusted access enabled first. */
export const delegatedAdminTrustedAccess: PreconditionRule = {
  id: 'delegated-admin-trusted-access',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_RegisterDelegatedAdministrator.html',
  description: 'Every delegated administrator is registered for a service the organization trusts.',
  check({ stacks }) {
    const trusted = trustedServices(stacks);
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_organizations_delegated_administrator')) {
        const service = str(r.body, 'service_principal') ?? '';
        if (!trusted) continue;
        applicable = true;
        if (!trusted.has(service)) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} delegates ${service}, which the organization does not trust: add it to organization.trustedServices` });
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};
