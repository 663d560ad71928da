import { RCP_FULL_AWS_ACCESS, simulatedAccountId, simulatorFor, type Decision, type Simulator } from '../model/simulate';
import type { EngineLevel } from '../model/simulate/engine';
import { FULL_AWS_ACCESS, simulatedOrganizationId, type PolicyChain } from '../model/simulate/chain';
import type { Account, GuardrailAttachment, SourceLocation } from '../model/types';
import { changedStatements } from './actions';
import { sideLocation, type DecisionChange, type DiffSide } from './types';

export interface DecisionDiff {
  readonly changes: DecisionChange[];
  /** Pairs of (base chain, head chain) evaluated: the chains that could change a decision. */
  readonly chains: number;
  readonly evaluations: number;
}

/**
 * Guardrail decisions that move between the two sides, for every account declared on both, each
 * action and each region given. Not the whole matrix twice: an account whose policy chain is the
 * same on both sides (same guardrails at the same levels, same bound documents, same account and
 * organization ids) cannot change a decision, so only accounts whose chain changed are evaluated,
 * once per distinct (base chain, head chain) pair, exactly as the matrix shares one evaluation
 * among accounts with the same decision key.
 */
export function diffDecisions(base: DiffSide, head: DiffSide, actions: readonly string[], regions: readonly string[]): DecisionDiff {
  const simB = simulatorFor(base.lz);
  const simH = simulatorFor(head.lz);
  const groups = new Map<string, { fpB: string; fpH: string; pairs: { b: Account; h: Account }[] }>();
  for (const h of head.lz.accounts.values()) {
    const b = base.lz.accounts.get(h.name);
    if (!b) continue; // created or removed: the organization section reports it
    const fpB = fingerprint(simB, b);
    const fpH = fingerprint(simH, h);
    if (fpB === fpH) continue;
    const key = `${fpB}\u0001${fpH}`;
    const g = groups.get(key) ?? { fpB, fpH, pairs: [] };
    g.pairs.push({ b, h });
    groups.set(key, g);
  }

  let evaluations = 0;
  const rows = (sim: Simulator, account: Account, cache: Map<string, Decision[]>, fp: string): Decision[] => {
    let row = cache.get(fp);
    if (!row) {
      row = [];
      for (const action of actions) {
        for (const region of regions) {
          row.push(sim.simulate({ account: account.name, action, region }).decision);
          evaluations++;
        }
      }
      cache.set(fp, row);
    }
    return row;
  };
  const cacheB = new Map<string, Decision[]>();
  const cacheH = new Map<string, Decision[]>();
  const changes: DecisionChange[] = [];
  for (const g of groups.values()) {
    const first = g.pairs[0];
    const before = rows(simB, first.b, cacheB, g.fpB);
    const after = rows(simH, first.h, cacheH, g.fpH);
    const moved: { action: string; region: string; before: Decision; after: Decision }[] = [];
    let i = 0;
    for (const action of actions) {
      for (const region of regions) {
        if (before[i] !== after[i]) moved.push({ action, region, before: before[i], after: after[i] });
        i++;
      }
    }
    if (!moved.length) continue;
    for (const { b, h } of g.pairs) {
      const { cause, locations } = causeOf(base, head, simB, simH, b, h);
      for (const m of moved) changes.push({ account: h.name, ...m, cause, locations });
    }
  }
  // The matrix list comes first in `actions`: the sensitive actions lead every listing.
  const order = new Map([...actions, ...regions].map((x, i) => [x, i]));
  changes.sort((x, y) => x.account.localeCompare(y.account) || order.get(x.action)! - order.get(y.action)! || order.get(x.region)! - order.get(y.region)!);
  return { changes, chains: groups.size, evaluations };
}

/**
 * Everything an account's decisions depend on: the decision key (which guardrails at which
 * levels, FullAWSAccess placement, and the account's own name where a guardrail names its id or
 * OU path), the bound documents of those guardrails, and the organization id of the request
 * context. Accounts with the same fingerprint decide alike, as in the matrix.
 */
function fingerprint(sim: Simulator, account: Account): string {
  const chain = sim.chains.chainOf(account);
  return [sim.decisionKey(account), chain.text, simulatedOrganizationId(sim.lz)].join('\u0000');
}

/** `(level, policy)` pairs of a chain (SCP and RCP), with the attachment behind each guardrail. */
function placements(chain: PolicyChain): Map<string, { level: string; policy: string; type: 'SCP' | 'RCP' }> {
  const out = new Map<string, { level: string; policy: string; type: 'SCP' | 'RCP' }>();
  const add = (levels: readonly EngineLevel[], type: 'SCP' | 'RCP') => {
    for (const l of levels) for (const p of l.policies) out.set(`${type}|${l.level}|${p.name}`, { level: l.level, policy: p.name, type });
  };
  add(chain.scpLevels, 'SCP');
  add(chain.rcpLevels, 'RCP');
  return out;
}

const levelName = (level: string) => (level.startsWith('account:') ? `account ${level.slice('account:'.length)}` : level);

