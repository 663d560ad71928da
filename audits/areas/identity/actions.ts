import type { AreaActions } from '../area';

/** The identity area's share of the audit role: IAM Identity Center permission sets, assignments, groups, users. */
export const ACTIONS: AreaActions = {
  actions: [
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
  ],
  sdkPackages: { '@aws-sdk/client-sso-admin': 'sso', '@aws-sdk/client-identitystore': 'identitystore' },
};
