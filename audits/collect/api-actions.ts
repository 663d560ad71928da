import { CORE, RUNNING_AREAS } from '../areas';

export { AUDIT_ROLE_SESSION_SECONDS, CALLER_ACTIONS } from './session';

/**
 * THE list of IAM actions the collectors call, and nothing more (least privilege): the read-only
 * audit role's policy is generated from it (stacks/audit.ts). Each area lists its share with its
 * collectors (audits/areas/<area>/actions.ts). Tests hold it to the code both ways: a scan of the
 * collectors for every SDK command and paginator, and a full audit against the sandbox recording
 * every action called; each must be here, and each here must be called. Every action is of access
 * level List or Read.
 */
export const AUDIT_ROLE_ACTIONS: readonly string[] = [...CORE.actions.actions, ...RUNNING_AREAS.flatMap((a) => a.actions.actions)];

/** IAM service prefix of each AWS SDK v3 client package the collectors may import. */
export const SDK_PACKAGE_SERVICE: Readonly<Record<string, string>> = Object.assign({}, CORE.actions.sdkPackages, ...RUNNING_AREAS.map((a) => a.actions.sdkPackages));

/** SDK operations whose IAM action has another name (S3 kept its pre-REST action names). */
const RENAMED: Readonly<Record<string, string>> = Object.assign({}, CORE.actions.renamed, ...RUNNING_AREAS.map((a) => a.actions.renamed ?? {}));

/**
 * The IAM action an SDK operation needs: `('@aws-sdk/client-s3', 'GetBucketEncryption')` ->
 * `s3:GetEncryptionConfiguration`. Undefined for a package not in SDK_PACKAGE_SERVICE.
 */
export function iamActionOf(sdkPackage: string, operation: string): string | undefined {
  const service = SDK_PACKAGE_SERVICE[sdkPackage];
  return service ? iamAction(service, operation) : undefined;
}

/**
 * The IAM action of `service:Operation` (the service's IAM prefix, which is also its SigV4 signing
 * name for every service the collectors read): `iamAction('s3', 'GetBucketEncryption')` ->
 * `s3:GetEncryptionConfiguration`. An IAM action name is returned as it is.
 */
export function iamAction(service: string, operation: string): string {
  const action = `${service}:${operation}`;
  return RENAMED[action] ?? action;
}
