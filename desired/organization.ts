import { FULL_AWS_ACCESS } from '../model/aws-managed-policies';
import type { LandingZone } from '../model/landing-zone';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../model/policy-types';
import { lateBoundAccountId, lateBoundOuId } from '../model/late-bound';
import { ROOT } from '../model/organization';
import type { PolicyType, SourceLocation } from '../model/types';

/** Organizations' policy type for each guardrail type (the model's policy type table). */
export const ORGANIZATIONS_POLICY_TYPE: Readonly<Record<PolicyType, string>> = Object.freeze(
  Object.fromEntries(POLICY_TYPE_NAMES.map((t) => [t, POLICY_TYPES[t].organizationsType])) as Record<PolicyType, string>);

/** AWS's own SCP, attached to every root, OU and account while SCPs are enabled. */
export const FULL_AWS_ACCESS_POLICY_ID = FULL_AWS_ACCESS.id;

/**
 * How a delegated administrator is designated. Most services are registered through
 * Organizations; these designate their administrator through their own API, which registers it
 * with Organizations too (registering it twice fails):
 * - GuardDuty: https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
 * - Security Hub: https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html
 * - IPAM: https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html
 * GuardDuty and Security Hub are regional: the administrator is designated in every allowed region.
 */
export type AdministratorApi = 'organizations' | 'guardduty' | 'securityhub' | 'ipam';
const SERVICE_ADMINISTRATOR_API: Readonly<Record<string, AdministratorApi>> = {
  'guardduty.amazonaws.com': 'guardduty',
  'securityhub.amazonaws.com': 'securityhub',
  'ipam.amazonaws.com': 'ipam',
};

