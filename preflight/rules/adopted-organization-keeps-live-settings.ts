import { organizationOf } from '../organization';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

const AUTHORITATIVE = ['aws_service_access_principals', 'enabled_policy_types'] as const;

/**
 * `aws_service_access_principals` and `enabled_policy_types` are authoritative: the first apply
 * on an imported organization disables every trusted service and policy type the declaration
 * omits (Control Tower, Backup, ...). An adopted organization must take the union of the declared
 * lists with what is live (the aws_organizations_organization data source).
 */
export const adoptedOrganizationKeepsLiveSettings: PreconditionRule = {
  id: 'adopted-organization-keeps-live-settings',
  level: 'error',
  doc: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_organization',
  description: 'An imported organization keeps the trusted services and policy types already live (the declared lists are unioned with the data source).',
  check({ stacks }) {
    const org = organizationOf(stacks);
    if (!org || !org.stack.imports.has(org.resource.address)) return NOT_APPLICABLE;
    const problems: RuleProblem[] = [];
    for (const arg of AUTHORITATIVE) {
      const value = org.resource.body[arg];
      if (value === undefined) continue;
      const live = new RegExp(`data\\.aws_organizations_organization\\.[A-Za-z0-9_-]+\\.${arg}\\b`);
      if (typeof value === 'string' && live.test(value)) continue;
      problems.push({ stack: org.stack.name, resource: org.resource.address, message: `${org.resource.address} is imported and sets ${arg} to the declared list only: the first apply disables whatever else is live; use setunion([...declared], data.aws_organizations_organization.<name>.${arg})` });
    }
    return outcome(problems);
  },
};
