import { CATEGORIES } from '../drift';
import type { Severity } from '../../model/types';
import { provenanceOf } from './provenance';
import type { Reporter } from './report';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning orders alerts by this number (0.1 .. 10). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.5' };

/**
 * SARIF 2.1.0: one rule per drift category, each result at the declaration file and line of
 * the declared element, so code scanning shows drift on the line that declares it.
 */
export const sarifReporter: Reporter = {
  format: 'sarif',
  extension: 'sarif',
  render: (report) => {
    const rules = [...CATEGORIES.values()];
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const p = provenanceOf(report);
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: 'lzkit', informationUri: 'https://github.com/lzkit/lzkit', semanticVersion: p.lzkitVersion,
            rules: rules.map((r) => ({
              id: r.id, name: r.title.replace(/[^A-Za-z]/g, ''), shortDescription: { text: r.title }, fullDescription: { text: r.description },
              help: { text: r.description }, defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['drift', 'landing-zone'], 'security-severity': SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        automationDetails: { id: `lzkit-audit/${report.snapshot.organization.id}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: '' } },
        properties: { complete: p.unauditable === 0, unauditable: p.unauditable, declarationCommit: p.declarationCommit ?? null },
        results: report.findings.map((f) => ({
          ruleId: f.category,
          ...(index.has(f.category) ? { ruleIndex: index.get(f.category) } : {}),
          level: LEVEL[f.severity],
          message: { text: `${f.message}. ${f.remediation}` },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: f.location.file, uriBaseId: '%SRCROOT%' },
              region: { startLine: f.location.line, startColumn: f.location.column },
            },
          }],
          partialFingerprints: { 'lzkitFinding/v1': f.id },
          properties: { severity: f.severity, resource: f.resource, expected: f.expected ?? null, actual: f.actual ?? null },
        })),
      }],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
  },
};
