import { fileLocation, type DriftCheck, type DriftContext } from '../../../drift/context';
import type { Finding } from '../../../drift/finding';
import type { LivePasswordPolicy } from '../../../snapshot-core';
import { finding } from '../categories';

/** The feature that lets the management account remove member accounts' root credentials. */
export const ROOT_CREDENTIALS_MANAGEMENT = 'RootCredentialsManagement';

/**
 * How root users are audited. `central`: the organization manages member accounts' root
 * credentials (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html), so a
 * member account without root credentials is compliant and one that still has them must protect
 * them; `per-account`: every root user has its own credentials, which need MFA and no access keys.
 */
function rootMode(ctx: DriftContext): 'central' | 'per-account' {
  const declared = ctx.desired.organization.rootAccessFeatures.includes(ROOT_CREDENTIALS_MANAGEMENT);
  return declared && ctx.snapshot.rootAccess?.enabledFeatures.includes(ROOT_CREDENTIALS_MANAGEMENT) ? 'central' : 'per-account';
}

/** Centralized root access features declared but not enabled. */
export const rootAccess: DriftCheck = (ctx) => {
  const declared = ctx.desired.organization.rootAccessFeatures;
  if (!declared.length) return [];
  const live = ctx.snapshot.rootAccess?.enabledFeatures ?? [];
  const missing = declared.filter((f) => !live.includes(f));
  if (!missing.length) return [];
  return [finding({
    category: 'root-access-disabled', resource: { type: 'organization', id: ctx.snapshot.organization.id, name: 'centralized root access' },
    expected: declared, actual: live, location: ctx.desired.organization.rootAccessSource ?? ctx.lz.organization.source,
    message: `centralized root access ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not enabled for the organization`,
    remediation: 'redeploy the organization stack (cdktf deploy organization: aws_iam_organizations_features)',
  })];
};

/** CIS AWS Foundations (v1.4 and later): what a password policy must require at least. */
export const PASSWORD_POLICY_BASELINE = { minimumPasswordLength: 14, passwordReusePrevention: 24 } as const;

export function passwordPolicyWeaknesses(p: LivePasswordPolicy | null): string[] {
  if (p === null) return ['no password policy'];
  const out: string[] = [];
  if ((p.minimumPasswordLength ?? 0) < PASSWORD_POLICY_BASELINE.minimumPasswordLength) out.push(`minimum length ${p.minimumPasswordLength ?? 'unset'} < ${PASSWORD_POLICY_BASELINE.minimumPasswordLength}`);
  if ((p.passwordReusePrevention ?? 0) < PASSWORD_POLICY_BASELINE.passwordReusePrevention) out.push(`reuse prevention ${p.passwordReusePrevention ?? 'unset'} < ${PASSWORD_POLICY_BASELINE.passwordReusePrevention}`);
  return out;
}

/** Root MFA, root access keys and the password policy of every active account; one unit per account. */
export const accountSecurity: DriftCheck = (ctx) => {
  const { snapshot: s } = ctx;
  return ctx.each(s.accounts.filter((a) => a.state === 'ACTIVE'), (live) => {
    const out: Finding[] = [];
    const iam = s.accountStates[live.id].iam;
    const declared = ctx.match.declaredAccounts.get(live.id);
    const resource = { type: 'account', id: live.id, name: declared?.name ?? live.name };
    const location = declared?.source ?? fileLocation('accounts/accounts.yaml');
    // Each read on its own: an unread summary does not hide a weak password policy.
    out.push(...ctx.each([iam], (x) => {
      const found: Finding[] = [];
      if (x.summary.accountMfaEnabled && !x.summary.accountAccessKeysPresent) return found;
      // Only now is the mode needed; when it was not read, this account's root is not audited.
      const central = live.id !== s.organization.managementAccountId && rootMode(ctx) === 'central';
      const how = central
        ? ' (root access is managed centrally, and this member account still has root credentials)'
        : ' (each account manages its own root user)';
      // Under central management a member account's root user without a password cannot sign in:
      // there is nothing for MFA to protect (its access keys, if any, are their own finding).
      if (!x.summary.accountMfaEnabled && !(central && x.summary.accountPasswordPresent === false)) {
        found.push(finding({
          category: 'root-mfa-disabled', resource, expected: true, actual: false, location,
          message: `the root user of ${resource.name} (${live.id}) has no MFA${how}`,
          remediation: central
            ? `delete the root credentials from the management account (aws iam delete-login-profile after aws sts assume-root --target-principal ${live.id}), or assign an MFA device`
            : 'sign in as root and assign an MFA device (or centrally manage root access and remove root credentials)',
        }));
      }
      if (x.summary.accountAccessKeysPresent) {
        found.push(finding({
          category: 'root-access-keys-present', resource, expected: false, actual: true, location,
          message: `the root user of ${resource.name} (${live.id}) has access keys${how}`,
          remediation: central ? `delete them from the management account (aws sts assume-root --target-principal ${live.id}, then aws iam delete-access-key)` : 'delete the root access keys (IAM console, Security credentials, as root)',
        }));
      }
      return found;
    }));
    out.push(...ctx.each([iam], (x) => {
      const weak = passwordPolicyWeaknesses(x.passwordPolicy);
      if (!weak.length) return [];
      return [finding({
        category: 'password-policy-weak', resource, expected: PASSWORD_POLICY_BASELINE, actual: x.passwordPolicy, location,
        message: `the password policy of ${resource.name} (${live.id}) is weak: ${weak.join(', ')}`,
        remediation: `aws iam update-account-password-policy --minimum-password-length ${PASSWORD_POLICY_BASELINE.minimumPasswordLength} --password-reuse-prevention ${PASSWORD_POLICY_BASELINE.passwordReusePrevention} (in ${live.id})`,
      })];
    }));
    return out;
  });
};
