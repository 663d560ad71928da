import { createHash } from 'crypto';
import type { SourceLocation } from '../../model/types';
import type { DiffReport } from '../types';
import { describeAccess, describeNetwork } from './table';
import { describeGroup, groupDecisions } from './groups';

type Level = 'error' | 'warning' | 'note';

/** One rule per kind of consequence; code scanning groups and filters alerts by rule. */
const RULES: readonly { id: string; level: Level; title: string; description: string }[] = [
  { id: 'guardrail-widened', level: 'warning', title: 'Guardrail decision widened', description: 'A request the guardrails denied before is allowed after this change.' },
  { id: 'guardrail-narrowed', level: 'note', title: 'Guardrail decision narrowed', description: 'A request the guardrails allowed before is denied after this change.' },
  { id: 'guardrail-changed', level: 'note', title: 'Guardrail decision changed', description: 'A denied request is denied differently (explicitly or implicitly) after this change.' },
  { id: 'account-removed', level: 'error', title: 'Account removed', description: 'An account leaves the declaration: Terraform acts on the AWS account itself.' },
  { id: 'organization-changed', level: 'note', title: 'Organization changed', description: 'Accounts or OUs created, moved or renamed; policy types or trusted access turned on or off.' },
  { id: 'access-changed', level: 'note', title: 'Access changed', description: 'Permission sets or assignments change: who may sign in where, with which permissions.' },
  { id: 'network-changed', level: 'note', title: 'Network changed', description: 'Spokes, CIDRs or the reachability between spokes change.' },
  { id: 'protected-resource', level: 'error', title: 'Protected resource replaced or destroyed', description: 'A resource with prevent_destroy would be replaced (Terraform refuses the plan) or destroyed (its protection leaves with its block).' },
];

interface Result { ruleId: string; message: string; locations: readonly SourceLocation[]; key: string }

/**
 * SARIF 2.1.0 for code scanning: each consequence located on the declaration line that causes it
 * (the head side's; for what was removed, the base side's). Decisions come one result per group
 * of accounts, as the other formats show them.
 */
export function renderSarif(report: DiffReport): string {
  const results: Result[] = [];
  for (const g of groupDecisions(report.decisions)) {
    const ruleId = g.after === 'Allowed' ? 'guardrail-widened' : g.before === 'Allowed' ? 'guardrail-narrowed' : 'guardrail-changed';
    results.push({ ruleId, message: `${describeGroup(g)}, because ${g.cause}`, locations: g.locations, key: `${g.accounts.join(',')}|${g.before}|${g.after}|${g.cause}` });
  }
  for (const c of report.organization) {
    results.push({ ruleId: c.kind === 'account-removed' ? 'account-removed' : 'organization-changed', message: `${c.subject}: ${c.detail}`, locations: [c.location], key: `${c.kind}|${c.subject}` });
  }
  for (const c of report.access) results.push({ ruleId: 'access-changed', message: describeAccess(c), locations: [c.location], key: `${c.kind}|${c.principal ?? ''}|${c.permissionSet}` });
  for (const c of report.network) results.push({ ruleId: 'network-changed', message: describeNetwork(c), locations: [c.location], key: `${c.kind}|${c.subject}|${c.peer ?? ''}` });
  report.resources.filter((r) => r.protected).forEach((r, i) => {
    results.push({ ruleId: 'protected-resource', message: report.summary.errors[i] ?? `${r.stack}: ${r.address} ${r.action}`, locations: r.location ? [r.location] : [], key: `${r.stack}|${r.address}` });
  });

  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'lzkit diff', informationUri: 'https://github.com/lzkit/lzkit', semanticVersion: '0.1.0',
          rules: RULES.map((r) => ({
            id: r.id, name: r.title.split(' ').map((w) => w[0].toUpperCase() + w.slice(1)).join(''), shortDescription: { text: r.title }, fullDescription: { text: r.description },
            help: { text: r.description }, defaultConfiguration: { level: r.level }, properties: { tags: ['landing-zone', 'diff'] },
          })),
        },
      },
      automationDetails: { id: 'lzkit-diff/' },
      originalUriBaseIds: { '%SRCROOT%': { uri: '' } },
      results: results.map((r) => ({
        ruleId: r.ruleId,
        ruleIndex: index.get(r.ruleId),
        level: RULES[index.get(r.ruleId)!].level,
        message: { text: r.message },
        locations: r.locations.slice(0, 10).map((l) => ({
          physicalLocation: { artifactLocation: { uri: l.file, uriBaseId: '%SRCROOT%' }, region: { startLine: l.line, startColumn: l.column } },
        })),
        partialFingerprints: { 'lzkitDiff/v1': createHash('sha256').update(`${r.ruleId}|${r.key}`).digest('hex').slice(0, 32) },
      })),
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
