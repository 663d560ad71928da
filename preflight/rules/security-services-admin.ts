import { accountKey, sameAccount } from '../organization';
import { allResources, isManagementProvider, providerOf, str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/** The service's own designation of its organization administrator, per service principal. */
const SERVICES: Record<string, { resource: string; argument: string }> = {
  'guardduty.amazonaws.com': { resource: 'aws_guardduty_organization_admin_account', argument: 'admin_account_id' },
  'securityhub.amazonaws.com': { resource: 'aws_securityhub_organization_admin_account', argument: 'admin_account_id' },
};

/**
 * GuardDuty and Security Hub take their delegated administrator through their own API
 * (EnableOrganizationAdminAccount), called from the management account; registering it through
 * Organizations alone leaves the service without an administrator.
 */
export const securityServicesAdmin: PreconditionRule = {
  id: 'security-services-admin',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
  description: 'GuardDuty and Security Hub delegated administrators are designated through the services (aws_guardduty_organization_admin_account, aws_securityhub_organization_admin_account) from the management account.',
  check({ stacks, lz }) {
    const all = allResources(stacks);
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const { stack, resource: r } of all.filter((x) => x.resource.type === 'aws_organizations_delegated_administrator')) {
      const service = SERVICES[str(r.body, 'service_principal') ?? ''];
      if (!service) continue;
      applicable = true;
      const admin = accountKey(str(r.body, 'account_id'));
      const designated = all.filter((x) => x.resource.type === service.resource && sameAccount(accountKey(str(x.resource.body, service.argument)), admin, lz));
      if (!designated.length) {
        problems.push({ stack: stack.name, resource: r.address, message: `${r.address} registers ${str(r.body, 'service_principal')} through Organizations only: add ${service.resource} for the same account (management account provider)` });
      }
    }
    for (const { stack, resource: r } of all.filter((x) => Object.values(SERVICES).some((s) => s.resource === x.resource.type))) {
      applicable = true;
      if (!isManagementProvider(providerOf(stack, r))) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} must run in the management account (the stack's default provider)` });
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};
