import {
  AccessanalyzerAnalyzer, ConfigConfigurationAggregator, DataAwsGuarddutyDetector, GuarddutyDetectorFeature, GuarddutyOrganizationConfiguration,
  GuarddutyOrganizationConfigurationFeature, GuarddutyPublishingDestination, IamRole, IamRolePolicyAttachment, SecurityhubConfigurationPolicy,
  SecurityhubConfigurationPolicyAssociation, SecurityhubFindingAggregator, SecurityhubOrganizationConfiguration,
} from './aws';
import type { AwsProvider } from './aws';
import type { DesiredConfig, DesiredGuardDuty, DesiredSecurityHub } from '../desired';
import type { Account } from '../model';
import { landingZoneStack } from './backend';
import { TerraformStack } from './cdktf';
import { accountIdOf } from './constructs/account-refs';
import { ConfigRecorders } from './constructs/config-recorders';
import { logicalId } from './constructs/logical-id';
import { policyJson } from './constructs/policy-document';
import { traceToDeclaration } from './constructs/provenance';
import type { StackContext } from './context';
import { DELEGATED_ADMINISTRATORS_STACK } from './delegated-administrators';
import { defaultProvider, providerFor } from './providers';
import { inStacks } from './resolve';

export const SECURITY_SERVICES_STACK = 'security-services';

/**
 * The security-services stack. In the administrator account, per allowed region: GuardDuty's
 * organization configuration and features on the detector its designation created, the findings
 * export to the log archive, and the organization's Access Analyzer; in the aggregation region
 * Security Hub's finding aggregator, central configuration and configuration policy with its
 * associations, and the AWS Config organization aggregator. Recorders in every recording account
 * and allowed region (stacks/constructs/config-recorders.ts). The administrator is designated by
 * the delegated-administrators stack (organization.yaml delegatedAdministrators), which deploys first.
 */
export function securityServicesStack(ctx: StackContext): void {
  const { lz } = ctx;
  if (!ctx.desired.securityServices) return;
  const desired = inStacks(ctx, ctx.desired.securityServices);
  const admin = lz.accounts.get(desired.administrator);
  if (!admin) throw new Error(`lzkit: security services administrator '${desired.administrator}' is not in the model (validation should have caught this)`);

  const stack = landingZoneStack(ctx.app, lz, SECURITY_SERVICES_STACK);
  // Every call here is the administrator's: designated first, though no reference orders the stacks.
  const designations = ctx.app.node.tryFindChild(DELEGATED_ADMINISTRATORS_STACK);
  if (designations instanceof TerraformStack) stack.addDependency(designations);
  const management = defaultProvider(stack, lz);
  const adminIn = (region: string): AwsProvider => providerFor(stack, lz, admin, (a) => accountIdOf(ctx, a.name), region);

  if (desired.guardDuty) guardDuty(stack, desired.guardDuty, adminIn);
  if (desired.securityHub) securityHub(stack, desired.securityHub, adminIn(desired.securityHub.region));
  if (desired.config) config(ctx, stack, desired.config, management, adminIn);
  for (const a of desired.accessAnalyzers ?? []) {
    // An organization analyzer per region, from the delegated administrator:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html#access-analyzer-enabling
    const id = logicalId(a.type === 'ORGANIZATION' ? 'access_analyzer' : 'access_analyzer_unused', [a.region]);
    const analyzer = new AccessanalyzerAnalyzer(stack, id, {
      provider: adminIn(a.region), analyzerName: a.name, type: a.type,
      ...(a.unusedAccessAgeDays ? { configuration: { unusedAccess: { unusedAccessAge: a.unusedAccessAgeDays } } } : {}),
    });
    analyzer.overrideLogicalId(id);
    traceToDeclaration(analyzer, a.source);
  }
}

/**
 * GuardDuty from the administrator's detector in each region: designating the administrator
 * enables GuardDuty there (https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html),
 * so the detector is looked up, not created; the organization configuration auto-enables the
 * members and their features (https://docs.aws.amazon.com/guardduty/latest/ug/set-guardduty-auto-enable-preferences.html).
 */
