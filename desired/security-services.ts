import type { LandingZone } from '../model/landing-zone';
import { lateBoundAccountId, lateBoundOrganizationId } from '../model/late-bound';
import type { AutoEnable, ConfigDeliveryFrequency, GuardDutyProtection } from '../model/security-services';
import { securityHubStandardArn } from '../model/security-services';
import { expandTargets } from '../model/targets';
import type { PolicyStatement, SourceLocation } from '../model/types';
import { targetOf, type DesiredTarget } from './organization';
import type { LogArchiveGrants } from './types';

/*
 * GuardDuty, Security Hub, AWS Config and IAM Access Analyzer as the security-services stack
 * deploys them, from the administrator account the organization delegates them to. The
 * delegation itself (and GuardDuty's and Security Hub's own designation) is the organization's:
 * desired/organization.ts.
 */

/**
 * One GuardDuty organization feature and how members get it. Runtime Monitoring manages its
 * agents through additional configuration (OrgFeatureAdditionalConfiguration of @aws-sdk/client-guardduty).
 */
export interface DesiredGuardDutyFeature {
  readonly name: string;
  readonly autoEnable: AutoEnable;
  readonly additionalConfiguration: readonly { readonly name: string; readonly autoEnable: AutoEnable }[];
}

export interface DesiredGuardDuty {
  readonly account: string;
  /** The administrator's detector exists in every allowed region once it is designated there. */
  readonly regions: readonly string[];
  readonly autoEnableOrganizationMembers: AutoEnable;
  /** The organization's features; the administrator's own detector gets each as ENABLED or DISABLED. */
  readonly features: readonly DesiredGuardDutyFeature[];
  /** Findings exported to the log archive (bucket ARN with the prefix), encrypted with its key. */
  readonly publishing?: { readonly destinationArn: string; readonly kmsKeyArn: string; readonly source: SourceLocation };
  readonly source: SourceLocation;
  readonly featuresSource: SourceLocation;
}

export interface DesiredSecurityHub {
  readonly account: string;
  /** The aggregation (home) region: central configuration lives there. */
  readonly region: string;
  readonly aggregator: { readonly linkingMode: 'SPECIFIED_REGIONS' | 'NO_REGIONS'; readonly regions: readonly string[] };
  /** Central configuration: new accounts are configured by the policy, not auto-enabled. */
  readonly organizationConfiguration: { readonly configurationType: 'CENTRAL'; readonly autoEnable: false; readonly autoEnableStandards: 'NONE' };
  readonly policy: {
    readonly name: string;
    readonly description: string;
    readonly serviceEnabled: true;
    readonly enabledStandardArns: readonly string[];
    readonly disabledControls: readonly string[];
  };
  /** Where the policy is associated (the root, OUs, accounts). */
  readonly associations: readonly DesiredTarget[];
  /** The linked regions and the aggregation region: every allowed region. */
  readonly regions: readonly string[];
  readonly source: SourceLocation;
  readonly policySource: SourceLocation;
  readonly standardsSource: SourceLocation;
  readonly controlsSource: SourceLocation;
}

/** A recorder's settings, the same in every account (the management account's and the StackSet's). */
export interface DesiredRecorder {
  readonly name: string;
  /** Every supported resource type; global ones (IAM) only in `globalResourcesRegion`, so they are recorded once. */
  readonly allSupported: true;
  readonly globalResourcesRegion: string;
  readonly deliveryChannel: { readonly name: string; readonly bucket: string; readonly keyPrefix: string; readonly kmsKeyArn: string; readonly deliveryFrequency: ConfigDeliveryFrequency };
  /** AWS's managed policy for a recorder's role. */
  readonly roleManagedPolicyArn: string;
}

export interface DesiredConfig {
  readonly regions: readonly string[];
  readonly recorder: DesiredRecorder;
  /** The management account's recorder role (Terraform; StackSets never deploy there). */
  readonly management: { readonly account: string; readonly roleName: string };
  /** The member accounts' recorders: a service-managed StackSet (one instance per allowed region). */
  readonly members: { readonly stackSetName: string; readonly ous: readonly DesiredTarget[]; readonly excludedAccounts: readonly DesiredTarget[] };
  /** Every account (name) that records: the management account and the StackSet's accounts. */
  readonly recordingAccounts: readonly string[];
  readonly aggregator: {
    readonly account: string;
    readonly region: string;
    readonly name: string;
    readonly roleName: string;
    readonly roleManagedPolicyArn: string;
    readonly regions: readonly string[];
    readonly source: SourceLocation;
  };
  readonly source: SourceLocation;
  readonly recordersSource: SourceLocation;
}

