import { isConditionKey } from '../iam-grammar';
import { SimulationError } from './types';

/**
 * `aws:PrincipalType` as AWS sets it: Account (a root user), User (an IAM user), FederatedUser,
 * AssumedRole, Anonymous; lzkit adds AWSService for a service principal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype
 */
export type PrincipalType = 'Account' | 'User' | 'FederatedUser' | 'AssumedRole' | 'Anonymous' | 'AWSService';

/** Who makes the request, as the authorization context sees it. */
export interface RequestPrincipal {
  /** What the request is signed as (role, session, user, root ARN or service principal); `anonymous` for none. */
  readonly arn: string;
  /** `aws:PrincipalArn`: for an assumed-role session, the role's ARN; absent for an anonymous caller. */
  readonly principalArn?: string;
  /** 12-digit account id; absent for a service principal and an anonymous caller. */
  readonly accountId?: string;
  readonly type: PrincipalType;
  /** A service principal (`cloudtrail.amazonaws.com`): SCPs do not apply to it. */
  readonly service?: string;
  /** A service-linked role or a session of one: SCPs do not apply to it. */
  readonly serviceLinked: boolean;
  /** Signed with temporary credentials (a role session, a federated user), where AWS sets aws:MultiFactorAuthPresent. */
  readonly temporaryCredentials: boolean;
  /** `aws:username`, for an IAM user. */
  readonly userName?: string;
}

/** A role in the account that is neither the deployment nor the break-glass role. */
export const DEFAULT_ROLE_NAME = 'lzkit-simulated-role';

/** The unauthenticated caller of `--anonymous`. */
export const ANONYMOUS: RequestPrincipal = Object.freeze({ arn: 'anonymous', type: 'Anonymous', serviceLinked: false, temporaryCredentials: false });

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}):(.+)$/;
const SERVICE = /^([a-z0-9-]+(\.[a-z0-9-]+)*)\.amazonaws\.com$/;
/**
 * Service-linked roles live under the `aws-service-role/` path and are named AWSServiceRoleFor...;
 * a session ARN keeps only the name, so the name tells a session of one apart.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
const SERVICE_LINKED_NAME = /^AWSServiceRoleFor/;

/**
 * Reads `--principal`: a role/user/root/assumed-role ARN, a service principal, or a short role
 * name in `accountId`. Anything else is a MALFORMED_ARN error.
 */
export function parsePrincipal(input: string | undefined, accountId: string): RequestPrincipal {
  const value = (input ?? DEFAULT_ROLE_NAME).trim();
  if (SERVICE.test(value)) return { arn: value, principalArn: value, type: 'AWSService', service: value, serviceLinked: false, temporaryCredentials: false };
  if (!value.startsWith('arn:')) {
    if (!ROLE_NAME.test(value)) throw new SimulationError('MALFORMED_ARN', `principal '${value}' is neither an ARN, a service principal nor a role name`);
    return role(`arn:aws:iam::${accountId}:role/${value}`, accountId, value);
  }
  const m = ARN.exec(value);
  if (!m) throw new SimulationError('MALFORMED_ARN', `principal '${value}' is not an IAM ARN; expected arn:aws:iam::<12-digit id>:role/NAME (or user/NAME, root, or an sts assumed-role ARN)`);
  const [, partition, service, id, rest] = m;
  const longTerm = { serviceLinked: false, temporaryCredentials: false };
  if (service === 'iam' && rest === 'root') return { arn: value, principalArn: value, accountId: id, type: 'Account', ...longTerm };
  if (service === 'iam' && /^role\/(.+\/)?[\w+=,.@-]+$/.test(rest)) return role(value, id, rest.slice('role/'.length));
  if (service === 'iam' && /^user\/(.+\/)?[\w+=,.@-]+$/.test(rest)) {
    return { arn: value, principalArn: value, accountId: id, type: 'User', userName: rest.slice(rest.lastIndexOf('/') + 1), ...longTerm };
  }
  const session = /^assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/.exec(rest);
  if (service === 'sts' && session) {
    // AWS puts the role's ARN (with the path dropped) in aws:PrincipalArn for a role session.
    const roleArn = `arn:${partition}:iam::${id}:role/${session[1]}`;
    return { ...role(roleArn, id, session[1]), arn: value };
  }
  if (service === 'sts' && /^federated-user\/[\w+=,.@-]+$/.test(rest)) {
    return { arn: value, principalArn: value, accountId: id, type: 'FederatedUser', serviceLinked: false, temporaryCredentials: true };
  }
  throw new SimulationError('MALFORMED_ARN', `principal '${value}' is not a role, user, root, assumed-role or federated-user ARN`);
}

/** A role acts through a session: temporary credentials, aws:PrincipalType AssumedRole. */
function role(arn: string, accountId: string, pathAndName: string): RequestPrincipal {
  const name = pathAndName.slice(pathAndName.lastIndexOf('/') + 1);
  const serviceLinked = pathAndName.startsWith('aws-service-role/') || SERVICE_LINKED_NAME.test(name);
  return { arn, principalArn: arn, accountId, type: 'AssumedRole', serviceLinked, temporaryCredentials: true };
}

/** `--resource`: `*` or an ARN with its six parts. */
export function checkResource(resource: string): string {
  if (resource === '*') return resource;
  if (!/^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws|\*)?:.+$/.test(resource)) {
    throw new SimulationError('MALFORMED_ARN', `resource '${resource}' is not an ARN; expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (or '*')`);
  }
  return resource;
}

/** `--context` keys are condition keys: `aws:SecureTransport`, `s3:x-amz-acl`, `aws:PrincipalTag/team`. */
export function checkContextKey(key: string): void {
  if (!isConditionKey(key)) {
    throw new SimulationError('MALFORMED_CONTEXT', `context key '${key}' is not a condition key; expected SERVICE:Name such as aws:SecureTransport`);
  }
}
