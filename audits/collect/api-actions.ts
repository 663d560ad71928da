/**
 * THE list of IAM actions the collectors call, and nothing more (least privilege): the read-only
 * audit role's policy is generated from it (stacks/audit.ts). Tests hold it to the code both ways:
 * a scan of audits/collect/ for every SDK command and paginator, and a full audit against the
 * sandbox recording every action called; each must be here, and each here must be called. Every
 * action is of access level List or Read. A new collector adds its actions here with its code.
 */
export const AUDIT_ROLE_ACTIONS: readonly string[] = [
  // Organization: read in the management account (tree, policies, delegated administrators).
  'organizations:DescribeEffectivePolicy',
  'organizations:DescribeOrganization',
  'organizations:DescribePolicy',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListAccountsForParent',
  'organizations:ListDelegatedAdministrators',
  'organizations:ListDelegatedServicesForAccount',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListPolicies',
  'organizations:ListRoots',
  'organizations:ListTargetsForPolicy',
  // Account security: root MFA / access keys, password policy; centralized root access.
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountSummary',
  'iam:ListOrganizationsFeatures',
  // Logging: the organization trail, the log archive bucket and its key.
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  's3:GetBucketLogging',
  's3:GetBucketPolicy',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketVersioning',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  // Network: the transit gateway hub, its shares, the VPCs attached to it.
  'ec2:DescribeSubnets',
  'ec2:DescribeTransitGatewayAttachments',
  'ec2:DescribeTransitGatewayRouteTables',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpcs',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ram:GetResourceShareAssociations',
  'ram:GetResourceShares',
  // Identity: IAM Identity Center permission sets, assignments, groups, users.
  'sso:DescribePermissionSet',
  'sso:GetInlinePolicyForPermissionSet',
  'sso:GetPermissionsBoundaryForPermissionSet',
  'sso:ListAccountAssignments',
  'sso:ListAccountsForProvisionedPermissionSet',
  'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  'sso:ListInstances',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:ListPermissionSets',
  'identitystore:ListGroups',
  'identitystore:ListUsers',
];

/**
 * The audit role's maximum session, and what the collectors ask AssumeRole for: the IAM default
 * of one hour, also the most a chained role session may last (AssumeRole's DurationSeconds doc
 * comment in @aws-sdk/client-sts: "Role chaining limits ... role session to a maximum of one hour").
 */
export const AUDIT_ROLE_SESSION_SECONDS = 3600;

/**
 * Actions the collectors call that belong to the CALLER (the audit function's own role, or the
 * person running `lzkit audit`), never to the audit role: entering an account is not reading it,
 * and GetCallerIdentity needs no permission ("No permissions are required to perform this
 * operation", its doc comment in @aws-sdk/client-sts).
 */
export const CALLER_ACTIONS: readonly string[] = ['sts:AssumeRole', 'sts:GetCallerIdentity'];

/** IAM service prefix of each AWS SDK v3 client package the collectors may import. */
export const SDK_PACKAGE_SERVICE: Readonly<Record<string, string>> = {
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-cloudtrail': 'cloudtrail',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-kms': 'kms',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-ram': 'ram',
  '@aws-sdk/client-sso-admin': 'sso',
  '@aws-sdk/client-identitystore': 'identitystore',
};

/** SDK operations whose IAM action has another name (S3 kept its pre-REST action names). */
const RENAMED: Readonly<Record<string, string>> = {
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadBucket': 's3:ListBucket',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
};

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
