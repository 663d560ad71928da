import type { Reporter } from './report';
import { summarize } from './report';

/** The JSON contract of design.md, exactly: no other keys, so consumers can rely on it. */
export const jsonReporter: Reporter = {
  format: 'json',
  extension: 'json',
  render: (report) => `${JSON.stringify({
    schemaVersion: 1,
    generatedAt: report.generatedAt,
    organizationId: report.snapshot.organization.id,
    summary: summarize(report),
    findings: report.findings.map((f) => ({
      id: f.id, category: f.category, severity: f.severity, resource: { type: f.resource.type, id: f.resource.id, name: f.resource.name },
      expected: f.expected ?? null, actual: f.actual ?? null, message: f.message, remediation: f.remediation,
    })),
  }, null, 2)}\n`,
};
