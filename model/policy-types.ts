import type { PolicyType } from './types';

/** What lzkit knows about one Organizations policy type; the one table every layer reads. */
export interface PolicyTypeInfo {
  /** The type as Organizations and the AWS provider name it (`SERVICE_CONTROL_POLICY`). */
  readonly organizationsType: string;
  /** Where its policy files live, relative to the declaration folder. */
  readonly folder: string;
  /** How messages name it (`SCP`, `backup policy`). */
  readonly label: string;
  /**
   * Authorization policies (SCPs, RCPs) allow or deny requests and are IAM documents;
   * management policies configure services, use the inheritance operators, and have an
   * effective policy per account.
   */
  readonly kind: 'authorization' | 'management';
  /** Whether the policy applies to the management account (SCPs and RCPs do not). */
  readonly affectsManagementAccount: boolean;
  /** AWS's default quotas: policies of this type attached per root, OU or account, and characters per policy. */
  readonly perTarget: number;
  readonly characters: number;
  /** The service whose trusted access Organizations requires before the type can be enabled. */
  readonly trustedService?: string;
  /** The user guide page of its syntax. */
  readonly syntax: string;
}

const GUIDE = 'https://docs.aws.amazon.com/organizations/latest/userguide';

/**
 * The policy types lzkit declares, by the short name policy files use in `type`: every type the
 * AWS provider's aws_organizations_policy accepts. Whether a type affects the management account
 * and its quotas: the policy types table of the user guide and the quotas page.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * Trusted access the provider requires before enabling a type:
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_organization#enabled_policy_types
 */
export const POLICY_TYPES: Readonly<Record<PolicyType, PolicyTypeInfo>> = Object.freeze({
  SCP: {
    organizationsType: 'SERVICE_CONTROL_POLICY', folder: 'policies/scp', label: 'SCP', kind: 'authorization', affectsManagementAccount: false,
    perTarget: 10, characters: 10240, syntax: `${GUIDE}/orgs_reference_scp-syntax.html`,
  },
  RCP: {
    organizationsType: 'RESOURCE_CONTROL_POLICY', folder: 'policies/rcp', label: 'RCP', kind: 'authorization', affectsManagementAccount: false,
    perTarget: 5, characters: 5120, syntax: `${GUIDE}/orgs_manage_policies_rcps_syntax.html`,
  },
  TAG: {
    organizationsType: 'TAG_POLICY', folder: 'policies/tag', label: 'tag policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_example-tag-policies.html`,
  },
  BACKUP: {
    organizationsType: 'BACKUP_POLICY', folder: 'policies/backup', label: 'backup policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_backup_syntax.html`,
  },
  AI_OPT_OUT: {
    organizationsType: 'AISERVICES_OPT_OUT_POLICY', folder: 'policies/ai-opt-out', label: 'AI services opt-out policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 5, characters: 2500, syntax: `${GUIDE}/orgs_manage_policies_ai-opt-out_syntax.html`,
  },
  DECLARATIVE_EC2: {
    organizationsType: 'DECLARATIVE_POLICY_EC2', folder: 'policies/declarative-ec2', label: 'declarative policy (EC2)', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_declarative_syntax.html`,
  },
  CHATBOT: {
    organizationsType: 'CHATBOT_POLICY', folder: 'policies/chatbot', label: 'chat applications policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 5, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_chatbot_syntax.html`,
  },
  SECURITY_HUB: {
    organizationsType: 'SECURITYHUB_POLICY', folder: 'policies/security-hub', label: 'Security Hub policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, trustedService: 'securityhub.amazonaws.com', syntax: `${GUIDE}/orgs_manage_policies_security_hub_syntax.html`,
  },
  INSPECTOR: {
    organizationsType: 'INSPECTOR_POLICY', folder: 'policies/inspector', label: 'Amazon Inspector policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, trustedService: 'inspector2.amazonaws.com', syntax: `${GUIDE}/orgs_manage_policies_inspector_syntax.html`,
  },
  BEDROCK: {
    organizationsType: 'BEDROCK_POLICY', folder: 'policies/bedrock', label: 'Amazon Bedrock policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_bedrock_syntax.html`,
  },
  S3: {
    organizationsType: 'S3_POLICY', folder: 'policies/s3', label: 'Amazon S3 policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_s3_syntax.html`,
  },
  UPGRADE_ROLLOUT: {
    organizationsType: 'UPGRADE_ROLLOUT_POLICY', folder: 'policies/upgrade-rollout', label: 'upgrade rollout policy', kind: 'management', affectsManagementAccount: true,
    perTarget: 10, characters: 10000, syntax: `${GUIDE}/orgs_manage_policies_upgrade_syntax.html`,
  },
});

export const POLICY_TYPE_NAMES = Object.keys(POLICY_TYPES) as PolicyType[];

/** The management policy types: the ones with inheritance operators and an effective policy. */
export const MANAGEMENT_POLICY_TYPES = POLICY_TYPE_NAMES.filter((t) => POLICY_TYPES[t].kind === 'management');

/** The short name of an Organizations policy type, if lzkit declares it. */
export function policyTypeOf(organizationsType: string): PolicyType | undefined {
  return POLICY_TYPE_NAMES.find((t) => POLICY_TYPES[t].organizationsType === organizationsType);
}

/** Whether `name` is one of the short type names (`SCP`, `BACKUP`, ...). */
export function isPolicyType(name: string): name is PolicyType {
  return (POLICY_TYPE_NAMES as string[]).includes(name);
}
