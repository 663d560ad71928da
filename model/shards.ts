import { createHash } from 'crypto';
import type { Diagnostics } from './diagnostics';
import type { LandingZone } from './landing-zone';
import { suggest } from './organization';
import type { SourceFile } from './source';
import type { OrganizationalUnit, SourceLocation } from './types';

/**
 * The shard rule (organization.shards in organization.yaml): how member accounts and the guardrail
 * attachments of OUs and accounts are split into stacks, so a deploy refreshes the stacks a change
 * touches instead of the whole organization (Terraform refreshes every resource of a stack on each
 * plan). Each top-level OU, and the root for what sits directly under it, has its own stacks:
 * `accounts-<OU>` for its accounts, `guardrails-<OU>` for the attachments at its OUs and accounts.
 * `stacksPerOu` spreads one OU's resources over more stacks by a consistent hash of each
 * account's name (or OU's path), so the stack of a resource depends on its own name and its
 * top-level OU only: adding an account or an OU never moves another resource.
 */
export interface ShardRule {
  /** Validation refuses a shard stack holding more resources. */
  readonly maxResourcesPerStack: number;
  /** Stacks per family for a top-level OU name or `Root` (absent: 1). */
  readonly stacksPerOu: ReadonlyMap<string, number>;
  /** Where each `stacksPerOu` entry is declared. */
  readonly declaredAt: ReadonlyMap<string, SourceLocation>;
  /** Where the rule is (or would be) declared: organization.shards, else organization. */
  readonly source: SourceLocation;
}

export interface RawShardRule { maxResourcesPerStack?: number; stacksPerOu?: Record<string, number> }

/** A Terraform state past about a thousand resources plans slowly; two such stacks stay below 2,000. */
export const DEFAULT_MAX_RESOURCES_PER_STACK = 1000;

/** The group of the root: accounts directly under it and the attachments at the root. */
export const ROOT_GROUP = 'Root';

/** The two kinds of shard stacks. */
export type ShardFamily = 'accounts' | 'guardrails';

/**
 * The meaning pass of organization.shards (its shape passed the schema): every stacksPerOu key
 * names a top-level OU or Root.
 */
export function buildShardRule(file: SourceFile, raw: RawShardRule | undefined, root: OrganizationalUnit, d: Diagnostics): ShardRule {
  const known = [ROOT_GROUP, ...root.children.map((c) => c.name)];
  const stacksPerOu = new Map<string, number>();
  const declaredAt = new Map<string, SourceLocation>();
  for (const [group, count] of Object.entries(raw?.stacksPerOu ?? {})) {
    const at = file.locate(['organization', 'shards', 'stacksPerOu', group]);
    if (!known.includes(group)) {
      const nested = group.includes('/') ? ': stacks are split per top-level OU, name the first part of the path' : '';
      d.error(at, 'UNKNOWN_OU', `organization.shards.stacksPerOu names '${group}', which is not a top-level OU nor Root${nested}${suggest(group.split('/')[0], known)}`);
      continue;
    }
    stacksPerOu.set(group, count);
    declaredAt.set(group, at);
  }
  return Object.freeze({
    maxResourcesPerStack: raw?.maxResourcesPerStack ?? DEFAULT_MAX_RESOURCES_PER_STACK,
    stacksPerOu, declaredAt,
    source: file.locate(raw ? ['organization', 'shards'] : ['organization']),
  });
}

/** The shard group of an OU path: its top-level OU, or Root. */
export function groupOfOu(ouPath: string): string {
  return ouPath === ROOT_GROUP ? ROOT_GROUP : ouPath.split('/')[0];
}

