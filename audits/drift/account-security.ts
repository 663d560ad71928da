import type { LivePasswordPolicy } from '../snapshot';
import { finding, fileLocation, type DriftCheck } from './context';
import type { Finding } from './finding';

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
      if (!x.summary.accountMfaEnabled) {
        found.push(finding({
          category: 'root-mfa-disabled', resource, expected: true, actual: false, location,
          message: `the root user of ${resource.name} (${live.id}) has no MFA`, remediation: 'sign in as root and assign an MFA device (or centrally manage root access and remove root credentials)',
        }));
      }
      if (x.summary.accountAccessKeysPresent) {
        found.push(finding({
          category: 'root-access-keys-present', resource, expected: false, actual: true, location,
          message: `the root user of ${resource.name} (${live.id}) has access keys`, remediation: 'delete the root access keys (IAM console, Security credentials, as root)',
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