/** What changed in one account's chain between the sides, in words, with the lines behind it. */
function causeOf(base: DiffSide, head: DiffSide, simB: Simulator, simH: Simulator, b: Account, h: Account): { cause: string; locations: SourceLocation[] } {
  const parts: string[] = [];
  const locations: SourceLocation[] = [];
  const chainB = simB.chains.chainOf(b);
  const chainH = simH.chains.chainOf(h);
  const at = (side: DiffSide, loc: SourceLocation | undefined) => { if (loc) locations.push(sideLocation(side, loc)); };
  const attachmentIn = (chain: PolicyChain, level: string, policy: string): GuardrailAttachment | undefined => chain.attachments.get(level)?.get(policy);

  if (b.ou !== h.ou) {
    parts.push(`account now under ${h.ou} (was ${b.ou})`);
    at(head, h.source);
  }
  if (b.isManagement !== h.isManagement) parts.push(h.isManagement ? 'now the management account' : 'no longer the management account');
  const pb = placements(chainB);
  const ph = placements(chainH);
  const levelsB = new Set([...pb.values()].map((p) => p.level));
  const levelsH = new Set([...ph.values()].map((p) => p.level));
  const own = (m: Map<string, { policy: string }>) => new Set([...m.values()].map((p) => p.policy).filter((id) => id !== FULL_AWS_ACCESS && id !== RCP_FULL_AWS_ACCESS));
  if (b.ou !== h.ou) {
    // A moved account changes levels: say which guardrails it gains and loses, not every level.
    const ownB = own(pb);
    const ownH = own(ph);
    const gains = [...ownH].filter((id) => !ownB.has(id)).sort();
    const loses = [...ownB].filter((id) => !ownH.has(id)).sort();
    if (gains.length) parts.push(`gains ${gains.join(', ')}`);
    if (loses.length) parts.push(`loses ${loses.join(', ')}`);
  }
  for (const [k, p] of ph) {
    if (pb.has(k)) continue;
    if (p.policy === FULL_AWS_ACCESS) {
      // Only where the level is on both chains: a new OU on a moved account's chain is not a placement change.
      if (!levelsB.has(p.level)) continue;
      parts.push(`FullAWSAccess attached at ${levelName(p.level)}`);
      at(head, head.lz.guardrails.fullAwsAccess.source ?? base.lz.guardrails.fullAwsAccess.source);
    } else if (p.policy !== RCP_FULL_AWS_ACCESS && b.ou === h.ou) {
      parts.push(`${p.policy} attached at ${levelName(p.level)}`);
      at(head, attachmentIn(chainH, p.level, p.policy)?.source);
    }
  }
  for (const [k, p] of pb) {
    if (ph.has(k)) continue;
    if (p.policy === FULL_AWS_ACCESS) {
      if (!levelsH.has(p.level)) continue;
      parts.push(`FullAWSAccess detached from ${levelName(p.level)}`);
      const src = head.lz.guardrails.fullAwsAccess.source;
      if (src) at(head, src);
      else at(base, base.lz.guardrails.fullAwsAccess.source);
    } else if (p.policy !== RCP_FULL_AWS_ACCESS && b.ou === h.ou) {
      parts.push(`${p.policy} detached from ${levelName(p.level)}`);
      // The attachment entry usually stays with one target fewer: that is the changed line.
      const still = head.lz.guardrails.attachments.find((a) => a.policyId === p.policy);
      if (still) at(head, still.source);
      else at(base, attachmentIn(chainB, p.level, p.policy)?.source);
    }
  }
  const onBoth = new Set([...pb.values()].map((p) => p.policy).filter((id) => [...ph.values()].some((p) => p.policy === id)));
  for (const id of [...onBoth].sort()) {
    const gb = base.lz.guardrails.policies.get(id);
    const gh = head.lz.guardrails.policies.get(id);
    if (!gb || !gh || gb.content === gh.content) continue;
    const changed = changedStatements(gb, gh);
    const names = changed.map((c) => c.after?.Sid ?? c.before?.Sid ?? `#${(c.index >= 0 ? c.index : c.baseIndex) + 1}`);
    parts.push(`${id} edited (${names.length ? `statement ${names.join(', ')}` : 'bound parameters'})`);
    const first = changed.find((c) => c.index >= 0);
    at(head, (first && head.locateStatement?.(gh.source.file, first.index)) ?? gh.source);
  }
  if (simulatedAccountId(b) !== simulatedAccountId(h)) parts.push(`account id now ${simulatedAccountId(h)}`);
  if (simulatedOrganizationId(base.lz) !== simulatedOrganizationId(head.lz)) parts.push(`organization id now ${simulatedOrganizationId(head.lz)}`);
  if (!parts.length) {
    parts.push('guardrail parameters changed');
    at(head, h.source);
  }
  return { cause: parts.join('; '), locations: dedupe(locations) };
}

function dedupe(list: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const k = `${l.file}:${l.line}:${l.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
