import type { Account, LandingZone, OrganizationalUnit, PolicyType } from '../model';
import { mermaidLabel } from '../model/mermaid';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../model/policy-types';

export type DiagramFormat = 'mermaid' | 'dot';
export const DIAGRAM_FORMATS: readonly DiagramFormat[] = ['mermaid', 'dot'];

/** One box of the diagram: an OU (the root included) or an account, with what is attached to it. */
interface DiagramNode {
  readonly key: string;
  readonly kind: 'ou' | 'account';
  readonly title: string;
  /** Adopted id, or `new` for what lzkit creates. */
  readonly status: string;
  /** `SCP deny-leave-organization`, `BACKUP backup-tagged-resources`, … attached directly to this node. */
  readonly guardrails: readonly string[];
  readonly parent?: string;
}

/**
 * The OU tree with its accounts and the guardrails attached directly at each node, as Mermaid
 * (renders on GitHub and in most Markdown viewers) or Graphviz DOT. Pure: model in, text out.
 */
export function renderDiagram(lz: LandingZone, format: DiagramFormat): string {
  const nodes = diagramNodes(lz);
  return format === 'dot' ? toDot(nodes) : toMermaid(nodes);
}

function diagramNodes(lz: LandingZone): DiagramNode[] {
  const attached = new Map<string, string[]>();
  const add = (key: string, type: PolicyType | undefined, id: string) => attached.set(key, [...(attached.get(key) ?? []), `${type ?? '?'} ${id}`]);
  for (const a of lz.guardrails.attachments) {
    const type = lz.guardrails.policies.get(a.policyId)?.type;
    for (const ou of a.ous) add(`ou:${ou}`, type, a.policyId);
    for (const name of a.accounts) add(`account:${name}`, type, a.policyId);
  }
  const out: DiagramNode[] = [];
  const account = (a: Account, parent: string): void => {
    const key = `account:${a.name}`;
    out.push({ key, kind: 'account', title: a.isManagement ? `${a.name} (management)` : a.name, status: a.id ?? 'new', guardrails: attached.get(key) ?? [], parent });
  };
  // The root shows which policy types are enabled: a policy of another type cannot be attached.
  const enabled = POLICY_TYPE_NAMES.filter((t) => lz.organization.enabledPolicyTypes.includes(POLICY_TYPES[t].organizationsType));
  const walk = (ou: OrganizationalUnit, parent?: string): void => {
    const key = `ou:${ou.path}`;
    const isRoot = ou.parentPath === undefined;
    const status = ou.id ?? (isRoot ? lz.organization.id ?? 'new organization' : 'new');
    out.push({ key, kind: 'ou', title: ou.path, status: isRoot ? `${status}; enabled: ${enabled.join(', ')}` : status, guardrails: attached.get(key) ?? [], parent });
    ou.accounts.forEach((a) => account(a, key));
    ou.children.forEach((c) => walk(c, key));
  };
  walk(lz.root);
  return out;
}

function toMermaid(nodes: readonly DiagramNode[]): string {
  const key = ids(nodes);
  const id = (n: DiagramNode) => key(n.key);
  const esc = mermaidLabel;
  const lines = ['flowchart TD'];
  for (const n of nodes) {
    const label = [`<b>${esc(n.title)}</b>`, esc(n.status), ...n.guardrails.map(esc)].join('<br/>');
    lines.push(n.kind === 'ou' ? `  ${id(n)}["${label}"]` : `  ${id(n)}(["${label}"])`);
  }
  for (const n of nodes) if (n.parent) lines.push(`  ${key(n.parent)} --> ${id(n)}`);
  lines.push('  classDef ou fill:#eef,stroke:#335;', '  classDef account fill:#fff,stroke:#999;');
  const ofKind = (k: DiagramNode['kind']) => nodes.filter((n) => n.kind === k).map(id).join(',');
  lines.push(`  class ${ofKind('ou')} ou;`);
  if (nodes.some((n) => n.kind === 'account')) lines.push(`  class ${ofKind('account')} account;`);
  return `${lines.join('\n')}\n`;
}

function toDot(nodes: readonly DiagramNode[]): string {
  const key = ids(nodes);
  const id = (n: DiagramNode) => key(n.key);
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const lines = ['digraph organization {', '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const n of nodes) {
    const label = [n.title, n.status, ...n.guardrails].map(esc).join('\\n');
    lines.push(`  ${id(n)} [label="${label}", shape=${n.kind === 'ou' ? 'folder' : 'box'}${n.kind === 'ou' ? ', style=filled, fillcolor="#eeeeff"' : ''}];`);
  }
  for (const n of nodes) if (n.parent) lines.push(`  ${key(n.parent)} -> ${id(n)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Short node ids: names may hold any character, ids must not. */
function ids(nodes: readonly DiagramNode[]): (key: string) => string {
  const map = new Map(nodes.map((n, i) => [n.key, `${n.kind === 'ou' ? 'ou' : 'acct'}${i}`]));
  return (key) => map.get(key)!;
}
