import type { LandingZone } from '../../model/landing-zone';
import type { Finding } from '../drift';
import { AUDIT_COVERAGE } from '../drift/coverage';
import type { LiveTree } from '../drift/match';
import { readOr, type Snapshot } from '../snapshot';

/** What every reporter formats: reporters only format, they decide nothing. */
export interface AuditReport {
  readonly lz: LandingZone;
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  readonly generatedAt: string;
  /** The declaration's git commit (`declarationCommit()`), when it is in a git repository. */
  readonly declarationCommit?: string;
}

export interface Reporter {
  readonly format: string;
  /** File extension for `--output` defaults and the demo's reports/. */
  readonly extension: string;
  render(report: AuditReport): string;
}

/** Counts for summaries: by severity and by category, only keys that occur. */
export function summarize(report: AuditReport): { accounts: number; findings: number; bySeverity: Record<string, number>; byCategory: Record<string, number> } {
  const bySeverity: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  for (const f of report.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  return { accounts: liveTree(report.snapshot).accounts.length, findings: report.findings.length, bySeverity, byCategory };
}

/** The tree as far as it was read (a part not read shows as empty; its unauditable finding says why). */
export function liveTree(s: Snapshot): LiveTree {
  return { root: s.root, organizationalUnits: readOr(s.organizationalUnits, []), accounts: readOr(s.accounts, []) };
}

/**
 * What lzkit deploys for this declaration that the audit does not check, and why (the desired
 * state's coverage, audits/drift/coverage.ts), for the sections the declaration has.
 */
export function notChecked(report: Pick<AuditReport, 'lz'>): { path: string; why: string }[] {
  const declared = (path: string): boolean => {
    const section = path.split('.')[0];
    return section === 'organization' || section === 'guardrails' || report.lz[section as 'logging' | 'network' | 'identity'] !== undefined;
  };
  return AUDIT_COVERAGE.flatMap((c) => (c.audit === 'not-checked' && declared(c.path) ? [{ path: c.path, why: c.why }] : []));
}
