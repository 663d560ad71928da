import { isNotRead } from '../../../readable';
import { AccessDenied, AwsError, xmlFields } from '../../../sandbox/protocol';
import type { QueryCaller, QueryHandler } from '../../../sandbox/service';
import { served, type SandboxWorld } from '../../../sandbox/world';

/** STS's own bounds of DurationSeconds (AssumeRole's doc comment in @aws-sdk/client-sts: "from 900 seconds (15 minutes) up to the maximum session duration set for the role", at most 12 hours). */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43200;
/** "Role chaining limits your ... role session to a maximum of one hour" (the same doc comment). */
const CHAINED_SESSION_SECONDS = 3600;

const validation = (value: string, constraint: string): AwsError =>
  new AwsError('ValidationError', `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: ${constraint}`);

/** STS operations the collectors call (query protocol; the result element's inner XML). */
export const STS_OPERATIONS: Readonly<Record<string, QueryHandler>> = {
  AssumeRole: (w, params, caller) => {
    const arn = params.get('RoleArn') ?? '';
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(arn);
    if (!m) throw new AwsError('ValidationError', `1 validation error detected: Value '${arn}' at 'roleArn' failed to satisfy constraint`);
    const [, accountId, roleName] = m;
    const sessionName = params.get('RoleSessionName') ?? '';
    if (!sessionName) throw new AwsError('ValidationError', "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
    const asked = params.get('DurationSeconds');
    const duration = asked === null ? 3600 : Number(asked);
    if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS) throw validation(String(asked), `Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`);
    if (duration > MAX_SESSION_SECONDS) throw validation(String(asked), `Member must have value less than or equal to ${MAX_SESSION_SECONDS}`);
    if (duration > w.roleMaxSessionSeconds || (caller.session && duration > CHAINED_SESSION_SECONDS)) {
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    if (caller.accountId !== w.managementAccountId || !w.canEnter(accountId)) {
      throw new AwsError('AccessDenied', `User: ${callerArn(w, caller)} is not authorized to perform: sts:AssumeRole on resource: ${arn}`, 403);
    }
    const c = w.issue(accountId, roleName, sessionName, duration);
    return `<Credentials>${xmlFields({ AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(c.expiration).toISOString() })}</Credentials>`
      + `<AssumedRoleUser>${xmlFields({ AssumedRoleId: `AROA${accountId}:${sessionName}`, Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}` })}</AssumedRoleUser>`;
  },
  // As GetCallerIdentity's doc comment examples show: a user's ARN, or for an AssumeRole session
  // `arn:aws:sts::<account>:assumed-role/<role>/<session>` with UserId `<role id>:<session>`.
  GetCallerIdentity: (w, _params, caller) => (caller.session
    ? xmlFields({ UserId: `AROA${caller.accountId}:${caller.session.sessionName}`, Account: caller.accountId, Arn: callerArn(w, caller) })
    : xmlFields({ UserId: 'AIDALZKITSANDBOX', Account: caller.accountId, Arn: callerArn(w, caller) })),
};

/** IAM operations the collectors call. */
export const IAM_OPERATIONS: Readonly<Record<string, QueryHandler>> = {
  GetAccountSummary: (w, _params, caller) => {
    const s = served(iamOf(w, caller.accountId, 'iam:GetAccountSummary').summary, 'iam:GetAccountSummary');
    const entries: Record<string, number> = {
      AccountMFAEnabled: s.accountMfaEnabled ? 1 : 0, AccountAccessKeysPresent: s.accountAccessKeysPresent ? 1 : 0,
      AccountPasswordPresent: s.accountPasswordPresent === false ? 0 : 1, Users: 0, Roles: 3, Policies: 0,
    };
    return `<SummaryMap>${Object.entries(entries).map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`).join('')}</SummaryMap>`;
  },
  // As the IAM API reference documents it: the management account (or a delegated administrator)
  // only; ServiceAccessNotEnabledException while IAM has no trusted access.
  ListOrganizationsFeatures: (w, _params, caller) => {
    if (caller.accountId !== w.managementAccountId) {
      throw new AwsError('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.', 400);
    }
    const features = w.snapshot.rootAccess === undefined ? { enabledFeatures: [] } : served(w.snapshot.rootAccess, 'iam:ListOrganizationsFeatures');
    const trusted = Array.isArray(w.snapshot.trustedServices) && w.snapshot.trustedServices.includes('iam.amazonaws.com');
    if (!trusted) throw new AwsError('ServiceAccessNotEnabledException', 'The request was rejected because trusted access is not enabled for IAM in Organizations.', 400);
    return xmlFields({ OrganizationId: w.snapshot.organization.id })
      + `<EnabledFeatures>${features.enabledFeatures.map((f) => `<member>${f}</member>`).join('')}</EnabledFeatures>`;
  },
  GetAccountPasswordPolicy: (w, _params, caller) => {
    const p = served(iamOf(w, caller.accountId, 'iam:GetAccountPasswordPolicy').passwordPolicy, 'iam:GetAccountPasswordPolicy');
    if (p === null) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${caller.accountId} cannot be found.`, 404);
    return `<PasswordPolicy>${xmlFields({
      MinimumPasswordLength: p.minimumPasswordLength, RequireSymbols: p.requireSymbols, RequireNumbers: p.requireNumbers,
      RequireUppercaseCharacters: p.requireUppercaseCharacters, RequireLowercaseCharacters: p.requireLowercaseCharacters,
      AllowUsersToChangePassword: p.allowUsersToChangePassword, ExpirePasswords: p.maxPasswordAge !== undefined,
      MaxPasswordAge: p.maxPasswordAge, PasswordReusePrevention: p.passwordReusePrevention, HardExpiry: p.hardExpiry,
    })}</PasswordPolicy>`;
  },
};

function callerArn(w: SandboxWorld, caller: QueryCaller): string {
  return caller.session ? `arn:aws:sts::${caller.accountId}:assumed-role/${caller.session.roleName}/${caller.session.sessionName}` : `arn:aws:iam::${w.managementAccountId}:user/lzkit`;
}

/** The IAM state of the calling account; denied when the snapshot holds none (it could not read the account). */
function iamOf(w: SandboxWorld, accountId: string, operation: string) {
  const state = w.snapshot.accountStates[accountId];
  if (!state || isNotRead(state)) throw new AccessDenied(operation);
  return state.iam;
}
