import type { LandingZone } from '../model/landing-zone';
import { accountShard, targetShard } from '../model/shards';
import type { DesiredState } from './index';
import type { DesiredAccount, DesiredPolicyAttachment, DesiredTarget } from './organization';

/**
 * The desired state's accounts and guardrail attachments grouped by the shard stack that deploys
 * them (the rule: model/shards.ts). The stacks render exactly these groups; the benchmark's floor
 * reads them too, so both emit the same resources in the same stacks.
 */
export interface DesiredShards {
  /** `accounts-<OU>[_n]` -> its member accounts, stacks by name. */
  readonly accounts: ReadonlyMap<string, readonly DesiredAccount[]>;
  /** `guardrails-<OU>[_n]` -> the attachments and FullAWSAccess detachments at its targets. */
  readonly guardrails: ReadonlyMap<string, { readonly attachments: readonly DesiredPolicyAttachment[]; readonly detachments: readonly DesiredTarget[] }>;
}

export function desiredShards(lz: LandingZone, desired: DesiredState): DesiredShards {
  const rule = lz.organization.shards;
  const accounts = new Map<string, DesiredAccount[]>();
  for (const a of desired.organization.accounts) push(accounts, accountShard(rule, 'accounts', a), a);
  const guardrails = new Map<string, { attachments: DesiredPolicyAttachment[]; detachments: DesiredTarget[] }>();
  const shardOf = (t: DesiredTarget) => {
    const stack = targetShard(lz, t);
    let shard = guardrails.get(stack);
    if (!shard) guardrails.set(stack, shard = { attachments: [], detachments: [] });
    return shard;
  };
  for (const a of desired.guardrails.attachments) shardOf(a.target).attachments.push(a);
  for (const t of desired.guardrails.fullAwsAccessDetachments) shardOf(t).detachments.push(t);
  return { accounts: sortedByKey(accounts), guardrails: sortedByKey(guardrails) };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortedByKey<T>(map: Map<string, T>): Map<string, T> {
  return new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
}
