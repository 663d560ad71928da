import type { LandingZone } from '../../model/landing-zone';
import type { Finding } from '../drift';
import { reporterFor, summarize, type AuditReport } from '../report';
import type { Snapshot } from '../snapshot';

/** Where a run's reports go (the report bucket; a Map in tests). */
export interface ReportStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, body: string, contentType: string): Promise<void>;
}

/** What a scheduled run does besides writing its reports; every side effect is passed in. */
export interface RunEffects {
  readonly store: ReportStore;
  /** Publishes to the notification topic. */
  readonly notify: (subject: string, message: string) => Promise<void>;
  /** Security Hub export (ASFF), when the declaration enables it. */
  readonly exportFindings?: (findings: readonly Finding[], snapshot: Snapshot) => Promise<void>;
}

export interface RunOutcome {
  /** Keys written, by format. */
  readonly reports: Readonly<Record<string, string>>;
  /** True when the findings differ from the previous run's (and the topic was told). */
  readonly changed: boolean;
  readonly findings: number;
}

/** The previous run's JSON report: what "changed" is measured against. */
export const LATEST_JSON = 'latest/drift.json';
/** Formats written every run; the human one is HTML when a reporter exists, else markdown, else the table. */
const MACHINE_FORMATS = ['json', 'sarif'] as const;
const HUMAN_FORMATS = ['html', 'markdown', 'table'] as const;

/**
 * Writes the run's reports under `reports/YYYY/MM/DD/<time>/`, compares its findings with the
 * previous run's, notifies only when they changed (with the markdown summary), exports to
 * Security Hub when enabled, and makes this run the previous one for tomorrow.
 */
export async function publishRun(lz: LandingZone, snapshot: Snapshot, findings: readonly Finding[], effects: RunEffects, now: Date = new Date()): Promise<RunOutcome> {
  const report: AuditReport = { lz, snapshot, findings, generatedAt: now.toISOString() };
  const prefix = `reports/${now.toISOString().slice(0, 10).replace(/-/g, '/')}/${now.toISOString().slice(11, 19).replace(/:/g, '')}`;
  const reports: Record<string, string> = {};
  const human = HUMAN_FORMATS.map((f) => reporterFor(f)).find((r) => r !== undefined);
  for (const reporter of [...MACHINE_FORMATS.map((f) => reporterFor(f)), human]) {
    if (!reporter) continue;
    const key = `${prefix}/drift.${reporter.extension}`;
    await effects.store.put(key, reporter.render(report), CONTENT_TYPES[reporter.extension] ?? 'text/plain');
    reports[reporter.format] = key;
  }

  const json = reporterFor('json')!.render(report);
  const previous = await effects.store.get(LATEST_JSON);
  const changed = previous === undefined ? findings.length > 0 : fingerprint(previous) !== fingerprint(json);
  if (changed) await effects.notify(subjectOf(report), summaryOf(report, reports));
  if (effects.exportFindings && findings.length) await effects.exportFindings(findings, snapshot);
  await effects.store.put(LATEST_JSON, json, 'application/json');
  return { reports, changed, findings: findings.length };
}

/** What a run's findings are, without when it ran: ids plus what was observed. */
export function fingerprint(jsonReport: string): string {
  const parsed = JSON.parse(jsonReport) as { findings?: { id: string; actual: unknown }[] };
  return JSON.stringify((parsed.findings ?? []).map((f) => [f.id, f.actual]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}

function subjectOf(report: AuditReport): string {
  const n = report.findings.length;
  // SNS subjects are at most 100 ASCII characters.
  return (n ? `lzkit drift: ${n} finding(s) in ${report.snapshot.organization.id}` : `lzkit drift cleared in ${report.snapshot.organization.id}`).slice(0, 100);
}

/** The markdown summary sent to the topic (the markdown reporter when there is one). */
export function summaryOf(report: AuditReport, reports: Readonly<Record<string, string>>): string {
  const markdown = reporterFor('markdown');
  if (markdown) return markdown.render(report);
  const s = summarize(report);
  const lines = [
    `# lzkit drift audit of ${report.snapshot.organization.id}`, '',
    `${s.findings} finding(s) across ${s.accounts} account(s), ${report.generatedAt}.`, '',
    '| Severity | Category | Resource | Finding |', '| --- | --- | --- | --- |',
    ...report.findings.slice(0, 50).map((f) => `| ${f.severity} | ${f.category} | ${f.resource.type} ${f.resource.name} | ${f.message.replace(/\|/g, '\\|')} |`),
    ...(report.findings.length > 50 ? [`| | | | ... ${report.findings.length - 50} more |`] : []),
    '', `Reports: ${Object.values(reports).join(', ')}`,
  ];
  return lines.join('\n');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json', sarif: 'application/sarif+json', html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', txt: 'text/plain; charset=utf-8',
};
