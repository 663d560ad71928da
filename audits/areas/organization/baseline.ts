import type { LiveAccountState } from '../../snapshot-core';

/** The password policy of a well-run account: what the sandbox serves when nothing drifted. */
export const BASELINE_PASSWORD_POLICY = {
  minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true,
  requireLowercaseCharacters: true, maxPasswordAge: 90, passwordReusePrevention: 24, hardExpiry: false, allowUsersToChangePassword: true,
} as const;

/**
 * A well-run account: the root user with MFA and no access keys, or - where the organization
 * manages root access centrally and removed them - no root credentials at all; the baseline
 * password policy.
 */
export function compliantAccountState(rootCredentials = true): LiveAccountState {
  const summary = rootCredentials
    ? { accountMfaEnabled: true, accountAccessKeysPresent: false, accountPasswordPresent: true }
    : { accountMfaEnabled: false, accountAccessKeysPresent: false, accountPasswordPresent: false };
  return { iam: { summary, passwordPolicy: { ...BASELINE_PASSWORD_POLICY } } };
}
