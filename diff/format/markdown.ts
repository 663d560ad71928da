import type { DiffReport, DiffSide } from '../types';
import { groupDecisions, list, originLabel, summaryLines } from './groups';
import { describeAccess, describeNetwork } from './table';
import { changedTree } from './tree';

/** Table cells: pipes and line breaks would break the row; HTML-like text must stay text on GitHub. */
function cell(text: unknown): string {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const at = (l: { file: string; line: number }) => `\`${cell(l.file)}:${l.line}\``;

/** Marks the comment, so the pull-request workflow updates its own comment instead of adding one per push. */
export const MARKDOWN_MARKER = '<!-- lzkit-diff -->';

/**
 * For a pull-request comment: the verdict and the counts first, then each section's details, and
 * a Mermaid picture of the changed part of the OU tree (GitHub renders it).
 */
export function renderMarkdown(report: DiffReport, base: DiffSide, head: DiffSide): string {
  const s = report.summary;
  const out: string[] = [MARKDOWN_MARKER, `## lzkit diff: ${cell(originLabel(report.base))} → ${cell(originLabel(report.head))}`, ''];
  if (!s.changed) return `${[...out, '✅ **No change**: the organization stays as it is.'].join('\n')}\n`;
  const verdict = s.errors.length ? '⛔ **This change cannot be applied as it is.**' : s.widened ? `⚠️ **Widens the guardrails**: ${s.decisionsWidened} decision(s) go from denied to allowed.` : 'ℹ️ Changes the organization; no guardrail decision widens.';
  out.push(verdict, '', ...summaryLines(report).map((l) => `- ${cell(l)}`), '');
  for (const e of s.errors) out.push(`- ⛔ ${cell(e)}`);
  if (s.errors.length) out.push('');

  const groups = groupDecisions(report.decisions);
  if (groups.length) {
    out.push('### Guardrail decisions', '', '| | accounts | requests | before → after | because | declared at |', '|---|---|---|---|---|---|');
    for (const g of groups) {
      const icon = g.after === 'Allowed' ? '⚠️ widened' : g.before === 'Allowed' ? 'narrowed' : 'changed';
      const requests = g.byRegions.map((r) => `${r.actions.length === 1 ? r.actions[0] : `${r.actions.length} actions (${list(r.actions)})`} in ${r.regions.join(', ')}`).join('; ');
      out.push(`| ${icon} | ${cell(list(g.accounts, 5))} (${g.accounts.length}) | ${cell(requests)} | ${g.before} → ${g.after} | ${cell(g.cause)} | ${g.locations.map(at).join(' ')} |`);
    }
    out.push('', `<sub>${s.evaluated.actions} actions × ${s.evaluated.regions} regions evaluated for the ${s.evaluated.chains} policy chain(s) that changed; every other account keeps its decisions.</sub>`, '');
  }
  if (report.organization.length) {
    out.push('### Organization', '', '| change | subject | what happens | declared at |', '|---|---|---|---|');
    for (const c of report.organization) out.push(`| ${c.severity === 'error' ? '⛔ ' : ''}${c.kind} | ${cell(c.subject)} | ${cell(c.detail)} | ${at(c.location)} |`);
    out.push('');
  }
  if (report.access.length) {
    out.push('### Access', '', '| change | declared at |', '|---|---|');
    for (const c of report.access) out.push(`| ${cell(describeAccess(c))} | ${at(c.location)} |`);
    out.push('');
  }
  if (report.network.length) {
    out.push('### Network', '', '| change | declared at |', '|---|---|');
    for (const c of report.network) out.push(`| ${cell(describeNetwork(c))} | ${at(c.location)} |`);
    out.push('');
  }
  if (report.resources.length) {
    out.push('### Resources', '', '<details><summary>Terraform resources per stack</summary>', '', '| stack | action | address |', '|---|---|---|');
    for (const r of report.resources) out.push(`| ${cell(r.stack)} | ${r.protected ? '⛔ ' : ''}${r.action}${r.forcedBy ? ` (${cell(r.forcedBy.join(', '))})` : ''}${r.from ? ` (from ${cell(r.from)})` : ''} | \`${cell(r.address)}\` |`);
    out.push('', '</details>', '');
  }
  const tree = changedTree(report, base, head);
  if (tree) out.push('### Where in the organization', '', '```mermaid', tree.trimEnd(), '```', '');
  return out.join('\n');
}