function guardDuty(stack: TerraformStack, g: DesiredGuardDuty, adminIn: (region: string) => AwsProvider): void {
  for (const region of g.regions) {
    const provider = adminIn(region);
    const id = logicalId('guardduty', [region]);
    const detector = new DataAwsGuarddutyDetector(stack, id, { provider });
    detector.overrideLogicalId(id);
    const organization = new GuarddutyOrganizationConfiguration(stack, `${id}-organization`, {
      provider, detectorId: detector.id, autoEnableOrganizationMembers: g.autoEnableOrganizationMembers,
    });
    organization.overrideLogicalId(id);
    traceToDeclaration(organization, g.source);
    for (const f of g.features) {
      const fid = logicalId('guardduty', [region, f.name.toLowerCase().replace(/_/g, '-')]);
      const feature = new GuarddutyOrganizationConfigurationFeature(stack, `${fid}-organization`, {
        provider, detectorId: detector.id, name: f.name, autoEnable: f.autoEnable,
        additionalConfiguration: f.additionalConfiguration.map((a) => ({ name: a.name, autoEnable: a.autoEnable })),
        dependsOn: [organization],
      });
      feature.overrideLogicalId(fid);
      // The administrator's own detector is not a member: its features are set on it directly.
      const status = (on: string) => (on === 'NONE' ? 'DISABLED' : 'ENABLED');
      const own = new GuarddutyDetectorFeature(stack, `${fid}-administrator`, {
        provider, detectorId: detector.id, name: f.name, status: status(f.autoEnable),
        additionalConfiguration: f.additionalConfiguration.map((a) => ({ name: a.name, status: status(a.autoEnable) })),
      });
      own.overrideLogicalId(fid);
      traceToDeclaration(feature, g.featuresSource);
      traceToDeclaration(own, g.featuresSource);
    }
    if (g.publishing) {
      // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html: the bucket and key policies are the logging stack's.
      const destination = new GuarddutyPublishingDestination(stack, `${id}-publishing`, {
        provider, detectorId: detector.id, destinationType: 'S3', destinationArn: g.publishing.destinationArn, kmsKeyArn: g.publishing.kmsKeyArn,
      });
      destination.overrideLogicalId(id);
      traceToDeclaration(destination, g.publishing.source);
    }
  }
}

/**
 * Security Hub central configuration from the aggregation region: the finding aggregator (central
 * configuration needs one), the organization configuration of type CENTRAL, the policy and its
 * associations (https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html).
 */
function securityHub(stack: TerraformStack, h: DesiredSecurityHub, provider: AwsProvider): void {
  const aggregator = new SecurityhubFindingAggregator(stack, 'securityhub', {
    provider, linkingMode: h.aggregator.linkingMode, ...(h.aggregator.regions.length ? { specifiedRegions: [...h.aggregator.regions] } : {}),
  });
  aggregator.overrideLogicalId('securityhub');
  const organization = new SecurityhubOrganizationConfiguration(stack, 'securityhub-organization', {
    provider, autoEnable: h.organizationConfiguration.autoEnable, autoEnableStandards: h.organizationConfiguration.autoEnableStandards,
    organizationConfiguration: { configurationType: h.organizationConfiguration.configurationType },
    dependsOn: [aggregator],
  });
  organization.overrideLogicalId('securityhub');
  const policy = new SecurityhubConfigurationPolicy(stack, 'securityhub-policy', {
    provider, name: h.policy.name, description: h.policy.description,
    configurationPolicy: {
      serviceEnabled: h.policy.serviceEnabled, enabledStandardArns: [...h.policy.enabledStandardArns],
      securityControlsConfiguration: { disabledControlIdentifiers: [...h.policy.disabledControls] },
    },
    dependsOn: [organization],
  });
  policy.overrideLogicalId('securityhub');
  traceToDeclaration(aggregator, h.source);
  traceToDeclaration(organization, h.source);
  traceToDeclaration(policy, h.policySource);
  for (const t of h.associations) {
    const id = logicalId('securityhub', [t.kind, ...t.name.split('/')]);
    const association = new SecurityhubConfigurationPolicyAssociation(stack, id, { provider, targetId: t.id, policyId: policy.id });
    association.overrideLogicalId(id);
    traceToDeclaration(association, h.policySource);
  }
}

/** The recorders everywhere, and the organization aggregator in the administrator account. */
function config(ctx: StackContext, stack: TerraformStack, c: DesiredConfig, management: AwsProvider, adminIn: (region: string) => AwsProvider): void {
  const { lz } = ctx;
  const mgmt = lz.accounts.get(lz.organization.managementAccount) as Account;
  const managementProviders = new Map(c.regions.map((r) => [r, r === lz.organization.homeRegion ? management : providerFor(stack, lz, mgmt, (a) => a.id ?? '', r)]));
  const recorders = new ConfigRecorders(stack, 'ConfigRecorders', {
    config: c, managementProviders, homeRegion: lz.organization.homeRegion,
    organizationalUnitIds: c.members.ous.map((t) => t.id), excludeAccountIds: c.members.excludedAccounts.map((t) => t.id),
  });
  traceToDeclaration(recorders, c.recordersSource);

  // An organization aggregator needs a role with AWSConfigRoleForOrganizations:
  // https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html#add-an-aggregator-organization-cli
  const a = c.aggregator;
  const provider = adminIn(a.region);
  const role = new IamRole(stack, 'config-aggregator-role', {
    provider, name: a.roleName, description: 'Role the lzkit AWS Config organization aggregator reads the organization with',
    assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
  });
  role.overrideLogicalId('config_aggregator');
  const attachment = new IamRolePolicyAttachment(stack, 'config-aggregator-policy', { provider, role: role.name, policyArn: a.roleManagedPolicyArn });
  attachment.overrideLogicalId('config_aggregator');
  const aggregator = new ConfigConfigurationAggregator(stack, 'config-aggregator', {
    provider, name: a.name,
    organizationAggregationSource: { allRegions: false, regions: [...a.regions], roleArn: role.arn },
    dependsOn: [attachment],
  });
  aggregator.overrideLogicalId('config_aggregator');
  for (const r of [role, attachment, aggregator]) traceToDeclaration(r, a.source);
}
