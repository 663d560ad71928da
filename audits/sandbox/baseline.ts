import type { LiveAccountState } from '../snapshot';

/** The password policy of a well-run account: what the sandbox serves when nothing drifted. */
export const BASELINE_PASSWORD_POLICY = {
  minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true,
  requireLowercaseCharacters: true, maxPasswordAge: 90, passwordReusePrevention: 24, hardExpiry: false, allowUsersToChangePassword: true,
} as const;

/** Root user with MFA and no access keys, and the baseline password policy. */
export function compliantAccountState(): LiveAccountState {
  return { iam: { summary: { accountMfaEnabled: true, accountAccessKeysPresent: false }, passwordPolicy: { ...BASELINE_PASSWORD_POLICY } } };
}
