import { mermaidLabel } from '../../model/mermaid';
import { SEVERITY_ORDER } from '../drift';
import { incompleteBanner, provenanceLine, provenanceOf } from './provenance';
import type { Reporter } from './report';
import { notChecked, summarize } from './report';
import { driftTree, type TreeNode } from './tree';

/** Fill and stroke per worst severity; shared with the html report so both read the same. */
export const SEVERITY_COLORS: Readonly<Record<string, { fill: string; stroke: string }>> = {
  critical: { fill: '#f8d0d0', stroke: '#a00000' },
  high: { fill: '#fbe0c8', stroke: '#c05000' },
  medium: { fill: '#fdf0b8', stroke: '#a07800' },
  low: { fill: '#dde8f8', stroke: '#3060a0' },
  info: { fill: '#eeeeee', stroke: '#666666' },
};

/** Table cells: pipes and line breaks would break the row; HTML-like text must stay text on GitHub. */
function cell(text: unknown): string {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The OU tree as a Mermaid flowchart (GitHub renders it in PR comments and issues): accounts as
 * rounded boxes, drifted nodes classed by their worst severity, live-only nodes dashed.
 */
export function mermaidTree(nodes: readonly TreeNode[]): string {
  const id = new Map(nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const mark = n.findings.length ? ` ⚠ ${n.findings.length}` : '';
    const label = `<b>${mermaidLabel(n.title)}</b>${mark}<br/>${mermaidLabel(n.liveId)}${n.declared ? '' : '<br/><i>not declared</i>'}`;
    lines.push(n.kind === 'account' ? `  ${id.get(n.key)}(["${label}"])` : `  ${id.get(n.key)}["${label}"]`);
  }
  for (const n of nodes) if (n.parent) lines.push(`  ${id.get(n.parent)} --> ${id.get(n.key)}`);
  lines.push('  classDef ou fill:#eef,stroke:#335;', '  classDef account fill:#fff,stroke:#999;', '  classDef undeclared stroke-dasharray:4 3;');
  for (const sev of SEVERITY_ORDER) lines.push(`  classDef drift_${sev} fill:${SEVERITY_COLORS[sev].fill},stroke:${SEVERITY_COLORS[sev].stroke},stroke-width:3px;`);
  const classed = (keys: TreeNode[], cls: string) => { if (keys.length) lines.push(`  class ${keys.map((n) => id.get(n.key)).join(',')} ${cls};`); };
  classed(nodes.filter((n) => n.kind !== 'account'), 'ou');
  classed(nodes.filter((n) => n.kind === 'account'), 'account');
  classed(nodes.filter((n) => !n.declared), 'undeclared');
  for (const sev of SEVERITY_ORDER) classed(nodes.filter((n) => n.worst === sev), `drift_${sev}`);
  return `${lines.join('\n')}\n`;
}

/** Summary, findings table and the drifted OU tree: fit for a pull-request comment or an issue. */
export const markdownReporter: Reporter = {
  format: 'markdown',
  extension: 'md',
  render: (report) => {
    const s = summarize(report);
    const out: string[] = [];
    const p = provenanceOf(report);
    const banner = incompleteBanner(p);
    out.push(`# lzkit drift audit: ${cell(report.snapshot.organization.id)}${banner ? ' (INCOMPLETE)' : ''}`, '');
    if (banner) out.push(`> [!WARNING]\n> **${banner}**`, '');
    out.push(`${s.findings === 0 ? '✅ **No drift.**' : `❌ **${s.findings} finding(s)**`} ${s.accounts} accounts audited, ${report.generatedAt} (snapshot ${cell(report.snapshot.collectedAt || 'unknown time')}).`, '');
    if (s.findings) {
      out.push('| severity | findings |', '|---|---|');
      for (const sev of SEVERITY_ORDER) if (s.bySeverity[sev]) out.push(`| ${sev} | ${s.bySeverity[sev]} |`);
      out.push('', '| category | findings |', '|---|---|');
      for (const [cat, n] of Object.entries(s.byCategory).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`| ${cell(cat)} | ${n} |`);
      out.push('', '## Findings', '', '| severity | category | resource | message | remediation | declared at |', '|---|---|---|---|---|---|');
      for (const f of report.findings) {
        const resource = `${f.resource.type} ${f.resource.name}${f.resource.id !== f.resource.name ? ` (${f.resource.id})` : ''}`;
        out.push(`| ${f.severity} | ${cell(f.category)} | ${cell(resource)} | ${cell(f.message)} | ${cell(f.remediation)} | \`${cell(f.location.file)}:${f.location.line}\` |`);
      }
      out.push('');
    }
    out.push('## Organization', '', 'Drifted nodes are coloured by their worst finding; dashed nodes exist but are not declared.', '', '```mermaid', mermaidTree(driftTree(report)).trimEnd(), '```', '');
    const unchecked = notChecked(report);
    out.push('<details><summary>Not checked by the audit: ' + `${unchecked.length} properties lzkit deploys</summary>`, '', '| property | why |', '|---|---|');
    for (const u of unchecked) out.push(`| \`${cell(u.path)}\` | ${cell(u.why)} |`);
    out.push('', '</details>', '');
    out.push(`<sub>${cell(provenanceLine(p))}</sub>`, '');
    return out.join('\n');
  },
};
