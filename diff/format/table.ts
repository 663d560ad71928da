import type { AccessChange, DiffReport, NetworkChange, OrganizationChange } from '../types';
import { describeGroup, groupDecisions, list, originLabel, summaryLines } from './groups';

const where = (l: { file: string; line: number }) => `${l.file}:${l.line}`;

export function describeOrganization(c: OrganizationChange): string {
  return `${c.kind.padEnd(24)} ${c.subject}: ${c.detail}`;
}

export function describeAccess(c: AccessChange): string {
  if (c.kind === 'assignment-added' || c.kind === 'assignment-removed') {
    return `${c.principal} ${c.kind === 'assignment-added' ? 'gains' : 'loses'} ${c.permissionSet} in ${list(c.accounts ?? [], 5)}`;
  }
  if (c.kind === 'permission-set-changed') return `permission set ${c.permissionSet} changes: ${(c.fields ?? []).join(', ')}`;
  return `permission set ${c.permissionSet} ${c.kind === 'permission-set-created' ? 'created' : 'removed'}`;
}

export function describeNetwork(c: NetworkChange): string {
  if (c.kind === 'reachability') return `${c.subject} <-> ${c.peer}: ${c.before} -> ${c.after}`;
  if (c.kind === 'spoke-added') return `${c.subject} added (${c.after})`;
  if (c.kind === 'spoke-removed') return `${c.subject} removed (${c.before})`;
  return `${c.subject} ${c.kind === 'cidr-changed' ? 'CIDR' : 'segment'}: ${c.before} -> ${c.after}`;
}

/** The terminal view: the summary, then each section's lines with where they are declared. */
export function renderTable(report: DiffReport): string {
  const out: string[] = [`lzkit diff: ${originLabel(report.base)} -> ${originLabel(report.head)}`];
  if (!report.summary.changed) return `${out[0]}\nno change: the organization stays as it is\n`;
  out.push(...summaryLines(report).map((l) => `  ${l}`));
  for (const e of report.summary.errors) out.push(`error: ${e}`);
  const section = (title: string, lines: string[]) => { if (lines.length) out.push('', title, ...lines); };
  section('Guardrail decisions', groupDecisions(report.decisions).flatMap((g) => [
    `  ${g.after === 'Allowed' ? 'WIDENED ' : g.before === 'Allowed' ? 'narrowed' : 'changed '} ${describeGroup(g)}`,
    `           because ${g.cause}${g.locations.length ? ` (${g.locations.map(where).join(', ')})` : ''}`,
  ]));
  section('Organization', report.organization.map((c) => `  ${describeOrganization(c)} (${where(c.location)})`));
  section('Access', report.access.map((c) => `  ${describeAccess(c)} (${where(c.location)})`));
  section('Network', report.network.map((c) => `  ${describeNetwork(c)} (${where(c.location)})`));
  section('Resources', report.resources.map((r) => `  ${r.stack.padEnd(16)} ${r.action.padEnd(8)} ${r.address}${r.forcedBy ? ` (forced by ${r.forcedBy.join(', ')})` : ''}${r.from ? ` (from stack ${r.from})` : ''}${r.protected ? '  PROTECTED' : ''}`));
  return `${out.join('\n')}\n`;
}
