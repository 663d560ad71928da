import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES, detectDrift } from '../../audits/drift';
import { reportFormats, reporterFor, type AuditReport } from '../../audits/report';
import { applyDrift } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { exampleLandingZone, got } from './fixtures';

const lz = exampleLandingZone();
const snapshot = applyDrift(snapshotFromDeclaration(lz), ['scp-edited', 'root-keys', 'unmanaged-account']);
const report: AuditReport = { lz, snapshot, findings: detectDrift(lz, snapshot), generatedAt: '2026-01-01T00:00:00.000Z' };

describe('reporters', () => {
  it('are looked up by format, so new formats need no CLI change', () => {
    expect(reportFormats()).toEqual(expect.arrayContaining(['table', 'json', 'sarif']));
    expect(reporterFor('nope')).toBeUndefined();
  });

  it('json: the summary, the findings each on its declaring line, whether the audit is complete and what produced it', () => {
    const out = JSON.parse(reporterFor('json')!.render(report));
    expect(Object.keys(out)).toEqual(['schemaVersion', 'generatedAt', 'organizationId', 'summary', 'findings', 'complete', 'lzkitVersion', 'declarationCommit', 'notChecked']);
    // What the audit does not check of what lzkit deploys is part of the report, with the reason.
    expect(out.notChecked).toContainEqual({ path: 'logging.trail.cloudWatch', why: expect.stringContaining('CloudWatch Logs') });
    expect(out.notChecked.map((n: { path: string }) => n.path)).not.toContain('logging.trail.dataEvents');
    expect(out.schemaVersion).toBe(1);
    expect(out.organizationId).toBe(snapshot.organization.id);
    expect(out.summary.accounts).toBe(got(snapshot.accounts).length);
    expect(out.summary.findings).toBe(report.findings.length);
    expect(Object.values(out.summary.bySeverity).reduce((a: number, b) => a + (b as number), 0)).toBe(report.findings.length);
    expect(Object.keys(out.summary.byCategory).sort()).toEqual(['account-unmanaged', 'policy-modified', 'root-access-keys-present']);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['id', 'category', 'severity', 'resource', 'expected', 'actual', 'message', 'remediation', 'declaration']);
      expect(Object.keys(f.resource)).toEqual(['type', 'id', 'name']);
      expect(Object.keys(f.declaration)).toEqual(['file', 'line', 'column']);
    }
    // The root keys of log-archive are located on the line of accounts.yaml that declares log-archive.
    const keys = out.findings.find((f: { category: string }) => f.category === 'root-access-keys-present');
    const line = fs.readFileSync(path.join(lz.dir, keys.declaration.file), 'utf8').split('\n')[keys.declaration.line - 1];
    expect(line).toMatch(new RegExp(`name: ${keys.resource.name}$`));
  });

  it('sarif 2.1.0 has one rule per category and one located result per finding', () => {
    const log = JSON.parse(reporterFor('sarif')!.render(report));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...CATEGORIES.keys()]);
    expect(run.results).toHaveLength(report.findings.length);
    report.findings.forEach((f, i) => {
      const r = run.results[i];
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(f.category);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(f.location.file);
      expect(r.locations[0].physicalLocation.region.startLine).toBe(f.location.line);
    });
    const edited = report.findings.find((f) => f.category === 'policy-modified')!;
    const guardrail = [...lz.guardrails.policies.values()].find((g) => g.name === edited.resource.name)!;
    expect(edited.location.file).toBe(guardrail.source.file);
  });

  it('table shows every finding and says so when there is no drift', () => {
    const text = reporterFor('table')!.render(report);
    for (const f of report.findings) expect(text).toContain(f.category);
    const clean = reporterFor('table')!.render({ ...report, findings: [] });
    expect(clean).toMatch(/no drift/);
  });
});
