import { provenanceOf } from './provenance';
import type { Reporter } from './report';
import { notChecked, summarize } from './report';

/** The JSON contract of design.md, and what produced the report (keys are only ever added). */
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
    })),
    complete: p.unauditable === 0,
    lzkitVersion: p.lzkitVersion,
    declarationCommit: p.declarationCommit ?? null,
    notChecked: notChecked(report),
  }, null, 2)}\n`; },
};
