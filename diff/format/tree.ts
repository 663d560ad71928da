import { mermaidLabel } from '../../model/mermaid';
import { ROOT } from '../../model/organization';
import type { OrganizationalUnit } from '../../model/types';
import { matchOus } from '../organization';
import type { DiffReport, DiffSide } from '../types';

type Mark = 'widened' | 'narrowed' | 'added' | 'removed' | 'changed';

interface Node {
  readonly key: string;
  readonly kind: 'ou' | 'account';
  readonly title: string;
  readonly notes: string[];
  mark?: Mark;
  readonly parent?: string;
}

const esc = mermaidLabel;

const STYLE: Readonly<Record<Mark, string>> = {
  widened: 'fill:#f8d0d0,stroke:#a00000,stroke-width:3px',
  narrowed: 'fill:#dde8f8,stroke:#3060a0,stroke-width:2px',
  added: 'fill:#d8f0d8,stroke:#207020,stroke-width:2px',
  removed: 'fill:#eeeeee,stroke:#666666,stroke-dasharray:4 3',
  changed: 'fill:#fdf0b8,stroke:#a07800,stroke-width:2px',
};
const RANK: Readonly<Record<Mark, number>> = { widened: 5, removed: 4, narrowed: 3, added: 2, changed: 1 };

/**
 * The changed part of the OU tree as a Mermaid flowchart: the head side's OUs and accounts that a
 * change touches, the OUs above them, and what the base side had that is gone, each marked by its
 * strongest change. Unchanged branches are left out, so a one-OU change stays a small picture.
 */
export function changedTree(report: DiffReport, base: DiffSide, head: DiffSide): string {
  const nodes = new Map<string, Node>();
  const ouKey = (p: string) => `ou:${p}`;
  const add = (key: string, kind: Node['kind'], title: string, parent?: string): Node => {
    let n = nodes.get(key);
    if (!n) {
      n = { key, kind, title, notes: [], parent };
      nodes.set(key, n);
    }
    return n;
  };
  const ouPath = (ou: OrganizationalUnit | undefined, lz: DiffSide['lz']): void => {
    for (let o = ou; o; o = o.parentPath === undefined ? undefined : lz.ous.get(o.parentPath)) {
      add(ouKey(o.path), 'ou', o.path, o.parentPath === undefined ? undefined : ouKey(o.parentPath));
    }
  };
  const mark = (n: Node, m: Mark, note: string) => {
    if (!n.mark || RANK[m] > RANK[n.mark]) n.mark = m;
    if (!n.notes.includes(note)) n.notes.push(note);
  };
  const accountNode = (name: string): Node | undefined => {
    const a = head.lz.accounts.get(name);
    if (a) {
      ouPath(head.lz.ous.get(a.ou), head.lz);
      return add(`account:${name}`, 'account', name, ouKey(a.ou));
    }
    const gone = base.lz.accounts.get(name);
    if (!gone) return undefined;
    const mapped = matchOus(base.lz, head.lz).get(gone.ou) ?? ROOT;
    ouPath(head.lz.ous.get(mapped), head.lz);
    return add(`account:${name}`, 'account', name, ouKey(mapped));
  };

  const perAccount = new Map<string, { widened: number; narrowed: number; other: number }>();
  for (const c of report.decisions) {
    const n = perAccount.get(c.account) ?? { widened: 0, narrowed: 0, other: 0 };
    if (c.after === 'Allowed') n.widened++;
    else if (c.before === 'Allowed') n.narrowed++;
    else n.other++;
    perAccount.set(c.account, n);
  }
  for (const [name, n] of perAccount) {
    const node = accountNode(name);
    if (!node) continue;
    if (n.widened) mark(node, 'widened', `${n.widened} decision(s) widened`);
    if (n.narrowed) mark(node, 'narrowed', `${n.narrowed} decision(s) narrowed`);
    if (n.other) mark(node, 'changed', `${n.other} denial(s) changed`);
  }
  for (const c of report.organization) {
    if (c.kind.startsWith('account-')) {
      const node = accountNode(c.subject);
      if (node) mark(node, c.kind === 'account-removed' ? 'removed' : c.kind === 'account-created' || c.kind === 'account-adopted' ? 'added' : 'changed', c.kind.slice('account-'.length));
    } else if (c.kind.startsWith('ou-')) {
      const ou = head.lz.ous.get(c.subject) ?? base.lz.ous.get(c.subject);
      if (!ou) continue;
      if (c.kind === 'ou-removed') {
        const parent = matchOus(base.lz, head.lz).get(ou.parentPath ?? ROOT) ?? ROOT;
        ouPath(head.lz.ous.get(parent), head.lz);
        mark(add(ouKey(`${ou.path} (removed)`), 'ou', ou.path, ouKey(parent)), 'removed', 'removed');
      } else {
        ouPath(ou, head.lz);
        mark(nodes.get(ouKey(ou.path))!, c.kind === 'ou-created' ? 'added' : 'changed', c.kind.slice('ou-'.length));
      }
    }
  }
  if (!nodes.size) return '';

  const list = [...nodes.values()].sort((a, b) => (a.kind === b.kind ? a.title.localeCompare(b.title) : a.kind === 'ou' ? -1 : 1));
  const id = new Map(list.map((n, i) => [n.key, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of list) {
    const label = [`<b>${esc(n.title)}</b>`, ...n.notes.map(esc)].join('<br/>');
    lines.push(n.kind === 'account' ? `  ${id.get(n.key)}(["${label}"])` : `  ${id.get(n.key)}["${label}"]`);
  }
  for (const n of list) if (n.parent && id.has(n.parent)) lines.push(`  ${id.get(n.parent)} --> ${id.get(n.key)}`);
  for (const [m, style] of Object.entries(STYLE)) {
    const marked = list.filter((n) => n.mark === m).map((n) => id.get(n.key));
    if (marked.length) lines.push(`  classDef ${m} ${style};`, `  class ${marked.join(',')} ${m};`);
  }
  return `${lines.join('\n')}\n`;
}