export interface DesiredAnalyzer {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly type: 'ORGANIZATION' | 'ORGANIZATION_UNUSED_ACCESS';
  readonly unusedAccessAgeDays?: number;
  readonly source: SourceLocation;
}

export interface DesiredSecurityServices {
  /** Account (name) administering every service. */
  readonly administrator: string;
  readonly guardDuty?: DesiredGuardDuty;
  readonly securityHub?: DesiredSecurityHub;
  readonly config?: DesiredConfig;
  readonly accessAnalyzers?: readonly DesiredAnalyzer[];
}

/** GuardDuty's feature for each protection plan lzkit declares (OrgFeature of @aws-sdk/client-guardduty). */
const GUARDDUTY_FEATURE: Readonly<Record<GuardDutyProtection, { name: string; additional: readonly string[] }>> = {
  s3: { name: 'S3_DATA_EVENTS', additional: [] },
  eksAuditLogs: { name: 'EKS_AUDIT_LOGS', additional: [] },
  runtimeMonitoring: { name: 'RUNTIME_MONITORING', additional: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] },
  malwareProtection: { name: 'EBS_MALWARE_PROTECTION', additional: [] },
  rdsLoginEvents: { name: 'RDS_LOGIN_EVENTS', additional: [] },
  lambdaNetworkLogs: { name: 'LAMBDA_NETWORK_LOGS', additional: [] },
};

/** Where each service delivers in the log archive bucket. */
const GUARDDUTY_PREFIX = 'guardduty';
const CONFIG_PREFIX = 'config';
/** The recorder's name in every account (one customer managed recorder per account and region). */
export const RECORDER_NAME = 'lzkit';
export const CONFIG_RECORDER_STACKSET = 'lzkit-config-recorder';
/** AWS managed policies of the recorder's and the organization aggregator's roles (https://docs.aws.amazon.com/config/latest/developerguide/security-iam-awsmanpol.html). */
const CONFIG_ROLE_POLICY = 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole';
const AGGREGATOR_ROLE_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations';

const idOf = (lz: LandingZone, name: string): string => lz.accounts.get(name)?.id ?? lateBoundAccountId(name);

/**
 * What the log archive must allow for the security services to deliver into it: GuardDuty's
 * findings export and AWS Config's delivery channels. The logging stack's bucket and key
 * policies carry them (desired/logging.ts adds them), so the bucket policy is written once.
 */
