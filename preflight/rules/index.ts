import { adoptedOrganizationKeepsLiveSettings } from './adopted-organization-keeps-live-settings';
import { delegatedAdminTrustedAccess } from './delegated-admin-trusted-access';
import { identityCenterEnabled } from './identity-center-enabled';
import { ipamOrganizationAdmin } from './ipam-organization-admin';
import { ipamStaticCidrsReserved } from './ipam-static-cidrs-reserved';
import { logDeliveryNotDenied } from './log-delivery-not-denied';
import { noSelfReference } from './no-self-reference';
import { organizationTrailTrustedAccess } from './organization-trail-trusted-access';
import { permissionSetPoliciesExist } from './permission-set-policies-exist';
import { policyTypeEnabled } from './policy-type-enabled';
import { ramSharingWithOrganization } from './ram-sharing-with-organization';
import { securityServicesAdmin } from './security-services-admin';
import { stackSetsOrganizationsAccess } from './stacksets-organizations-access';
import { stackSetsTrustedAccess } from './stacksets-trusted-access';
import { tgwRoutesAfterAcceptance } from './tgw-routes-after-acceptance';
import { trailBucketKeyDecrypt } from './trail-bucket-key-decrypt';
import type { PreconditionRule } from './rule';

export type { PreconditionRule, RuleInput, RuleOutcome, RuleProblem } from './rule';

/** Every AWS precondition rule, in the order docs/preflight.md lists them. */
export const RULES: readonly PreconditionRule[] = [
  noSelfReference,
  stackSetsTrustedAccess,
  stackSetsOrganizationsAccess,
  ramSharingWithOrganization,
  ipamOrganizationAdmin,
  ipamStaticCidrsReserved,
  logDeliveryNotDenied,
  permissionSetPoliciesExist,
  tgwRoutesAfterAcceptance,
  securityServicesAdmin,
  adoptedOrganizationKeepsLiveSettings,
  trailBucketKeyDecrypt,
  delegatedAdminTrustedAccess,
  policyTypeEnabled,
  organizationTrailTrustedAccess,
  identityCenterEnabled,
];
