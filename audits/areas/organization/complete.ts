import { desiredState } from '../../../desired';
import type { LandingZone } from '../../../model/landing-zone';
import { MANAGEMENT_POLICY_TYPES } from '../../../model/policy-types';
import type { PolicyType } from '../../../model/types';
import { notRead, type CollectionError } from '../../readable';
import type { CoreSnapshot } from '../../snapshot-core';

/**
 * The parts of the core a snapshot of an older lzkit lacks although the declaration needs them
 * (centralized root access, effective management policies): not read, each with its error.
 */
export function completeCore(lz: LandingZone, s: CoreSnapshot, absent: string): { parts: Partial<CoreSnapshot>; errors: CollectionError[] } {
  const errors: CollectionError[] = [];
  const parts: { -readonly [K in keyof CoreSnapshot]?: CoreSnapshot[K] } = {};
  if (desiredState(lz).organization.rootAccessFeatures.length && s.rootAccess === undefined) {
    parts.rootAccess = notRead(['iam:ListOrganizationsFeatures']);
    errors.push({ scope: 'organization', api: 'iam:ListOrganizationsFeatures', code: absent, message: 'centralized root access is declared but the snapshot holds nothing of it; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)' });
  }
  const managementAttached = lz.guardrails.attachments.some((a) => MANAGEMENT_POLICY_TYPES.includes(lz.guardrails.policies.get(a.policyId)?.type as PolicyType));
  if (managementAttached && s.effectivePolicies === undefined) {
    parts.effectivePolicies = notRead(['organizations:DescribeEffectivePolicy']);
    errors.push({ scope: 'organization', api: 'organizations:DescribeEffectivePolicy', code: absent, message: 'management policies are declared but the snapshot holds no effective policy; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)' });
  }
  return { parts, errors };
}