export function securityServicesLogGrants(lz: LandingZone): LogArchiveGrants | undefined {
  const s = lz.securityServices;
  if (!s) return undefined;
  const organizationId = lz.organization.id ?? lateBoundOrganizationId();
  const adminId = idOf(lz, s.administratorAccount);
  const bucket: ((arn: string) => PolicyStatement)[] = [];
  const key: PolicyStatement[] = [];
  if (s.guardDuty?.exportFindings) {
    // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html (bucket and key policies)
    const guardduty = { Service: 'guardduty.amazonaws.com' };
    const fromAdmin = { StringEquals: { 'aws:SourceAccount': adminId }, ArnLike: { 'aws:SourceArn': `arn:aws:guardduty:*:${adminId}:detector/*` } };
    bucket.push(
      (arn) => ({ Sid: 'GuardDutyGetBucketLocation', Effect: 'Allow', Principal: guardduty, Action: 's3:GetBucketLocation', Resource: arn, Condition: fromAdmin }),
      (arn) => ({ Sid: 'GuardDutyExportFindings', Effect: 'Allow', Principal: guardduty, Action: 's3:PutObject', Resource: `${arn}/${GUARDDUTY_PREFIX}/*`, Condition: fromAdmin }),
    );
    key.push({ Sid: 'GuardDutyEncryptFindings', Effect: 'Allow', Principal: guardduty, Action: 'kms:GenerateDataKey', Resource: '*', Condition: fromAdmin });
  }
  if (s.config) {
    // https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html and
    // https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html, for every account of the organization.
    const config = { Service: 'config.amazonaws.com' };
    const fromOrganization = { StringEquals: { 'aws:SourceOrgID': organizationId } };
    bucket.push(
      (arn) => ({ Sid: 'ConfigBucketPermissionsCheck', Effect: 'Allow', Principal: config, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: arn, Condition: fromOrganization }),
      (arn) => ({ Sid: 'ConfigDelivery', Effect: 'Allow', Principal: config, Action: 's3:PutObject', Resource: `${arn}/${CONFIG_PREFIX}/AWSLogs/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': organizationId } } }),
    );
    key.push({ Sid: 'ConfigDeliveryEncrypt', Effect: 'Allow', Principal: config, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: fromOrganization });
  }
  return bucket.length ? { bucket: (arn) => bucket.map((b) => b(arn)), key } : undefined;
}

/** The security services as the security-services stack deploys them; `archive` is the log archive they deliver to. */
export function desiredSecurityServices(lz: LandingZone, archive: { bucket: string; bucketArn: string; kmsKeyArn: string } | undefined): DesiredSecurityServices | undefined {
  const s = lz.securityServices;
  if (!s) return undefined;
  const o = lz.organization;
  const admin = s.administratorAccount;
  const regions = [...o.allowedRegions];
  const out: { -readonly [K in keyof DesiredSecurityServices]: DesiredSecurityServices[K] } = { administrator: admin };

  if (s.guardDuty) {
    const g = s.guardDuty;
    const declared = (Object.keys(GUARDDUTY_FEATURE) as GuardDutyProtection[]).filter((p) => g.protection[p] !== undefined);
    out.guardDuty = {
      account: admin, regions, autoEnableOrganizationMembers: g.autoEnable,
      features: declared.map((p) => {
        const autoEnable: AutoEnable = g.protection[p] ? g.autoEnable : 'NONE';
        return { name: GUARDDUTY_FEATURE[p].name, autoEnable, additionalConfiguration: GUARDDUTY_FEATURE[p].additional.map((name) => ({ name, autoEnable })) };
      }),
      publishing: g.exportFindings && archive
        ? { destinationArn: `${archive.bucketArn}/${GUARDDUTY_PREFIX}/`, kmsKeyArn: archive.kmsKeyArn, source: g.exportSource }
        : undefined,
      source: g.source, featuresSource: g.protectionSource,
    };
  }

  if (s.securityHub) {
    const h = s.securityHub;
    const p = h.configurationPolicy;
    const linked = regions.filter((r) => r !== h.aggregationRegion);
    out.securityHub = {
      account: admin, region: h.aggregationRegion,
      aggregator: { linkingMode: linked.length ? 'SPECIFIED_REGIONS' : 'NO_REGIONS', regions: linked },
      organizationConfiguration: { configurationType: 'CENTRAL', autoEnable: false, autoEnableStandards: 'NONE' },
      policy: {
        name: p.name, description: p.description, serviceEnabled: true,
        enabledStandardArns: p.standards.map((std) => securityHubStandardArn(std, h.aggregationRegion)), disabledControls: [...p.disabledControls],
      },
      associations: [...(p.targets.ous ?? []).map((ou) => targetOf(lz, 'ou', ou)), ...(p.targets.accounts ?? []).map((a) => targetOf(lz, 'account', a))],
      regions: [h.aggregationRegion, ...linked],
      source: h.source, policySource: p.source, standardsSource: p.standardsSource, controlsSource: p.controlsSource,
    };
  }

  if (s.config && archive) {
    const c = s.config;
    const members = expandTargets(lz, c.recorderTargets).filter((a) => !a.isManagement).map((a) => a.name);
    out.config = {
      regions,
      recorder: {
        name: RECORDER_NAME, allSupported: true, globalResourcesRegion: o.homeRegion,
        deliveryChannel: { name: RECORDER_NAME, bucket: archive.bucket, keyPrefix: CONFIG_PREFIX, kmsKeyArn: archive.kmsKeyArn, deliveryFrequency: c.deliveryFrequency },
        roleManagedPolicyArn: CONFIG_ROLE_POLICY,
      },
      management: { account: o.managementAccount, roleName: 'lzkit-config-recorder' },
      members: {
        stackSetName: CONFIG_RECORDER_STACKSET,
        ous: (c.recorderTargets.ous ?? []).map((ou) => targetOf(lz, 'ou', ou)),
        excludedAccounts: (c.recorderTargets.excludeAccounts ?? []).map((a) => targetOf(lz, 'account', a)),
      },
      recordingAccounts: [o.managementAccount, ...members].sort(),
      aggregator: {
        account: admin, region: o.homeRegion, name: c.aggregatorName, roleName: 'lzkit-config-aggregator',
        roleManagedPolicyArn: AGGREGATOR_ROLE_POLICY, regions, source: c.aggregatorSource,
      },
      source: c.source, recordersSource: c.recordersSource,
    };
  }

  if (s.accessAnalyzer) {
    const a = s.accessAnalyzer;
    out.accessAnalyzers = [
      ...regions.map((region): DesiredAnalyzer => ({ account: admin, region, name: a.name, type: 'ORGANIZATION', source: a.source })),
      ...(a.unusedAccess ? [{
        account: admin, region: o.homeRegion, name: a.unusedAccess.name, type: 'ORGANIZATION_UNUSED_ACCESS' as const,
        unusedAccessAgeDays: a.unusedAccess.days, source: a.unusedAccess.source,
      }] : []),
    ];
  }
  return out;
}
