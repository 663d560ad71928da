import type { Decision } from '../../model/simulate';
import type { SourceLocation } from '../../model/types';
import type { DecisionChange, DiffReport } from '../types';

/**
 * Decision changes read as one line per account set: accounts whose changes are the same (same
 * cause, same transition, same actions in the same regions) form one group. A change to one OU
 * is then one line for the accounts under it, not one per account, action and region.
 */
export interface DecisionGroup {
  readonly accounts: readonly string[];
  readonly before: Decision;
  readonly after: Decision;
  readonly cause: string;
  /** Actions by the set of regions they changed in. */
  readonly byRegions: readonly { readonly regions: readonly string[]; readonly actions: readonly string[] }[];
  readonly changes: number;
  readonly locations: readonly SourceLocation[];
}

export function groupDecisions(changes: readonly DecisionChange[]): DecisionGroup[] {
  // account -> (cause, before, after) -> action -> regions
  const perAccount = new Map<string, Map<string, { c: DecisionChange; actions: Map<string, string[]> }>>();
  for (const c of changes) {
    const byKind = perAccount.get(c.account) ?? new Map<string, { c: DecisionChange; actions: Map<string, string[]> }>();
    const k = `${c.cause}\u0000${c.before}\u0000${c.after}`;
    const entry = byKind.get(k) ?? { c, actions: new Map<string, string[]>() };
    entry.actions.set(c.action, [...(entry.actions.get(c.action) ?? []), c.region]);
    byKind.set(k, entry);
    perAccount.set(c.account, byKind);
  }
  const groups = new Map<string, { accounts: string[]; c: DecisionChange; actions: Map<string, string[]>; changes: number }>();
  for (const [account, byKind] of perAccount) {
    for (const [k, { c, actions }] of byKind) {
      const sig = `${k}\u0000${[...actions].map(([a, rs]) => `${a}@${rs.join(',')}`).join(';')}`;
      const g = groups.get(sig) ?? { accounts: [], c, actions, changes: 0 };
      g.accounts.push(account);
      g.changes += [...actions.values()].reduce((n, rs) => n + rs.length, 0);
      groups.set(sig, g);
    }
  }
  return [...groups.values()].map((g) => {
    const byRegionSet = new Map<string, string[]>();
    for (const [action, regions] of g.actions) {
      const rk = regions.join(', ');
      byRegionSet.set(rk, [...(byRegionSet.get(rk) ?? []), action]);
    }
    return {
      accounts: g.accounts.sort(), before: g.c.before, after: g.c.after, cause: g.c.cause, changes: g.changes, locations: g.c.locations,
      byRegions: [...byRegionSet].map(([rk, actions]) => ({ regions: rk.split(', '), actions })),
    };
  }).sort((a, b) => Number(b.after === 'Allowed') - Number(a.after === 'Allowed') || b.changes - a.changes || a.accounts[0].localeCompare(b.accounts[0]));
}

/** `a, b, c and 4 more`. */
export function list(items: readonly string[], n = 3): string {
  return `${items.slice(0, n).join(', ')}${items.length > n ? ` and ${items.length - n} more` : ''}`;
}

/** `sandbox-alice: 27 actions (ec2:RunInstances, ...) in il-central-1: ExplicitlyDenied -> Allowed`. */
export function describeGroup(g: DecisionGroup, arrow = '->'): string {
  const what = g.byRegions.map((r) => `${r.actions.length === 1 ? r.actions[0] : `${r.actions.length} actions (${list(r.actions)})`} in ${r.regions.join(', ')}`).join('; ');
  return `${list(g.accounts)}: ${what}: ${g.before} ${arrow} ${g.after}`;
}

/** One line per section count, for summaries. */
export function summaryLines(report: DiffReport): string[] {
  const s = report.summary;
  const r = s.resources;
  const resources = (['create', 'import', 'update', 'replace', 'destroy', 'move'] as const).filter((k) => r[k]).map((k) => `${r[k]} to ${k}${k === 'move' ? ' to another stack' : ''}`).join(', ');
  return [
    `guardrail decisions: ${s.decisionsChanged ? `${s.decisionsChanged} change${s.decisionsChanged === 1 ? '' : 's'} (${s.decisionsWidened} widened, ${s.decisionsNarrowed} narrowed)` : 'no change'}`,
    `organization: ${s.organization || 'no'} change${s.organization === 1 ? '' : 's'}`,
    `access: ${s.access || 'no'} change${s.access === 1 ? '' : 's'}`,
    `network: ${s.network || 'no'} change${s.network === 1 ? '' : 's'}`,
    `resources: ${resources || 'no change'}`,
  ];
}

/** `HEAD~1 (3f2a1bc)` or the folder. */
export function originLabel(o: DiffReport['base']): string {
  return o.kind === 'git' ? `${o.ref} (${o.commit.slice(0, 7)})` : o.path;
}
