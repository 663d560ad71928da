import { isManagementProvider, providerOf, str, waitsFor, type StackView, type TerraformResourceJson } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

const ORGANIZATION_PRINCIPAL = /^arn:aws[a-z-]*:organizations::[^:]*:(ou|organization)\//;

/**
 * Sharing with an OU or the whole organization needs sharing with AWS Organizations enabled
 * through RAM (EnableSharingWithAwsOrganization, `aws_ram_sharing_with_organization`, from the
 * management account). Trusted access enabled through Organizations does not create RAM's
 * service-linked role, and the principal association fails.
 */
export const ramSharingWithOrganization: PreconditionRule = {
  id: 'ram-sharing-with-organization',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs',
  description: 'RAM shares with OUs or the organization come after aws_ram_sharing_with_organization (management account) in the deploy order.',
  check({ stacks }) {
    const problems: RuleProblem[] = [];
    let applicable = false;
    const enabled: { stack: StackView; resource: TerraformResourceJson }[] = [];
    for (const stack of stacks) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_ram_sharing_with_organization')) {
        if (isManagementProvider(providerOf(stack, r))) enabled.push({ stack, resource: r });
        else problems.push({ stack: stack.name, resource: r.address, message: `${r.address} must run in the management account (the stack's default provider): only the management account can enable sharing with AWS Organizations` });
      }
      for (const r of stack.resources.filter((x) => x.type === 'aws_ram_principal_association' && ORGANIZATION_PRINCIPAL.test(str(x.body, 'principal') ?? ''))) {
        applicable = true;
        const earlier = enabled.find((e) => e.stack !== stack);
        const here = enabled.filter((e) => e.stack === stack);
        if (earlier) continue;
        if (here.length && here.some((e) => waitsFor(r, e.resource.address))) continue;
        problems.push({
          stack: stack.name, resource: r.address,
          message: here.length
            ? `${r.address} shares with an OU or the organization but does not depend on ${here[0].resource.address}: add it to depends_on`
            : `${r.address} shares with an OU or the organization, but no aws_ram_sharing_with_organization (management account) is deployed in this stack or before it: RAM refuses the association`,
        });
      }
    }
    return applicable || problems.length ? outcome(problems) : NOT_APPLICABLE;
  },
};