export interface DesiredOrganizationalUnit {
  readonly path: string;
  readonly name: string;
  readonly parentPath: string;
  readonly adoptedId?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

export interface DesiredAccount {
  readonly name: string;
  readonly email: string;
  readonly ou: string;
  readonly adoptedId?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The role Organizations creates in a new account (never sent for an adopted one). */
  readonly roleName?: string;
  readonly source: SourceLocation;
}

export interface DesiredDelegatedAdministrator {
  readonly servicePrincipal: string;
  readonly account: string;
  readonly via: AdministratorApi;
  /** Regions the designation is made in (one for global designations). */
  readonly regions: readonly string[];
  readonly source: SourceLocation;
}

export interface DesiredOrganization {
  readonly adoptedId?: string;
  readonly featureSet: 'ALL';
  readonly enabledPolicyTypes: readonly string[];
  readonly trustedServices: readonly string[];
  /**
   * Organizations' lists of policy types and trusted services are authoritative in Terraform: an
   * apply turns off what is live but not declared. For an adopted organization lzkit keeps what is
   * live (the declared lists are added to it), so adopting never disables Control Tower, Backup, ...
   */
  readonly keepLiveSettings: boolean;
  readonly organizationalUnits: readonly DesiredOrganizationalUnit[];
  /** Member accounts (the management account exists before lzkit and is never a resource). */
  readonly accounts: readonly DesiredAccount[];
  readonly delegatedAdministrators: readonly DesiredDelegatedAdministrator[];
  /**
   * Centralized root access for member accounts (`RootCredentialsManagement`, `RootSessions`);
   * empty when not declared: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
   */
  readonly rootAccessFeatures: readonly string[];
  readonly rootAccessSource?: SourceLocation;
  readonly source: SourceLocation;
}

/** An OU (the root included) or account a policy is attached to, with its id as deployed. */
export interface DesiredTarget {
  readonly kind: 'ou' | 'account';
  /** OU path or account name. */
  readonly name: string;
  /** Literal for adopted OUs and accounts, late-bound for created ones and the root. */
  readonly id: string;
}

export interface DesiredPolicy {
  /** Guardrail id (the policies/ file name). */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Organizations' policy type (`SERVICE_CONTROL_POLICY`, ...). */
  readonly type: string;
  /** The minified document as deployed (late-bound ids as markers). */
  readonly content: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly adoptedId?: string;
  readonly source: SourceLocation;
}

export interface DesiredPolicyAttachment {
  readonly policyId: string;
  readonly target: DesiredTarget;
  readonly source: SourceLocation;
}

export interface DesiredGuardrails {
  readonly policies: readonly DesiredPolicy[];
  /** One per (policy, target): the attachments of lzkit's own policies. */
  readonly attachments: readonly DesiredPolicyAttachment[];
  /** Targets FullAWSAccess is detached from; it stays attached everywhere else (AWS's default). */
  readonly fullAwsAccessDetachments: readonly DesiredTarget[];
  readonly fullAwsAccessSource?: SourceLocation;
}

export function targetOf(lz: LandingZone, kind: 'ou' | 'account', name: string): DesiredTarget {
  if (kind === 'ou') return { kind, name, id: (name !== ROOT && lz.ous.get(name)?.id) || lateBoundOuId(name) };
  return { kind, name, id: lz.accounts.get(name)?.id ?? lateBoundAccountId(name) };
}

export function desiredOrganization(lz: LandingZone): DesiredOrganization {
  const o = lz.organization;
  return {
    adoptedId: o.id,
    featureSet: 'ALL',
    enabledPolicyTypes: [...o.enabledPolicyTypes],
    trustedServices: [...o.trustedServices],
    keepLiveSettings: o.id !== undefined,
    // Parents before children: Terraform needs a parent's id to create the child.
    organizationalUnits: [...lz.ous.values()].filter((ou) => ou.path !== ROOT).sort((a, b) => a.depth - b.depth).map((ou) => ({
      path: ou.path, name: ou.name, parentPath: ou.parentPath ?? ROOT, adoptedId: ou.id, tags: ou.tags, source: ou.source,
    })),
    accounts: [...lz.accounts.values()].filter((a) => !a.isManagement).map((a) => ({
      name: a.name, email: a.email, ou: a.ou, adoptedId: a.id, tags: a.tags,
      roleName: a.id ? undefined : o.roles.deployment, source: a.source,
    })),
    delegatedAdministrators: o.delegatedAdministrators.map((da) => {
      const via = SERVICE_ADMINISTRATOR_API[da.servicePrincipal] ?? 'organizations';
      const regional = via === 'guardduty' || via === 'securityhub';
      return { servicePrincipal: da.servicePrincipal, account: da.account, via, regions: regional ? [...o.allowedRegions] : [o.homeRegion], source: da.source };
    }),
    rootAccessFeatures: [...(o.rootAccess?.features ?? [])],
    rootAccessSource: o.rootAccess?.source,
    source: o.source,
  };
}

export function desiredGuardrails(lz: LandingZone): DesiredGuardrails {
  const { policies, attachments, fullAwsAccess } = lz.guardrails;
  return {
    policies: [...policies.values()].map((g) => ({
      id: g.id, name: g.name,
      // Organizations caps descriptions at 512 characters.
      description: g.description.length > 512 ? `${g.description.slice(0, 509)}...` : g.description,
      type: ORGANIZATIONS_POLICY_TYPE[g.type], content: g.content,
      tags: { 'lzkit-guardrail': g.id, severity: g.severity }, adoptedId: g.existingId, source: g.source,
    })),
    attachments: attachments.filter((a) => policies.has(a.policyId)).flatMap((a) => [
      ...a.ous.map((p) => ({ policyId: a.policyId, target: targetOf(lz, 'ou', p), source: a.source })),
      ...a.accounts.map((n) => ({ policyId: a.policyId, target: targetOf(lz, 'account', n), source: a.source })),
    ]),
    fullAwsAccessDetachments: [
      ...fullAwsAccess.detachedFromOus.map((p) => targetOf(lz, 'ou', p)),
      ...fullAwsAccess.detachedFromAccounts.map((n) => targetOf(lz, 'account', n)),
    ],
    fullAwsAccessSource: fullAwsAccess.source,
  };
}
