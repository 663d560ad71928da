import { NOT_APPLICABLE, outcome, type PreconditionRule } from './rule';

/**
 * Permission sets need an organization instance of IAM Identity Center, which is enabled once in
 * the management account outside Terraform (the provider only reads it through
 * data.aws_ssoadmin_instances, and the plan fails when there is none).
 */
export const identityCenterEnabled: PreconditionRule = {
  id: 'identity-center-enabled',
  level: 'warning',
  doc: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-identity-center.html',
  description: 'Stacks that read data.aws_ssoadmin_instances need IAM Identity Center enabled once for the organization (no Terraform resource does it).',
  check({ stacks }) {
    const readers = stacks.flatMap((s) => s.data.filter((d) => d.type === 'aws_ssoadmin_instances').map((d) => ({ stack: s.name, resource: d.address })));
    if (!readers.length) return NOT_APPLICABLE;
    return outcome(readers.map((r) => ({ ...r, message: `${r.resource} reads the organization's IAM Identity Center instance: enable IAM Identity Center once in the management account (console) before the first deploy` })));
  },
};
