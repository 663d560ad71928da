import type { AreaActions } from '../area';

/** The organization core's share of the audit role: Organizations in the management account, IAM in every account. */
export const ACTIONS: AreaActions = {
  actions: [
    // The tree, policies, delegated administrators and effective policies (management account).
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
  ],
  sdkPackages: { '@aws-sdk/client-organizations': 'organizations', '@aws-sdk/client-iam': 'iam', '@aws-sdk/client-sts': 'sts' },
};
