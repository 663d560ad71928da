import type { PolicyType } from './types';

/** What lzkit knows about one Organizations policy type; the one table every layer reads. */
export interface PolicyTypeInfo {
  /** The type as Organizations and the AWS provider name it (`SERVICE_CONTROL_POLICY`). */
  readonly organizationsType: string;
  /** Where its policy files live, relative to the declaration folder. */
  readonly folder: string;
  /** How messages name it (`SCP`, `tag policy`). */
  readonly label: string;
}

/**
 * The policy types lzkit declares, by the short name policy files use in `type`.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html
 */
export const POLICY_TYPES: Readonly<Record<PolicyType, PolicyTypeInfo>> = Object.freeze({
  SCP: { organizationsType: 'SERVICE_CONTROL_POLICY', folder: 'policies/scp', label: 'SCP' },
  RCP: { organizationsType: 'RESOURCE_CONTROL_POLICY', folder: 'policies/rcp', label: 'RCP' },
  TAG: { organizationsType: 'TAG_POLICY', folder: 'policies/tag', label: 'tag policy' },
});

export const POLICY_TYPE_NAMES = Object.keys(POLICY_TYPES) as PolicyType[];

/** The short name of an Organizations policy type, if lzkit declares it. */
export function policyTypeOf(organizationsType: string): PolicyType | undefined {
  return POLICY_TYPE_NAMES.find((t) => POLICY_TYPES[t].organizationsType === organizationsType);
}
