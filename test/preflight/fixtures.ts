import { viewStacks, type StackView } from '../../preflight/synthesized';

/**
 * Small Terraform JSON stacks written by hand from the AWS and provider documentation (never
 * from lzkit's output), for the rule tests. Accounts: 111111111111 management, 222222222222
 * log archive, 444444444444 network, 555555555555 a spoke.
 */
export const MANAGEMENT = { region: 'us-east-1', allowed_account_ids: ['111111111111'] };

export function member(alias: string, accountId: string, region = 'us-east-1'): Record<string, unknown> {
  return { alias, region, allowed_account_ids: [accountId], assume_role: [{ role_arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole` }] };
}

export interface FixtureStack {
  readonly name: string;
  readonly providers?: readonly Record<string, unknown>[];
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly import?: readonly { id: string; to: string }[];
}

/** The stacks in the order given (each fixture lists them in deploy order). */
export function stacks(...fixtures: FixtureStack[]): StackView[] {
  return viewStacks(fixtures.map((f) => ({
    name: f.name,
    json: {
      provider: { aws: f.providers ?? [MANAGEMENT] },
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.data ? { data: f.data } : {}),
      ...(f.import ? { import: f.import } : {}),
    },
  })), fixtures.map((f) => f.name));
}

/** The organization resource most fixtures need: trusted services and policy types as declared. */
export function organization(services: string[], policyTypes: string[] = ['SERVICE_CONTROL_POLICY']): Record<string, Record<string, unknown>> {
  return { org: { feature_set: 'ALL', aws_service_access_principals: services, enabled_policy_types: policyTypes } };
}
