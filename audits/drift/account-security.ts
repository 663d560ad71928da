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

/** Root MFA, root access keys and the password policy of every account that was read. */
export const accountSecurity: DriftCheck = ({ snapshot: s, match, unreadable }) => {
  const out: Finding[] = [];
  for (const live of s.accounts) {
    if (live.status !== 'ACTIVE' || unreadable.has(live.id)) continue;
    const iam = s.accountStates[live.id]?.iam;
    const declared = match.declaredAccounts.get(live.id);
    const resource = { type: 'account', id: live.id, name: declared?.name ?? live.name };
    const location = declared?.source ?? fileLocation('accounts/accounts.yaml');
    if (iam?.summary && !iam.summary.accountMfaEnabled) {
      out.push(finding({
        category: 'root-mfa-disabled', resource, expected: true, actual: false, location,
        message: `the root user of ${resource.name} (${live.id}) has no MFA`, remediation: 'sign in as root and assign an MFA device (or centrally manage root access and remove root credentials)',
      }));
    }
    if (iam?.summary?.accountAccessKeysPresent) {
      out.push(finding({
        category: 'root-access-keys-present', resource, expected: false, actual: true, location,
        message: `the root user of ${resource.name} (${live.id}) has access keys`, remediation: 'delete the root access keys (IAM console, Security credentials, as root)',
      }));
    }
    if (iam?.passwordPolicy !== undefined) {
      const weak = passwordPolicyWeaknesses(iam.passwordPolicy);
      if (weak.length) {
        out.push(finding({
          category: 'password-policy-weak', resource, expected: PASSWORD_POLICY_BASELINE, actual: iam.passwordPolicy, location,
          message: `the password policy of ${resource.name} (${live.id}) is weak: ${weak.join(', ')}`,
          remediation: `aws iam update-account-password-policy --minimum-password-length ${PASSWORD_POLICY_BASELINE.minimumPasswordLength} --password-reuse-prevention ${PASSWORD_POLICY_BASELINE.passwordReusePrevention} (in ${live.id})`,
        }));
      }
    }
  }
  return out;
};

/**
 * Everything the audit could not read, one finding per account (or per organization API), and
 * active accounts with nothing read and no recorded error: never silently a pass.
 */
export const unauditable: DriftCheck = ({ snapshot: s, match }) => {
  const out: Finding[] = [];
  const byAccount = new Map<string, string[]>();
  const enteredNot = new Set(s.errors.filter((e) => e.scope === 'account' && e.resourceId).map((e) => e.resourceId!));
  for (const e of s.errors) {
    // An area read inside an account the audit could not enter belongs to that account's one finding.
    if (e.resourceId && (e.scope === 'account' || enteredNot.has(e.resourceId))) {
      byAccount.set(e.resourceId, [...(byAccount.get(e.resourceId) ?? []), `${e.api}: ${e.code}: ${e.message}`]);
      continue;
    }
    out.push(finding({
      category: 'unauditable', resource: { type: 'organization', id: e.resourceId ?? s.organization.id, name: e.api }, about: e.api,
      expected: 'readable', actual: `${e.code}: ${e.message}`, location: fileLocation('accounts/organization.yaml'),
      message: `could not read ${e.api}${e.resourceId ? ` for ${e.resourceId}` : ''}: ${e.code}`,
      remediation: e.api.startsWith('organizations:')
        ? 'grant the caller organizations:Describe*/List* in the management account and run the audit again'
        : `check that the audit role (deployed by the audit stack) exists in the account and allows ${e.api}, then run the audit again`,
    }));
  }
  for (const live of s.accounts) {
    if (live.status === 'ACTIVE' && !s.accountStates[live.id] && !byAccount.has(live.id)) byAccount.set(live.id, ['the account was not read']);
  }
  for (const [id, problems] of byAccount) {
    const declared = match.declaredAccounts.get(id);
    out.push(finding({
      category: 'unauditable', resource: { type: 'account', id, name: declared?.name ?? s.accounts.find((a) => a.id === id)?.name ?? id },
      expected: 'readable', actual: problems, location: declared?.source ?? fileLocation('accounts/accounts.yaml'),
      message: `could not audit account ${declared?.name ?? id} (${id}): ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
      remediation: `check that the audit role exists in ${id} and trusts the management account (deploy the audit stack), then run the audit again`,
    }));
  }
  return out;
};

/** Live ids of accounts with a recorded error: their per-account checks are not trusted. */
export function unreadableAccounts(s: { errors: readonly { scope: string; resourceId?: string }[] }): Set<string> {
  return new Set(s.errors.filter((e) => e.scope === 'account' && e.resourceId).map((e) => e.resourceId!));
}

/** The services each declared area is read through (for telling whether its failure was recorded). */
const AREA_SERVICES = { logging: ['cloudtrail', 's3', 'kms'], network: ['ec2', 'ram'], identity: ['sso', 'identitystore'] } as const;

/**
 * A declared area (logging, network, identity) the snapshot holds nothing of and no recorded error
 * explains (a snapshot saved without the declaration, by an older lzkit): unauditable, never a pass.
 */
export const areasUnread: DriftCheck = ({ lz, snapshot: s }) => {
  const out: Finding[] = [];
  for (const area of ['logging', 'network', 'identity'] as const) {
    if (!lz[area] || s[area]) continue;
    const services: readonly string[] = AREA_SERVICES[area];
    if (s.errors.some((e) => services.includes(e.api.split(':')[0]))) continue;
    out.push(finding({
      category: 'unauditable', resource: { type: 'organization', id: s.organization.id, name: area }, about: area,
      expected: 'readable', actual: 'not read', location: lz[area]!.source,
      message: `${area} is declared but the snapshot holds nothing of it`,
      remediation: 'collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE) from the management account',
    }));
  }
  return out;
};
