import { provenanceOf } from './provenance';
import type { Reporter } from './report';
import { notChecked, summarize } from './report';

/**
 * The JSON report: the findings, each with the declaration line that asks for what drifted (the
 * line SARIF points at), and what produced the report. Keys are only ever added.
 */
export const jsonReporter: Reporter = {
  format: 'json',
  extension: 'json',
  render: (report) => { const p = provenanceOf(report); return `${JSON.stringify({
    schemaVersion: 1,
    generatedAt: report.generatedAt,
    organizationId: report.snapshot.organization.id,
    summary: summarize(report),
    findings: report.findings.map((f) => ({
      id: f.id, category: f.category, severity: f.severity, resource: { type: f.resource.type, id: f.resource.id, name: f.resource.name },
      expected: f.expected ?? null, actual: f.actual ?? null, message: f.message, remediation: f.remediation,
      declaration: { file: f.location.file, line: f.location.line, column: f.location.column },
    })),
    complete: p.unauditable === 0,
    lzkitVersion: p.lzkitVersion,
    declarationCommit: p.declarationCommit ?? null,
    notChecked: notChecked(report),
  }, null, 2)}\n`; },
};
