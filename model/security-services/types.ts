import type { SourceLocation, Targets } from '../types';

/** GuardDuty's auto-enable setting for organization members and their features (AutoEnableMembers / OrgFeatureStatus of @aws-sdk/client-guardduty). */
export type AutoEnable = 'ALL' | 'NEW' | 'NONE';

/** The protection plans lzkit declares, each one of GuardDuty's organization features. */
export type GuardDutyProtection = 's3' | 'eksAuditLogs' | 'runtimeMonitoring' | 'malwareProtection' | 'rdsLoginEvents' | 'lambdaNetworkLogs';

export interface GuardDutyDeclaration {
  /** Who GuardDuty enables: every member (ALL), accounts that join from now on (NEW), nobody (NONE). */
  readonly autoEnable: AutoEnable;
  /** Each protection plan declared, on (true) or off (false); undeclared ones are left as they are. */
  readonly protection: Readonly<Partial<Record<GuardDutyProtection, boolean>>>;
  /** Findings exported to the log archive bucket, encrypted with its key. */
  readonly exportFindings: boolean;
  readonly source: SourceLocation;
  readonly protectionSource: SourceLocation;
  readonly exportSource: SourceLocation;
}

export interface SecurityHubDeclaration {
  /** Where findings of every linked region are aggregated and central configuration is managed. */
  readonly aggregationRegion: string;
  readonly configurationPolicy: {
    readonly name: string;
    readonly description: string;
    /** Standard identifiers (`aws-foundational-security-best-practices/v/1.0.0`). */
    readonly standards: readonly string[];
    /** Security control ids turned off (`IAM.6`). */
    readonly disabledControls: readonly string[];
    /** Where the policy is associated: the root, OUs, accounts (below them inherit it). */
    readonly targets: Targets;
    readonly source: SourceLocation;
    readonly standardsSource: SourceLocation;
    readonly controlsSource: SourceLocation;
  };
  readonly source: SourceLocation;
}

/** Config's delivery frequencies (MaximumExecutionFrequency of @aws-sdk/client-config-service). */
export type ConfigDeliveryFrequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';

export interface ConfigDeclaration {
  readonly deliveryFrequency: ConfigDeliveryFrequency;
  /** Member accounts that get a recorder (a service-managed StackSet: OUs, less excluded accounts); the management account always does. */
  readonly recorderTargets: Targets;
  readonly aggregatorName: string;
  readonly source: SourceLocation;
  readonly recordersSource: SourceLocation;
  readonly aggregatorSource: SourceLocation;
}

export interface AccessAnalyzerDeclaration {
  /** The organization analyzer's name (one per allowed region). */
  readonly name: string;
  /** The organization's unused-access analyzer (home region), when declared. */
  readonly unusedAccess?: { readonly name: string; readonly days: number; readonly source: SourceLocation };
  readonly source: SourceLocation;
}

/** accounts/security-services.yaml, validated, defaults applied. */
export interface SecurityServicesDeclaration {
  /** Account (name) administering every service: the delegated administrator organization.yaml registers. */
  readonly administratorAccount: string;
  readonly guardDuty?: GuardDutyDeclaration;
  readonly securityHub?: SecurityHubDeclaration;
  readonly config?: ConfigDeclaration;
  readonly accessAnalyzer?: AccessAnalyzerDeclaration;
  readonly source: SourceLocation;
}
