import type { Readable } from '../../readable';

/**
 * The security services area of the snapshot: what the administrator account sees of GuardDuty,
 * Security Hub, AWS Config and IAM Access Analyzer for the whole organization (read once, per
 * region, from the organization-wide APIs), and each account's Config recorders (read inside the
 * account, `accountStates[id].securityServices`). A service the declaration does not have is absent.
 */

/** A member account as the administrator's ListMembers answers (GuardDuty RelationshipStatus, Security Hub MemberStatus). */
export interface LiveMember {
  readonly accountId: string;
  readonly status: string;
}

export interface LiveFeature {
  readonly name: string;
  /** ENABLED / DISABLED (a detector's own), ALL / NEW / NONE (the organization's auto-enable). */
  readonly status: string;
  readonly additional: readonly { readonly name: string; readonly status: string }[];
}

export interface LivePublishingDestination {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly destinationArn?: string;
  readonly kmsKeyArn?: string;
}

export interface LiveDetector {
  readonly id: string;
  /** GetDetector: ENABLED or DISABLED (suspended), and the administrator's own features. */
  readonly detector: Readable<{ readonly status: string; readonly features: readonly LiveFeature[] }>;
  /** DescribeOrganizationConfiguration. */
  readonly organization: Readable<{ readonly autoEnableOrganizationMembers?: string; readonly features: readonly LiveFeature[] }>;
  /** ListPublishingDestinations and DescribePublishingDestination of each. */
  readonly destinations: Readable<readonly LivePublishingDestination[]>;
  /** ListMembers (associated only). */
  readonly members: Readable<readonly LiveMember[]>;
}

export interface LiveGuardDutyRegion {
  readonly region: string;
  /** The administrator's detector in the region (ListDetectors); null: there is none. */
  readonly detector: Readable<LiveDetector | null>;
}

export interface LiveConfigurationPolicy {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly serviceEnabled?: boolean;
  readonly enabledStandardArns: readonly string[];
  readonly disabledControls: readonly string[];
}

export interface LivePolicyAssociation {
  readonly policyId: string;
  readonly targetId: string;
  readonly targetType?: string;
  readonly status?: string;
}

export interface LiveSecurityHub {
  /** The aggregation region the administrator manages central configuration from. */
  readonly region: string;
  readonly organization: Readable<{ readonly configurationType?: string; readonly status?: string; readonly autoEnable?: boolean; readonly autoEnableStandards?: string }>;
  /** The finding aggregator of the region; null: there is none. */
  readonly aggregator: Readable<{ readonly arn: string; readonly regionLinkingMode?: string; readonly regions: readonly string[] } | null>;
  readonly policies: Readable<readonly LiveConfigurationPolicy[]>;
  /** The associations applied directly to a target (the root, an OU, an account). */
  readonly associations: Readable<readonly LivePolicyAssociation[]>;
  /** ListMembers (associated only), in each region the administrator manages. */
  readonly members: readonly { readonly region: string; readonly members: Readable<readonly LiveMember[]> }[];
}

export interface LiveConfigAggregator {
  readonly name: string;
  readonly arn: string;
  readonly roleArn?: string;
  readonly regions: readonly string[];
  readonly allRegions: boolean;
}

export interface LiveAnalyzer {
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly unusedAccessAgeDays?: number;
}

export interface LiveSecurityServices {
  readonly administratorAccountId: string;
  readonly guardDuty?: readonly LiveGuardDutyRegion[];
  readonly securityHub?: LiveSecurityHub;
  /** The organization aggregator the declaration names, in the administrator account; null: it does not exist. */
  readonly configAggregator?: Readable<LiveConfigAggregator | null>;
  readonly accessAnalyzers?: readonly { readonly region: string; readonly analyzers: Readable<readonly LiveAnalyzer[]> }[];
}

/** One recorder's status (DescribeConfigurationRecorderStatus). */
export interface LiveRecorderStatus {
  readonly name: string;
  readonly recording: boolean;
  readonly lastStatus?: string;
}

/** What the area reads inside one account: its Config recorders, per region. */
export interface LiveAccountRecorders {
  readonly recorders: readonly { readonly region: string; readonly statuses: Readable<readonly LiveRecorderStatus[]> }[];
}
