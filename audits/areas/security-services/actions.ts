import type { AreaActions } from '../area';

/**
 * The security services' share of the audit role: the administrator's organization-wide reads of
 * GuardDuty, Security Hub, the Config aggregator and Access Analyzer, and each account's Config
 * recorder status.
 */
export const ACTIONS: AreaActions = {
  actions: [
    'guardduty:DescribeOrganizationConfiguration',
    'guardduty:DescribePublishingDestination',
    'guardduty:GetDetector',
    'guardduty:ListDetectors',
    'guardduty:ListMembers',
    'guardduty:ListPublishingDestinations',
    'securityhub:DescribeOrganizationConfiguration',
    'securityhub:GetConfigurationPolicy',
    'securityhub:GetFindingAggregator',
    'securityhub:ListConfigurationPolicies',
    'securityhub:ListConfigurationPolicyAssociations',
    'securityhub:ListFindingAggregators',
    'securityhub:ListMembers',
    'config:DescribeConfigurationAggregators',
    'config:DescribeConfigurationRecorderStatus',
    'access-analyzer:ListAnalyzers',
  ],
  sdkPackages: {
    '@aws-sdk/client-guardduty': 'guardduty', '@aws-sdk/client-securityhub': 'securityhub',
    '@aws-sdk/client-config-service': 'config', '@aws-sdk/client-accessanalyzer': 'access-analyzer',
  },
};
