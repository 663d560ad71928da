import { AwsError, xmlFields } from './protocol';
import type { SandboxWorld } from './world';

type Handler = (w: SandboxWorld, params: URLSearchParams, callerAccountId: string) => string;

/** STS and IAM operations the collectors call (query protocol; the result element's inner XML). */
export const QUERY_OPERATIONS: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  sts: {
    AssumeRole: (w, params, caller) => {
      const arn = params.get('RoleArn') ?? '';
      const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(arn);
      if (!m) throw new AwsError('ValidationError', `1 validation error detected: Value '${arn}' at 'roleArn' failed to satisfy constraint`);
      const [, accountId, roleName] = m;
      if (caller !== w.managementAccountId || !w.canEnter(accountId)) {
        throw new AwsError('AccessDenied', `User: arn:aws:iam::${caller}:user/lzkit is not authorized to perform: sts:AssumeRole on resource: ${arn}`, 403);
      }
      const c = w.issue(accountId, Number(params.get('DurationSeconds') ?? 3600));
      return `<Credentials>${xmlFields({ AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(c.expiresAt).toISOString() })}</Credentials>`
        + `<AssumedRoleUser>${xmlFields({ AssumedRoleId: `AROA${accountId}:${params.get('RoleSessionName') ?? 'session'}`, Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${params.get('RoleSessionName') ?? 'session'}` })}</AssumedRoleUser>`;
    },
    GetCallerIdentity: (_w, _params, caller) => xmlFields({ UserId: 'AIDALZKITSANDBOX', Account: caller, Arn: `arn:aws:iam::${caller}:user/lzkit` }),
  },
  iam: {
    GetAccountSummary: (w, _params, caller) => {
      const s = w.snapshot.accountStates[caller]?.iam?.summary;
      if (!s) throw new AwsError('AccessDenied', `User is not authorized to perform: iam:GetAccountSummary in account ${caller}`, 403);
      const entries: Record<string, number> = { AccountMFAEnabled: s.accountMfaEnabled ? 1 : 0, AccountAccessKeysPresent: s.accountAccessKeysPresent ? 1 : 0, Users: 0, Roles: 3, Policies: 0 };
      return `<SummaryMap>${Object.entries(entries).map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`).join('')}</SummaryMap>`;
    },
    GetAccountPasswordPolicy: (w, _params, caller) => {
      const iam = w.snapshot.accountStates[caller]?.iam;
      if (!iam || iam.passwordPolicy === undefined) throw new AwsError('AccessDenied', `User is not authorized to perform: iam:GetAccountPasswordPolicy in account ${caller}`, 403);
      const p = iam.passwordPolicy;
      if (p === null) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${caller} cannot be found.`, 404);
      return `<PasswordPolicy>${xmlFields({
        MinimumPasswordLength: p.minimumPasswordLength, RequireSymbols: p.requireSymbols, RequireNumbers: p.requireNumbers,
        RequireUppercaseCharacters: p.requireUppercaseCharacters, RequireLowercaseCharacters: p.requireLowercaseCharacters,
        AllowUsersToChangePassword: p.allowUsersToChangePassword, ExpirePasswords: p.maxPasswordAge !== undefined,
        MaxPasswordAge: p.maxPasswordAge, PasswordReusePrevention: p.passwordReusePrevention, HardExpiry: p.hardExpiry,
      })}</PasswordPolicy>`;
    },
  },
};