/**
 * Jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm",
 * https://arxiv.org/abs/1406.2294): the bucket in [0, buckets) of a 64-bit key. Raising the
 * number of buckets from n to n+1 moves only the keys that land in the new bucket (about 1/(n+1)
 * of them) and never moves a key between old buckets: a rule change moves as little as it can.
 */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  const MASK = (1n << 64n) - 1n;
  let k = key & MASK;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & MASK;
    j = Math.floor((b + 1) * (2 ** 31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** The bucket of a name: the first 8 bytes of its SHA-256 as the 64-bit key. */
export function bucketOf(name: string, buckets: number): number {
  if (buckets <= 1) return 0;
  return jumpConsistentHash(createHash('sha256').update(name).digest().readBigUInt64BE(0), buckets);
}

const PLAIN = /^[A-Za-z0-9-]+$/;

/**
 * A shard stack's name: `accounts-Workloads`, then `accounts-Workloads_2`, ... for the further
 * buckets (bucket 0 keeps the plain name, so raising stacksPerOu from 1 keeps the first stack). A
 * top-level OU name with characters a stack name cannot hold is replaced and gets a short hash.
 */
export function shardStackName(family: ShardFamily, group: string, bucket: number): string {
  const slug = PLAIN.test(group) ? group : `${group.replace(/[^A-Za-z0-9-]/g, '-')}-${createHash('sha256').update(group).digest('hex').slice(0, 8)}`;
  return `${family}-${slug}${bucket > 0 ? `_${bucket + 1}` : ''}`;
}

/** The stack of one member account (or of the attachments at it): its top-level OU's, by its name. */
export function accountShard(rule: ShardRule, family: ShardFamily, account: { readonly name: string; readonly ou: string }): string {
  return stackOf(rule, accountUnit(family, account));
}

/** The stack of the attachments at one OU (the root included): its top-level OU's, by its path. */
export function ouShard(rule: ShardRule, ouPath: string): string {
  return stackOf(rule, ouUnit(ouPath));
}

/** The guardrails shard of an attachment target: an account by its name, an OU by its path. */
export function targetShard(lz: Pick<LandingZone, 'accounts' | 'organization'>, target: { readonly kind: 'ou' | 'account'; readonly name: string }): string {
  const rule = lz.organization.shards;
  if (target.kind === 'ou') return ouShard(rule, target.name);
  const account = lz.accounts.get(target.name);
  if (!account) throw new Error(`lzkit: account '${target.name}' is not in the model (validation should have caught this)`);
  return accountShard(rule, 'guardrails', account);
}

/** One resource of a shard stack: its family, its group, and the name its bucket is hashed from. */
interface ShardUnit { readonly family: ShardFamily; readonly group: string; readonly key: string }

const accountUnit = (family: ShardFamily, a: { readonly name: string; readonly ou: string }): ShardUnit => ({ family, group: groupOfOu(a.ou), key: a.name });
const ouUnit = (path: string): ShardUnit => ({ family: 'guardrails', group: groupOfOu(path), key: path });
const stackOf = (rule: ShardRule, u: ShardUnit): string => shardStackName(u.family, u.group, bucketOf(u.key, rule.stacksPerOu.get(u.group) ?? 1));

/**
 * Every resource the shard stacks render, as the stacks render them: one aws_organizations_account
 * per member account; one aws_organizations_policy_attachment per attachment point and one
 * FullAWSAccess detachment per target it is detached from (at an account: hashed by its name, at
 * an OU: by its path).
 */
function shardUnits(lz: LandingZone): ShardUnit[] {
  const units: ShardUnit[] = [];
  for (const a of lz.accounts.values()) if (!a.isManagement) units.push(accountUnit('accounts', a));
  const target = (kind: 'ou' | 'account', name: string) => units.push(kind === 'ou' ? ouUnit(name) : accountUnit('guardrails', lz.accounts.get(name)!));
  for (const a of lz.guardrails.attachments) {
    if (!lz.guardrails.policies.has(a.policyId)) continue;
    for (const ou of a.ous) target('ou', ou);
    for (const name of a.accounts) target('account', name);
  }
  for (const ou of lz.guardrails.fullAwsAccess.detachedFromOus) target('ou', ou);
  for (const name of lz.guardrails.fullAwsAccess.detachedFromAccounts) target('account', name);
  return units;
}

/** Resources per shard stack under `rule`, with the stack's group. */
export function shardSizes(lz: LandingZone, rule: ShardRule = lz.organization.shards, units: readonly ShardUnit[] = shardUnits(lz)): Map<string, { readonly group: string; size: number }> {
  const sizes = new Map<string, { group: string; size: number }>();
  for (const u of units) {
    const stack = stackOf(rule, u);
    const entry = sizes.get(stack);
    if (entry) entry.size++;
    else sizes.set(stack, { group: u.group, size: 1 });
  }
  return sizes;
}

/**
 * Model check: no shard stack holds more than maxResourcesPerStack. A full stack never grows
 * silently (nor splits by itself, which would move resources): the error names the stacksPerOu
 * value that fits, a rule change whose moves synth writes out (docs/stacks.md). What shares one
 * name (the attachments at one OU) never splits: past that only a higher maximum helps.
 */
export function checkShardSizes(lz: LandingZone, d: Diagnostics): void {
  const rule = lz.organization.shards;
  const units = shardUnits(lz);
  const worst = new Map<string, { stack: string; size: number }>();
  for (const [stack, { group, size }] of shardSizes(lz, rule, units)) {
    if (size > rule.maxResourcesPerStack && size > (worst.get(group)?.size ?? 0)) worst.set(group, { stack, size });
  }
  for (const [group, { stack, size }] of worst) {
    const now = rule.stacksPerOu.get(group) ?? 1;
    const at = rule.declaredAt.get(group) ?? (group === ROOT_GROUP ? rule.source : lz.ous.get(group)?.source ?? rule.source);
    const over = `stack ${stack} would hold ${size} resources, more than organization.shards.maxResourcesPerStack (${rule.maxResourcesPerStack})`;
    const largest = largestUnit(units, group);
    if (largest.size > rule.maxResourcesPerStack) {
      d.error(at, 'SHARD_TOO_LARGE', `${over}: the ${largest.size} ${largest.family === 'accounts' ? 'resources' : 'attachments'} at ${largest.key} always share a stack, so raise maxResourcesPerStack to at least ${largest.size}`);
      continue;
    }
    const fits = fittingCount(lz, rule, units, group, now);
    d.error(at, 'SHARD_TOO_LARGE', `${over}: set organization.shards.stacksPerOu.${group} to ${fits ?? `more than ${now}`} `
      + '(a rule change: lzkit synth moves the resources that change stack, see docs/stacks.md), or raise maxResourcesPerStack');
  }
}

function largestUnit(units: readonly ShardUnit[], group: string): { family: ShardFamily; key: string; size: number } {
  const counts = new Map<string, { family: ShardFamily; key: string; size: number }>();
  for (const u of units) {
    if (u.group !== group) continue;
    const id = `${u.family}\0${u.key}`;
    const c = counts.get(id);
    if (c) c.size++;
    else counts.set(id, { family: u.family, key: u.key, size: 1 });
  }
  return [...counts.values()].reduce((a, b) => (b.size > a.size ? b : a), { family: 'accounts', key: '', size: 0 });
}

/** The smallest stacksPerOu above `now` under which every stack of `group` fits (undefined past 1,000). */
function fittingCount(lz: LandingZone, rule: ShardRule, units: readonly ShardUnit[], group: string, now: number): number | undefined {
  const own = units.filter((u) => u.group === group);
  for (let n = now + 1; n <= 1000; n++) {
    const sizes = shardSizes(lz, { ...rule, stacksPerOu: new Map([...rule.stacksPerOu, [group, n]]) }, own);
    if ([...sizes.values()].every((s) => s.size <= rule.maxResourcesPerStack)) return n;
  }
  return undefined;
}
