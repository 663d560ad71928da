import { ROOT } from '../../../model/organization';
import { SECURITY_HUB_STANDARDS } from '../../../model/security-services';
import type { ImportedDeclaration } from '../../import/types';
import { isNotRead, isRead, type Readable } from '../../readable';
import type { CoreSnapshot } from '../../snapshot-core';
import type { LiveSecurityServices } from './snapshot';

/** The protection plan lzkit declares for each GuardDuty organization feature (the reverse of desired/security-services.ts). */
const PROTECTION: Readonly<Record<string, string>> = {
  S3_DATA_EVENTS: 's3', EKS_AUDIT_LOGS: 'eksAuditLogs', RUNTIME_MONITORING: 'runtimeMonitoring',
  EBS_MALWARE_PROTECTION: 'malwareProtection', RDS_LOGIN_EVENTS: 'rdsLoginEvents', LAMBDA_NETWORK_LOGS: 'lambdaNetworkLogs',
};

/**
 * security-services.yaml from what the administrator sees: GuardDuty's auto-enable and protection
 * plans, Security Hub's aggregation region and configuration policy (standards, disabled controls,
 * where it is associated), the Access Analyzers. GuardDuty's export and AWS Config deliver to the
 * log archive, which import does not write: they are noted, not declared.
 */
export function importSecurityServices(s: CoreSnapshot, part: Readable<LiveSecurityServices> | undefined, d: ImportedDeclaration): void {
  if (part === undefined) return;
  if (isNotRead(part)) {
    d.notes.push(`security services: the snapshot could not read them (${part.notRead.join(', ')}); security-services.yaml not imported`);
    return;
  }
  const file: Record<string, unknown> = { administratorAccount: d.names.accounts.get(part.administratorAccountId) ?? part.administratorAccountId };

  const detector = part.guardDuty?.map((r) => r.detector).find((x) => x !== null && isRead(x) && isRead(x.organization));
  if (detector && !isNotRead(detector) && !isNotRead(detector.organization)) {
    const protection = Object.fromEntries(detector.organization.features.flatMap((f) => (PROTECTION[f.name] ? [[PROTECTION[f.name], f.status !== 'NONE']] : [])));
    file.guardDuty = { autoEnable: detector.organization.autoEnableOrganizationMembers ?? 'NONE', ...(Object.keys(protection).length ? { protection } : {}) };
    if (isRead(detector.destinations) && detector.destinations.length) d.notes.push('guardDuty: findings are exported, to the log archive of logging.yaml, which import does not write; declare it, then exportFindings: true');
  }

  const hub = part.securityHub;
  const policy = hub && isRead(hub.policies) ? hub.policies[0] : undefined;
  if (hub && policy) {
    const standards = policy.enabledStandardArns.map((arn) => /(?:standards|ruleset)\/(.+)$/.exec(arn)?.[1] ?? arn);
    for (const x of standards.filter((id) => !SECURITY_HUB_STANDARDS.includes(id))) d.notes.push(`securityHub: the standard ${x} is not one lzkit declares; not imported`);
    const associated = isRead(hub.associations) ? hub.associations.filter((a) => a.policyId === policy.id).map((a) => a.targetId) : [];
    const ous = associated.filter((t) => t === s.root.id || d.names.ous.has(t)).map((t) => d.names.ous.get(t) ?? ROOT);
    const accounts = associated.filter((t) => d.names.accounts.has(t)).map((t) => d.names.accounts.get(t)!);
    file.securityHub = {
      aggregationRegion: hub.region,
      configurationPolicy: {
        name: policy.name, ...(policy.description ? { description: policy.description } : {}),
        standards: standards.filter((id) => SECURITY_HUB_STANDARDS.includes(id)),
        ...(policy.disabledControls.length ? { disabledControls: [...policy.disabledControls] } : {}),
        ...(ous.length || accounts.length ? { targets: { ...(ous.length ? { ous: [...new Set(ous)].sort() } : {}), ...(accounts.length ? { accounts: accounts.sort() } : {}) } } : {}),
      },
    };
  }

  if (part.configAggregator !== undefined) d.notes.push('config: AWS Config delivers to the log archive of logging.yaml, which import does not write; declare it, then config');

  const analyzers = part.accessAnalyzers?.flatMap((r) => (isRead(r.analyzers) ? r.analyzers : [])) ?? [];
  const organization = analyzers.find((a) => a.type === 'ORGANIZATION');
  const unused = analyzers.find((a) => a.type === 'ORGANIZATION_UNUSED_ACCESS');
  if (organization) {
    file.accessAnalyzer = { name: organization.name, ...(unused ? { unusedAccess: { name: unused.name, ...(unused.unusedAccessAgeDays ? { days: unused.unusedAccessAgeDays } : {}) } } : {}) };
  }
  if (Object.keys(file).length === 1) return;
  // The services run in every allowed region of the declaration: the regions they run in are allowed.
  const running = [
    ...(part.guardDuty ?? []).filter((r) => r.detector !== null && !isNotRead(r.detector)).map((r) => r.region),
    ...(hub && isRead(hub.aggregator) && hub.aggregator ? [hub.region, ...hub.aggregator.regions] : []),
    ...(part.accessAnalyzers ?? []).filter((r) => isRead(r.analyzers) && r.analyzers.length).map((r) => r.region),
  ];
  const organizationFile = d.accountsFiles.get('organization.yaml') as { organization?: { allowedRegions?: string[] } } | undefined;
  const allowed = organizationFile?.organization?.allowedRegions;
  if (allowed) allowed.push(...[...new Set(running)].filter((r) => !allowed.includes(r)).sort());
  d.accountsFiles.set('security-services.yaml', file);
  d.headers.set('security-services.yaml', 'GuardDuty, Security Hub and IAM Access Analyzer as the administrator sees them, imported by `lzkit import`.');
}
