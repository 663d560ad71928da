import type { ShardRule } from './shards';

/**
 * The LandingZone model: the one typed, read-only view of accounts/ and policies/ that every
 * stack, audit and simulation reads. Built by `loadLandingZone` (model/load.ts); never built
 * from raw YAML anywhere else.
 */

/** Where a declared element stands in the declaration (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The one targeting shape for anything attached to part of the organization. */
export interface Targets {
  /** OU paths (`Root`, `Workloads`, `Workloads/Prod`). */
  readonly ous?: readonly string[];
  /** Account names. */
  readonly accounts?: readonly string[];
  /** Account names removed from the expansion of `ous`. */
  readonly excludeAccounts?: readonly string[];
}

export interface OrganizationalUnit {
  /** Display name, unique among its siblings. */
  readonly name: string;
  /** `Root` for the root; otherwise `Parent/Child` without the `Root/` prefix. */
  readonly path: string;
  /** Existing OU id (`ou-xxxx-xxxxxxxx`, or `r-xxxx` for the root) when adopted. */
  readonly id?: string;
  readonly parentPath?: string;
  /** Depth below the root (root = 0). */
  readonly depth: number;
  readonly children: readonly OrganizationalUnit[];
  readonly accounts: readonly Account[];
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

export interface Account {
  readonly name: string;
  readonly email: string;
  /** Existing 12-digit account id when adopted; absent when lzkit creates it. */
  readonly id?: string;
  /** Path of the OU it lives in (`Root` for accounts directly under the root). */
  readonly ou: string;
  readonly isManagement: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

/**
 * The Organizations policy types, by the short names policy files use; model/policy-types.ts maps
 * each to its Organizations type, folder, quotas and syntax.
 */
export type PolicyType =
  | 'SCP' | 'RCP' // authorization policies
  | 'TAG' | 'BACKUP' | 'AI_OPT_OUT' | 'DECLARATIVE_EC2' | 'CHATBOT' | 'SECURITY_HUB' | 'INSPECTOR' | 'BEDROCK' | 'S3' | 'UPGRADE_ROLLOUT';

export interface PolicyParameter {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'stringList';
  /** Value used when the declaration binds nothing. */
  readonly default?: string | readonly string[];
}

/** A guardrail document from policies/, with its parameters bound. */
export interface Guardrail {
  readonly id: string;
  readonly type: PolicyType;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly parameters: readonly PolicyParameter[];
  /**
   * The document with every `${param}` replaced by its bound value: an IAM policy document for
   * SCPs and RCPs, a management policy (settings with inheritance operators) for the others.
   */
  readonly document: PolicyDocument | ManagementPolicyDocument;
  /** Minified JSON of `document`: what is deployed and what the size quota counts. */
  readonly content: string;
  /** Existing policy id (`p-xxxxxxxx`) when adopted. */
  readonly existingId?: string;
  readonly source: SourceLocation;
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly PolicyStatement[];
}

/** A management policy: nested settings, each leaf set with `@@assign`, `@@append` or `@@remove`. */
export type ManagementPolicyDocument = Readonly<Record<string, unknown>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A guardrail attached directly to OUs and accounts, after targets were resolved. */
export interface GuardrailAttachment {
  readonly policyId: string;
  /** Targets as declared. */
  readonly targets: Targets;
  /** OU paths the policy is attached to directly. */
  readonly ous: readonly string[];
  /** Account names the policy is attached to directly (from `accounts`, or from `excludeAccounts` expansion). */
  readonly accounts: readonly string[];
  readonly source: SourceLocation;
}

export interface StateBackend {
  readonly type: 'local' | 's3';
  /** local: path of the state file folder; default `terraform.state`. */
  readonly path?: string;
  readonly bucket?: string;
  readonly keyPrefix?: string;
  readonly region?: string;
  /** S3 native locking (`use_lockfile`); default true. */
  readonly useLockfile?: boolean;
  readonly dynamodbTable?: string;
  readonly encrypt?: boolean;
}

export interface DelegatedAdministrator {
  readonly servicePrincipal: string;
  readonly account: string;
  readonly source: SourceLocation;
}

/** How many policies of one type a root, OU or account may have attached, and how long one may be. */
export interface PolicyQuota {
  readonly perTarget: number;
  readonly characters: number;
}

export interface Quotas {
  readonly scpsPerTarget: number;
  readonly rcpsPerTarget: number;
  readonly scpCharacters: number;
  readonly rcpCharacters: number;
  readonly ouDepth: number;
  /** Every policy type's quotas: AWS's defaults, SCP and RCP from the four settings above, the rest from `quotas.perType`. */
  readonly policies: Readonly<Record<PolicyType, PolicyQuota>>;
}

/** Roles lzkit relies on in every account; named once, used by guardrails, providers and audit. */
export interface PlatformRoles {
  /** Role Terraform assumes in member accounts (and that guardrails must spare). */
  readonly deployment: string;
  /** Emergency access role that guardrails must spare. */
  readonly breakGlass: string;
  /** Read-only role the drift audit assumes. */
  readonly audit: string;
}

/**
 * Centralized root access for member accounts: the IAM organization features, by the names IAM
 * and the AWS provider give them (aws_iam_organizations_features enabled_features).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management
 */
export type RootAccessFeature = 'RootCredentialsManagement' | 'RootSessions';

export interface RootAccess {
  /** Member accounts' root credentials are managed centrally; the management account can delete them. */
  readonly credentialsManagement: boolean;
  /** The management account can take short-term root sessions in member accounts for privileged tasks. */
  readonly sessions: boolean;
  /** The features to enable: what aws_iam_organizations_features and iam:ListOrganizationsFeatures name. */
  readonly features: readonly RootAccessFeature[];
  readonly source: SourceLocation;
}

export interface OrganizationSettings {
  /** Existing organization id when adopted (`o-xxxxxxxxxx`). */
  readonly id?: string;
  readonly managementAccount: string;
  readonly homeRegion: string;
  readonly allowedRegions: readonly string[];
  readonly enabledPolicyTypes: readonly string[];
  readonly trustedServices: readonly string[];
  readonly delegatedAdministrators: readonly DelegatedAdministrator[];
  readonly roles: PlatformRoles;
  /** Well-known accounts by role, as account names. */
  readonly accountRoles: Readonly<{ logArchive?: string; audit?: string; network?: string; sharedServices?: string; securityTooling?: string }>;
  readonly quotas: Quotas;
  readonly stateBackend: StateBackend;
  /** Centralized root access, when organization.yaml declares it (absent: not managed by lzkit). */
  readonly rootAccess?: RootAccess;
  /** How accounts and attachments are split into stacks (model/shards.ts). */
  readonly shards: ShardRule;
  readonly source: SourceLocation;
}

/**
 * Where AWS's own FullAWSAccess SCP is detached. AWS attaches it to the root and to every OU and
 * account when SCPs are enabled (and to every OU and account created later); an OU or account
 * listed here has it detached, so only lzkit's own Allow statements at that level let requests
 * through (the allow-list strategy). RCPFullAWSAccess cannot be detached and is always in place.
 */
export interface FullAwsAccessPlacement {
  /** OU paths (the node itself, not the OUs below it) without FullAWSAccess. */
  readonly detachedFromOus: readonly string[];
  /** Account names without FullAWSAccess. */
  readonly detachedFromAccounts: readonly string[];
  /** Where guardrails.yaml declares it; absent when nothing is detached. */
  readonly source?: SourceLocation;
}

export interface GuardrailSet {
  readonly policies: ReadonlyMap<string, Guardrail>;
  readonly attachments: readonly GuardrailAttachment[];
  readonly fullAwsAccess: FullAwsAccessPlacement;
}

/** Whether FullAWSAccess stays attached at one OU (by path) or account (by name). */
export function hasFullAwsAccess(set: GuardrailSet, target: { readonly kind: 'ou' | 'account'; readonly name: string }): boolean {
  const detached = target.kind === 'ou' ? set.fullAwsAccess.detachedFromOus : set.fullAwsAccess.detachedFromAccounts;
  return !detached.includes(target.name);
}
