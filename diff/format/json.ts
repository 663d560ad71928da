import type { DiffReport } from '../types';

const at = (l: { file: string; line: number }) => `${l.file}:${l.line}`;

/**
 * The JSON report (schemaVersion 1): decisions as { account, action, region, before, after,
 * cause } and resources as { stack, address, action, from? } (from: the stack a moved resource
 * leaves); the other sections carry where the change
 * is declared as `FILE:LINE`.
 */
export function renderJson(report: DiffReport): string {
  const out = {
    schemaVersion: report.schemaVersion,
    base: report.base,
    head: report.head,
    summary: report.summary,
    decisions: report.decisions.map(({ account, action, region, before, after, cause }) => ({ account, action, region, before, after, cause })),
    organization: report.organization.map(({ location, ...c }) => ({ ...c, location: at(location) })),
    access: report.access.map(({ location, ...c }) => ({ ...c, location: at(location) })),
    network: report.network.map(({ location, ...c }) => ({ ...c, location: at(location) })),
    resources: report.resources.map(({ stack, address, action, from }) => ({ stack, address, action, ...(from ? { from } : {}) })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
