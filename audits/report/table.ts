import Table from 'cli-table3';
import { incompleteBanner, provenanceLine, provenanceOf } from './provenance';
import type { Reporter } from './report';
import { notChecked, summarize } from './report';

/** The terminal view: one row per finding, then the counts. */
export const tableReporter: Reporter = {
  format: 'table',
  extension: 'txt',
  render: (report) => {
    const s = summarize(report);
    const p = provenanceOf(report);
    const banner = incompleteBanner(p);
    const head = `${banner ? `${banner}\n` : ''}organization ${report.snapshot.organization.id}: ${s.accounts} accounts, ${s.findings} finding(s)`;
    const unchecked = `not checked: ${notChecked(report).length} properties lzkit deploys (listed in the json and markdown reports)`;
    if (report.findings.length === 0) return `${head}: no drift\n${unchecked}\n${provenanceLine(p)}\n`;
    const table = new Table({
      head: ['severity', 'category', 'resource', 'message', 'declared at'],
      colWidths: [10, 26, 28, 44, 28],
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (const f of report.findings) {
      table.push([f.severity, f.category, `${f.resource.type} ${f.resource.name}${f.resource.id !== f.resource.name ? ` (${f.resource.id})` : ''}`, f.message, `${f.location.file}:${f.location.line}`]);
    }
    const counts = Object.entries(s.bySeverity).map(([k, v]) => `${v} ${k}`).join(', ');
    return `${head}\n${table.toString()}\n${counts}${banner ? ' (INCOMPLETE)' : ''}\n${unchecked}\n${provenanceLine(p)}\n`;
  },
};
