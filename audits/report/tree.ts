import { ROOT } from '../../model/organization';
import type { Severity } from '../../model/types';
import { SEVERITY_ORDER, type Finding } from '../drift';
import { correspond } from '../drift/match';
import { liveTree, type AuditReport } from './report';

/**
 * The OU tree of an audit as the markdown and html reports draw it: the declared OUs and
 * accounts, plus what is live but undeclared (unexpected OUs, unmanaged accounts) under its live
 * parent, each node carrying the findings about it. Pure: report in, nodes out.
 */
export interface TreeNode {
  readonly key: string;
  readonly kind: 'root' | 'ou' | 'account';
  /** OU path, or account name. */
  readonly title: string;
  /** Live id, or `not deployed` when the declared element was not found. */
  readonly liveId: string;
  /** false: live only (unmanaged account, unexpected OU). */
  readonly declared: boolean;
  readonly depth: number;
  readonly parent?: string;
  /** Findings located at this node (by resource, target or attachment point). */
  readonly findings: readonly Finding[];
  /** The worst severity among `findings`. */
  readonly worst?: Severity;
}

interface Draft {
  key: string;
  kind: TreeNode['kind'];
  title: string;
  liveId: string;
  declared: boolean;
  parent?: string;
  children: string[];
  findings: Finding[];
}

/** The `about` part of a finding id (`category:resource:about`): the target of a detached policy. */
export function findingAbout(f: Finding): string | undefined {
  const prefix = `${f.category}:${f.resource.id}:`;
  return f.id.startsWith(prefix) ? f.id.slice(prefix.length) : undefined;
}

export function driftTree(report: AuditReport): TreeNode[] {
  const { lz } = report;
  const s = liveTree(report.snapshot);
  const match = correspond(lz, s);
  const drafts = new Map<string, Draft>();
  /** Live ids, declared OU paths and account names -> node key. */
  const lookup = new Map<string, string>();
  const add = (d: Omit<Draft, 'children' | 'findings'>, names: readonly (string | undefined)[]): void => {
    drafts.set(d.key, { ...d, children: [], findings: [] });
    if (d.parent) drafts.get(d.parent)?.children.push(d.key);
    for (const n of names) if (n && !lookup.has(n)) lookup.set(n, d.key);
  };
  const rootKey = `ou:${ROOT}`;
  const walk = (ou: typeof lz.root, parent?: string): void => {
    const key = `ou:${ou.path}`;
    const liveId = match.ouIds.get(ou.path);
    add({ key, kind: ou.path === ROOT ? 'root' : 'ou', title: ou.path, liveId: liveId ?? 'not deployed', declared: true, parent },
      [liveId, ou.id, `ou-path:${ou.path}`, ...(ou.path === ROOT ? [report.snapshot.organization.id] : [])]);
    for (const a of ou.accounts) {
      const live = match.accounts.get(a.name);
      add({ key: `account:${a.name}`, kind: 'account', title: a.name, liveId: live?.id ?? 'not deployed', declared: true, parent: key },
        [live?.id, a.id, `account-name:${a.name}`]);
    }
    ou.children.forEach((c) => walk(c, key));
  };
  walk(lz.root);
  // Live but undeclared: parents before children (paths sort that way), accounts last.
  for (const o of [...s.organizationalUnits].sort((a, b) => a.path.localeCompare(b.path))) {
    if (match.declaredOus.has(o.id)) continue;
    add({ key: `live:${o.id}`, kind: 'ou', title: o.path, liveId: o.id, declared: false, parent: lookup.get(o.parentId) ?? rootKey }, [o.id]);
  }
  for (const a of s.accounts) {
    if (match.declaredAccounts.has(a.id)) continue;
    add({ key: `live:${a.id}`, kind: 'account', title: a.name, liveId: a.id, declared: false, parent: lookup.get(a.parentId) ?? rootKey }, [a.id]);
  }

  for (const f of report.findings) {
    for (const key of nodesOf(f, report, lookup, rootKey)) drafts.get(key)?.findings.push(f);
  }

  const out: TreeNode[] = [];
  const emit = (key: string, depth: number): void => {
    const d = drafts.get(key)!;
    const worst = SEVERITY_ORDER.find((sev) => d.findings.some((f) => f.severity === sev));
    out.push({ key: d.key, kind: d.kind, title: d.title, liveId: d.liveId, declared: d.declared, depth, parent: d.parent, findings: d.findings, ...(worst ? { worst } : {}) });
    d.children.forEach((c) => emit(c, depth + 1));
  };
  emit(rootKey, 0);
  return out;
}

/** Where a finding is drawn: its target, its resource, the guardrail's attachment points, else the root. */
function nodesOf(f: Finding, report: AuditReport, lookup: ReadonlyMap<string, string>, rootKey: string): string[] {
  const about = findingAbout(f);
  const hit = (...names: (string | undefined)[]): string | undefined => names.map((n) => (n ? lookup.get(n) : undefined)).find(Boolean);
  if (f.resource.type === 'policy') {
    const target = hit(about);
    if (target) return [target];
    const g = [...report.lz.guardrails.policies.values()].find((p) => p.name === f.resource.name || p.existingId === f.resource.id || p.id === f.resource.id);
    const points = report.lz.guardrails.attachments.filter((a) => g && a.policyId === g.id)
      .flatMap((a) => [...a.ous.map((o) => lookup.get(`ou-path:${o}`)), ...a.accounts.map((n) => lookup.get(`account-name:${n}`))])
      .filter((k): k is string => Boolean(k));
    return points.length ? [...new Set(points)] : [rootKey];
  }
  const node = hit(f.resource.id, about, `account-name:${f.resource.name}`, `ou-path:${f.resource.name}`);
  return [node ?? rootKey];
}
