import { compared, locates, unchecked, type Coverage } from '../../drift/coverage-entry';

const RECORDER_SETTINGS = 'DescribeConfigurationRecorders and DescribeDeliveryChannels are not called: they would cost two more calls per account and region; the recorder\'s status is compared';

/** What the audit does with each property of the security services (drift/coverage.ts joins every area's). */
export const COVERAGE: readonly Coverage[] = [
  locates('securityServices.administrator'),
  // GuardDuty, per region, from the administrator's detector
  locates('securityServices.guardDuty.account'),
  compared('securityServices.guardDuty.regions'),
  compared('securityServices.guardDuty.autoEnableOrganizationMembers'),
  locates('securityServices.guardDuty.features[].name'),
  compared('securityServices.guardDuty.features[].autoEnable'),
  compared('securityServices.guardDuty.features[].additionalConfiguration'),
  compared('securityServices.guardDuty.publishing.destinationArn'),
  compared('securityServices.guardDuty.publishing.kmsKeyArn'),
  // Security Hub central configuration, from the aggregation region
  locates('securityServices.securityHub.account'),
  locates('securityServices.securityHub.region'),
  compared('securityServices.securityHub.aggregator'),
  compared('securityServices.securityHub.organizationConfiguration.configurationType'),
  unchecked('securityServices.securityHub.organizationConfiguration.autoEnable', 'central configuration decides through the policy; the auto-enable flags are what it sets them to'),
  unchecked('securityServices.securityHub.organizationConfiguration.autoEnableStandards', 'central configuration decides through the policy; the auto-enable flags are what it sets them to'),
  locates('securityServices.securityHub.policy.name'),
  unchecked('securityServices.securityHub.policy.description', 'metadata: the policy\'s settings decide what it does'),
  compared('securityServices.securityHub.policy.serviceEnabled'),
  compared('securityServices.securityHub.policy.enabledStandardArns'),
  compared('securityServices.securityHub.policy.disabledControls'),
  compared('securityServices.securityHub.associations[]'),
  compared('securityServices.securityHub.regions'),
  // AWS Config: each account's recorder status, the organization aggregator
  compared('securityServices.config.regions'),
  locates('securityServices.config.recorder.name'),
  unchecked('securityServices.config.recorder.allSupported', RECORDER_SETTINGS),
  unchecked('securityServices.config.recorder.globalResourcesRegion', RECORDER_SETTINGS),
  unchecked('securityServices.config.recorder.deliveryChannel', RECORDER_SETTINGS),
  unchecked('securityServices.config.recorder.roleManagedPolicyArn', 'the recorders\' roles are not read'),
  locates('securityServices.config.management'),
  unchecked('securityServices.config.members', 'the StackSet itself is not read; the recorders it deploys are, in every recording account'),
  compared('securityServices.config.recordingAccounts'),
  locates('securityServices.config.aggregator.account'),
  locates('securityServices.config.aggregator.region'),
  locates('securityServices.config.aggregator.name'),
  compared('securityServices.config.aggregator.roleName'),
  unchecked('securityServices.config.aggregator.roleManagedPolicyArn', 'the aggregator role\'s policies are not read'),
  compared('securityServices.config.aggregator.regions'),
  // IAM Access Analyzer
  locates('securityServices.accessAnalyzers[].account'),
  locates('securityServices.accessAnalyzers[].region'),
  locates('securityServices.accessAnalyzers[].name'),
  compared('securityServices.accessAnalyzers[].type'),
  compared('securityServices.accessAnalyzers[].unusedAccessAgeDays'),
];
