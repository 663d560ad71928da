import type { Severity, SourceLocation } from '../../model/types';

/** Every drift category of design.md; the area checks add theirs with registerCategory. */
export type Category =
  | 'trusted-access-disabled' | 'policy-type-disabled' | 'delegated-admin-missing'
  | 'ou-missing' | 'ou-unexpected' | 'account-missing' | 'account-unmanaged' | 'account-moved' | 'account-not-active'
  | 'policy-missing' | 'policy-modified' | 'policy-detached' | 'policy-attached-unexpectedly'
  | 'root-mfa-disabled' | 'root-access-keys-present' | 'password-policy-weak' | 'unauditable'
  | (string & { readonly __category?: never });

export interface CategoryInfo {
  readonly id: Category;
  /** Default severity; guardrail findings take the guardrail's own severity. */
  readonly severity: Severity;
  readonly title: string;
  /** Why it matters: the SARIF rule's help text. */
  readonly description: string;
}

export interface FindingResource {
  readonly type: string;
  readonly id: string;
  readonly name: string;
}

export interface Finding {
  /** Stable across runs for the same drift (category, resource and what about it). */
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly resource: FindingResource;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
  readonly remediation: string;
  /** The declared element this finding is about (SARIF locates results here). */
  readonly location: SourceLocation;
}

const info = (id: Category, severity: Severity, title: string, description: string): CategoryInfo => ({ id, severity, title, description });

const CORE_CATEGORIES: CategoryInfo[] = [
  info('trusted-access-disabled', 'high', 'Trusted service access disabled', 'A service the declaration trusts has no trusted access: its organization-wide features (trails, delegated administration) stop working.'),
  info('policy-type-disabled', 'high', 'Policy type disabled', 'A policy type the declaration enables is not enabled on the root: policies of that type have no effect.'),
  info('delegated-admin-missing', 'medium', 'Delegated administrator missing', 'A declared delegated administrator is not registered: the service is administered from the management account or not at all.'),
  info('ou-missing', 'medium', 'OU missing', 'A declared organizational unit does not exist.'),
  info('ou-unexpected', 'low', 'Unexpected OU', 'An organizational unit exists that the declaration does not know.'),
  info('account-missing', 'medium', 'Account missing', 'A declared account is not in the organization.'),
  info('account-unmanaged', 'high', 'Unmanaged account', 'An account is in the organization that the declaration does not know: nobody reviews its guardrails.'),
  info('account-moved', 'high', 'Account moved', 'An account sits in another OU than declared, so other guardrails apply to it.'),
  info('account-not-active', 'medium', 'Account not active', 'A declared account is suspended or closing.'),
  info('policy-missing', 'high', 'Guardrail missing', 'A declared guardrail policy does not exist in the organization.'),
  info('policy-modified', 'high', 'Guardrail modified', 'A guardrail policy document differs from its declaration (compared after normalization).'),
  info('policy-detached', 'high', 'Guardrail detached', 'A guardrail is not attached where the declaration attaches it.'),
  info('policy-attached-unexpectedly', 'medium', 'Policy attached unexpectedly', 'A policy is attached where the declaration does not attach it.'),
  info('root-mfa-disabled', 'critical', 'Root user without MFA', 'The account root user has no MFA device.'),
  info('root-access-keys-present', 'critical', 'Root user access keys', 'The account root user has access keys.'),
  info('password-policy-weak', 'medium', 'Weak password policy', 'The IAM password policy is missing or weaker than the baseline (CIS: at least 14 characters, 24 passwords remembered).'),
  info('unauditable', 'high', 'Could not audit', 'The audit could not read this account or API; it is not known to comply.'),
];

export const CATEGORIES: ReadonlyMap<Category, CategoryInfo> = new Map(CORE_CATEGORIES.map((c) => [c.id, c]));

export function registerCategory(c: CategoryInfo): void {
  (CATEGORIES as Map<Category, CategoryInfo>).set(c.id, c);
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
