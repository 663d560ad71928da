import type { LandingZone } from '../model/landing-zone';
import { desiredIdentity, type DesiredIdentity } from './identity';
import { desiredLogging, keyArn, type DesiredLogging } from './logging';
import { desiredNetwork, type DesiredNetwork } from './network';
import { desiredGuardrails, desiredOrganization, type DesiredGuardrails, type DesiredOrganization } from './organization';
import { desiredSecurityServices, securityServicesLogGrants, type DesiredSecurityServices } from './security-services';

/**
 * The desired state: everything lzkit deploys and every property it sets, derived from the
 * validated declaration alone. The stacks render it to Terraform, the drift audit compares the
 * live organization with it, the sandbox seeds its perfect deployment from it: no layer keeps its
 * own copy of what another deploys. Values that exist only after deployment are late-bound
 * markers (model/late-bound.ts) that each consumer resolves.
 */
export interface DesiredState {
  readonly organization: DesiredOrganization & {
    /** RAM shares reach OUs or the organization: RAM's sharing with Organizations must be enabled. */
    readonly ramSharingWithOrganization: boolean;
  };
  readonly guardrails: DesiredGuardrails;
  readonly logging?: DesiredLogging;
  readonly network?: DesiredNetwork;
  readonly identity?: DesiredIdentity;
  readonly securityServices?: DesiredSecurityServices;
}

const cache = new WeakMap<LandingZone, DesiredState>();

/** The desired state of a validated landing zone (computed once per model). */
export function desiredState(lz: LandingZone): DesiredState {
  let state = cache.get(lz);
  if (!state) {
    state = buildDesiredState(lz);
    cache.set(lz, state);
  }
  return state;
}

function buildDesiredState(lz: LandingZone): DesiredState {
  const logging = desiredLogging(lz, securityServicesLogGrants(lz));
  const network = desiredNetwork(lz, logging?.flowLogDestination);
  const shares = network ? [network.hub.share, ...(network.ipam?.pools.map((p) => p.share) ?? [])] : [];
  return deepFreeze({
    organization: { ...desiredOrganization(lz), ramSharingWithOrganization: shares.some((s) => s?.toOrganization) },
    guardrails: desiredGuardrails(lz),
    logging,
    network,
    identity: desiredIdentity(lz),
    securityServices: desiredSecurityServices(lz, logging && { bucket: logging.logBucket.bucket, bucketArn: logging.logBucket.arn, kmsKeyArn: keyArn(logging.key) }),
  });
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of v instanceof Map ? v.values() : Object.values(v)) deepFreeze(x);
  }
  return v;
}

export type { DesiredIdentity, DesiredPermissionSet, DesiredCustomerManagedPolicy } from './identity';
export type { DesiredLogging, DesiredTrail, TrailEventSelector } from './logging';
export { desiredKey, hardenedBucket, keyAlias, keyArn, trailEventSelectors } from './logging';
export type { DesiredNetwork, DesiredSpoke, DesiredEgress, DesiredShare, DesiredFlowLog, DesiredSubnet } from './network';
export { EGRESS_NAME, SEGMENT_TAG, TIER_TAG, TRANSIT_GATEWAY_SHARE } from './network';
export type { DesiredOrganization, DesiredGuardrails, DesiredPolicy, DesiredPolicyAttachment, DesiredTarget, DesiredAccount, DesiredOrganizationalUnit, DesiredDelegatedAdministrator, AdministratorApi } from './organization';
export { FULL_AWS_ACCESS_POLICY_ID, ORGANIZATIONS_POLICY_TYPE } from './organization';
export type { DesiredSecurityServices, DesiredGuardDuty, DesiredGuardDutyFeature, DesiredSecurityHub, DesiredConfig, DesiredRecorder, DesiredAnalyzer } from './security-services';
export { CONFIG_RECORDER_STACKSET, RECORDER_NAME } from './security-services';
export type { DesiredBucket, DesiredKey, DesiredLifecycleRule, DesiredEncryption, PolicyDocumentValue } from './types';
