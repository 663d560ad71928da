import { categories, findingsOf } from '../../drift/finding';

/** The drift categories of the organization core (design.md's, and root access and effective policies). */
export const ORGANIZATION_CATEGORIES = categories([
  { id: 'trusted-access-disabled', severity: 'high', title: 'Trusted service access disabled',
    description: 'A service the declaration trusts has no trusted access: its organization-wide features (trails, delegated administration) stop working.' },
  { id: 'policy-type-disabled', severity: 'high', title: 'Policy type disabled',
    description: 'A policy type the declaration enables is not enabled on the root: policies of that type have no effect.' },
  { id: 'delegated-admin-missing', severity: 'medium', title: 'Delegated administrator missing',
    description: 'A declared delegated administrator is not registered: the service is administered from the management account or not at all.' },
  { id: 'ou-missing', severity: 'medium', title: 'OU missing',
    description: 'A declared organizational unit does not exist.' },
  { id: 'ou-unexpected', severity: 'low', title: 'Unexpected OU',
    description: 'An organizational unit exists that the declaration does not know.' },
  { id: 'account-missing', severity: 'medium', title: 'Account missing',
    description: 'A declared account is not in the organization.' },
  { id: 'account-unmanaged', severity: 'high', title: 'Unmanaged account',
    description: 'An account is in the organization that the declaration does not know: nobody reviews its guardrails.' },
  { id: 'account-moved', severity: 'high', title: 'Account moved',
    description: 'An account sits in another OU than declared, so other guardrails apply to it.' },
  { id: 'account-not-active', severity: 'medium', title: 'Account not active',
    description: 'A declared account is suspended or closing.' },
  { id: 'policy-missing', severity: 'high', title: 'Guardrail missing',
    description: 'A declared guardrail policy does not exist in the organization.' },
  { id: 'policy-modified', severity: 'high', title: 'Guardrail modified',
    description: 'A guardrail policy document differs from its declaration (compared after normalization).' },
  { id: 'policy-detached', severity: 'high', title: 'Guardrail detached',
    description: 'A guardrail is not attached where the declaration attaches it.' },
  { id: 'policy-attached-unexpectedly', severity: 'medium', title: 'Policy attached unexpectedly',
    description: 'A policy is attached where the declaration does not attach it.' },
  { id: 'root-mfa-disabled', severity: 'critical', title: 'Root user without MFA',
    description: 'The account root user has no MFA device.' },
  { id: 'root-access-keys-present', severity: 'critical', title: 'Root user access keys',
    description: 'The account root user has access keys.' },
  { id: 'password-policy-weak', severity: 'medium', title: 'Weak password policy',
    description: 'The IAM password policy is missing or weaker than the baseline (CIS: at least 14 characters, 24 passwords remembered).' },
  { id: 'root-access-disabled', severity: 'high', title: 'Centralized root access disabled',
    description: 'A centralized root access feature the declaration enables (root credentials management, root sessions) is not enabled for the organization.' },
  { id: 'effective-policy-differs', severity: 'medium', title: 'Effective policy differs',
    description: 'What Organizations merged for an account (DescribeEffectivePolicy) differs from what the declared management policies give it: a policy is attached where lzkit does not know it, or Organizations merges the declared ones otherwise than the declaration expects.' },
]);

/** A finding of the organization core: only its own categories compile. */
export const finding = findingsOf(ORGANIZATION_CATEGORIES);
