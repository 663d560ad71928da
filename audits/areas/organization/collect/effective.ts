import { DescribeEffectivePolicyCommand, type EffectivePolicyType, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { LandingZone } from '../../../../model/landing-zone';
import { MANAGEMENT_POLICY_TYPES, POLICY_TYPES } from '../../../../model/policy-types';
import { ouChain } from '../../../../model/targets';
import type { PolicyType } from '../../../../model/types';
import { errorOf } from '../../../collect/context';
import { notRead, type CollectionError } from '../../../readable';
import type { LiveEffectivePolicy } from '../../../snapshot-core';

/**
 * Which (account, management policy type) the audit asks Organizations about: accounts whose chain
 * of attachments of that type (root, each OU, the account) is the same get the same effective
 * policy, so one account per distinct chain is enough - the cost follows the shape of the
 * guardrails, not the number of accounts.
 */
export function effectivePolicySamples(lz: LandingZone, liveId: (name: string) => string | undefined): { account: string; accountId: string; type: PolicyType }[] {
  const out: { account: string; accountId: string; type: PolicyType }[] = [];
  const enabled = new Set(lz.organization.enabledPolicyTypes);
  for (const type of MANAGEMENT_POLICY_TYPES) {
    if (!enabled.has(POLICY_TYPES[type].organizationsType)) continue;
    const attachedAt = new Map<string, string[]>();
    for (const a of lz.guardrails.attachments) {
      if (lz.guardrails.policies.get(a.policyId)?.type !== type) continue;
      for (const t of [...a.ous.map((o) => `ou:${o}`), ...a.accounts.map((n) => `account:${n}`)]) attachedAt.set(t, [...(attachedAt.get(t) ?? []), a.policyId]);
    }
    if (attachedAt.size === 0) continue;
    const seen = new Set<string>();
    for (const account of lz.accounts.values()) {
      // Only the levels that carry a policy of the type decide the merge.
      const chain = [...ouChain(lz, account).map((ou) => `ou:${ou.path}`), `account:${account.name}`]
        .flatMap((t) => (attachedAt.has(t) ? [`${t}=${attachedAt.get(t)!.join(',')}`] : [])).join('/');
      const id = liveId(account.name);
      if (seen.has(chain) || !id) continue;
      seen.add(chain);
      out.push({ account: account.name, accountId: id, type });
    }
  }
  return out;
}

/** DescribeEffectivePolicy for each sample, from the management account; one failed call leaves that one unread. */
export async function effectivePolicies(
  org: OrganizationsClient, samples: readonly { accountId: string; type: PolicyType }[], limit: <T>(task: () => Promise<T>) => Promise<T>, record: (e: CollectionError) => void,
): Promise<LiveEffectivePolicy[]> {
  const api = 'organizations:DescribeEffectivePolicy';
  return Promise.all(samples.map(({ accountId, type }) => limit(async (): Promise<LiveEffectivePolicy> => {
    const organizationsType = POLICY_TYPES[type].organizationsType;
    try {
      const r = await org.send(new DescribeEffectivePolicyCommand({ PolicyType: organizationsType as EffectivePolicyType, TargetId: accountId }));
      return { accountId, type: organizationsType, content: r.EffectivePolicy?.PolicyContent ?? null };
    } catch (e) {
      // "No effective policy of this type" is an answer, not a failed read.
      if ((e as Error).name === 'EffectivePolicyNotFoundException') return { accountId, type: organizationsType, content: null };
      record(errorOf('organization', api, e, accountId));
      return { accountId, type: organizationsType, content: notRead([api]) };
    }
  })));
}
