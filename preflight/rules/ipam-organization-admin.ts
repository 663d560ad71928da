import { isManagementProvider, providerOf, str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/**
 * IPAM's organization administrator is delegated through EC2 (EnableIpamOrganizationAdminAccount,
 * `aws_vpc_ipam_organization_admin_account`, from the management account); a delegated
 * administrator registered through Organizations alone does not make an IPAM that manages the
 * organization's accounts.
 */
export const ipamOrganizationAdmin: PreconditionRule = {
  id: 'ipam-organization-admin',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html',
  description: 'An IPAM delegated to a member account is delegated with aws_vpc_ipam_organization_admin_account (management account), not aws_organizations_delegated_administrator.',
  check({ stacks }) {
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const r of stack.resources) {
        if (r.type === 'aws_organizations_delegated_administrator' && str(r.body, 'service_principal') === 'ipam.amazonaws.com') {
          applicable = true;
          problems.push({ stack: stack.name, resource: r.address, message: `${r.address} registers IPAM's delegated administrator through Organizations: use aws_vpc_ipam_organization_admin_account (EnableIpamOrganizationAdminAccount) from the management account instead` });
        }
        if (r.type === 'aws_vpc_ipam_organization_admin_account') {
          applicable = true;
          if (!isManagementProvider(providerOf(stack, r))) problems.push({ stack: stack.name, resource: r.address, message: `${r.address} must run in the management account (the stack's default provider)` });
        }
      }
    }
    const ipamInMember = stacks.some((s) => s.resources.some((r) => r.type === 'aws_vpc_ipam' && !isManagementProvider(providerOf(s, r))));
    const delegated = stacks.some((s) => s.resources.some((r) => r.type === 'aws_vpc_ipam_organization_admin_account'));
    if (ipamInMember && !delegated && !problems.length) {
      const s = stacks.find((x) => x.resources.some((r) => r.type === 'aws_vpc_ipam' && !isManagementProvider(providerOf(x, r))))!;
      const ipam = s.resources.find((r) => r.type === 'aws_vpc_ipam')!;
      problems.push({ stack: s.name, resource: ipam.address, message: `${ipam.address} runs in a member account that is not IPAM's organization administrator: add aws_vpc_ipam_organization_admin_account for it (management account)` });
    }
    return applicable || ipamInMember ? outcome(problems) : NOT_APPLICABLE;
  },
};
