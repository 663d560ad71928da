import type { Diagnostics } from '../diagnostics';
import type { LandingZone } from '../landing-zone';
import { ROOT, suggest } from '../organization';
import { roleAccount, type Section, type SectionContext } from '../section';
import { checkTargets } from '../targets';
import type { Targets } from '../types';
import type {
  AccessAnalyzerDeclaration, AutoEnable, ConfigDeclaration, ConfigDeliveryFrequency, GuardDutyDeclaration, GuardDutyProtection,
  SecurityHubDeclaration, SecurityServicesDeclaration,
} from './types';

export type * from './types';

/** The service principal each service is delegated under (organization.yaml delegatedAdministrators). */
export const SECURITY_SERVICE_PRINCIPALS = {
  guardDuty: 'guardduty.amazonaws.com',
  securityHub: 'securityhub.amazonaws.com',
  config: 'config.amazonaws.com',
  accessAnalyzer: 'access-analyzer.amazonaws.com',
} as const;
export type SecurityService = keyof typeof SECURITY_SERVICE_PRINCIPALS;

/**
 * The Security Hub standards a configuration policy can enable, by identifier, as the standards
 * reference lists them (https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html).
 * Their ARNs are regional (`arn:aws:securityhub:<region>::standards/<id>`), except CIS 1.2.0's ruleset.
 */
export const SECURITY_HUB_STANDARDS: readonly string[] = [
  'aws-foundational-security-best-practices/v/1.0.0',
  'aws-resource-tagging-standard/v/1.0.0',
  'cis-aws-foundations-benchmark/v/1.2.0',
  'cis-aws-foundations-benchmark/v/1.4.0',
  'cis-aws-foundations-benchmark/v/3.0.0',
  'cis-aws-foundations-benchmark/v/5.0.0',
  'nist-800-53/v/5.0.0',
  'nist-800-171/v/2.0.0',
  'pci-dss/v/3.2.1',
  'pci-dss/v/4.0.1',
];

/** The ARN of a standard in the region its configuration policy is managed from. */
export function securityHubStandardArn(standard: string, region: string): string {
  return standard === 'cis-aws-foundations-benchmark/v/1.2.0'
    ? `arn:aws:securityhub:::ruleset/${standard}`
    : `arn:aws:securityhub:${region}::standards/${standard}`;
}

/** A security control id as Security Hub names them (`IAM.6`, `EC2.19`, `S3.1`): https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html */
const CONTROL_ID = /^[A-Za-z0-9]+\.\d+$/;
/** IAM Access Analyzer's bounds of unusedAccessAge (UnusedAccessConfiguration of @aws-sdk/client-accessanalyzer). */
const UNUSED_ACCESS_DAYS = { min: 1, max: 365 } as const;

interface RawSecurityServices {
  administratorAccount?: string;
  guardDuty?: {
    autoEnable?: AutoEnable;
    protection?: Partial<Record<GuardDutyProtection, boolean>>;
    exportFindings?: boolean;
  };
  securityHub?: {
    aggregationRegion?: string;
    configurationPolicy?: { name?: string; description?: string; standards?: string[]; disabledControls?: string[]; targets?: Targets };
  };
  config?: { deliveryFrequency?: ConfigDeliveryFrequency; recorders?: { targets?: Targets }; aggregator?: { name?: string } };
  accessAnalyzer?: { name?: string; unusedAccess?: { name?: string; days?: number } };
}

/**
 * accounts/security-services.yaml: GuardDuty, Security Hub, AWS Config and IAM Access Analyzer
 * across the organization, administered from one account. The meaning pass checks the account
 * (and that organization.yaml delegates each declared service to it), the aggregation region,
 * the standards and control ids, the targets, and the unused-access window.
 */
export const securityServicesSection: Section<SecurityServicesDeclaration> = {
  file: 'security-services.yaml',
  schema: 'security-services.schema.json',
  build: buildSecurityServices,
};

function buildSecurityServices(ctx: SectionContext): SecurityServicesDeclaration {
  const { file, core, diagnostics: d } = ctx;
  const raw = (file.data ?? {}) as RawSecurityServices;
  const o = core.organization;
  const administratorAccount = roleAccount(ctx, raw.administratorAccount, {
    path: ['administratorAccount'], role: 'securityTooling', alsoRole: 'audit', label: 'security tooling', missingCode: 'SECURITY_ADMIN_ACCOUNT_MISSING',
    notManagement: { code: 'SECURITY_ADMIN_IS_MANAGEMENT', why: 'the security services must not be administered from the management account (AWS advises against it, and Security Hub central configuration refuses it); name a member account such as a security tooling account' },
  });

  // The delegation itself is organization.yaml's: the section builds on it and says what is missing.
  for (const service of Object.keys(SECURITY_SERVICE_PRINCIPALS) as SecurityService[]) {
    if (!raw[service] || !administratorAccount || core.gaps?.organization) continue;
    const principal = SECURITY_SERVICE_PRINCIPALS[service];
    const delegated = o.delegatedAdministrators.find((da) => da.servicePrincipal === principal);
    if (delegated?.account === administratorAccount) continue;
    d.error(file.locateKey([], service), 'SECURITY_ADMIN_NOT_DELEGATED', delegated
      ? `organization.yaml delegates ${principal} to '${delegated.account}', not to the administrator '${administratorAccount}'; make them the same account`
      : `${service} is administered from '${administratorAccount}', but organization.yaml does not delegate ${principal}; add { service: ${principal}, account: ${administratorAccount} } to delegatedAdministrators`);
  }

  return Object.freeze({
    source: file.locate([]),
    administratorAccount,
    guardDuty: raw.guardDuty && guardDutyOf(raw.guardDuty, ctx),
    securityHub: raw.securityHub && securityHubOf(raw.securityHub, ctx),
    config: raw.config && configOf(raw.config, ctx),
    accessAnalyzer: raw.accessAnalyzer && accessAnalyzerOf(raw.accessAnalyzer, ctx),
  });
}

function guardDutyOf(raw: NonNullable<RawSecurityServices['guardDuty']>, { file }: SectionContext): GuardDutyDeclaration {
  return {
    autoEnable: raw.autoEnable ?? 'ALL',
    protection: { ...(raw.protection ?? {}) },
    exportFindings: raw.exportFindings ?? false,
    source: file.locateKey([], 'guardDuty'),
    protectionSource: file.locateKey(['guardDuty'], 'protection'),
    exportSource: file.locateKey(['guardDuty'], 'exportFindings'),
  };
}

function securityHubOf(raw: NonNullable<RawSecurityServices['securityHub']>, { file, core, diagnostics: d }: SectionContext): SecurityHubDeclaration {
  const o = core.organization;
  const aggregationRegion = raw.aggregationRegion ?? o.homeRegion;
  if (!o.allowedRegions.includes(aggregationRegion) && !core.gaps?.organization) {
    d.error(file.locate(['securityHub', 'aggregationRegion']), 'REGION_NOT_ALLOWED',
      `the aggregation region ${aggregationRegion} is not in organization.allowedRegions${suggest(aggregationRegion, [...o.allowedRegions])}; name an allowed region (the home region, ${o.homeRegion}, by default)`);
  }
  const policy = raw.configurationPolicy ?? {};
  const at = (...k: (string | number)[]) => file.locate(['securityHub', 'configurationPolicy', ...k]);
  const standards = policy.standards ?? ['aws-foundational-security-best-practices/v/1.0.0'];
  standards.forEach((s, i) => {
    if (!SECURITY_HUB_STANDARDS.includes(s)) {
      d.error(at('standards', i), 'UNKNOWN_STANDARD', `'${s}' is not a Security Hub standard${suggest(s, SECURITY_HUB_STANDARDS)}; the standards are ${SECURITY_HUB_STANDARDS.join(', ')}`);
    }
  });
  const disabledControls = policy.disabledControls ?? [];
  disabledControls.forEach((c, i) => {
    if (!CONTROL_ID.test(c)) d.error(at('disabledControls', i), 'INVALID_CONTROL_ID', `'${c}' is not a security control id (SERVICE.NUMBER, such as IAM.6 or S3.1)`);
  });
  const targets: Targets = policy.targets ?? { ous: [ROOT] };
  if (policy.targets) {
    checkTargets(core, targets, file, ['securityHub', 'configurationPolicy', 'targets'], d);
    if (targets.excludeAccounts?.length) {
      d.error(at('targets', 'excludeAccounts'), 'POLICY_TARGETS_NO_EXCLUDE',
        'a configuration policy is associated with the root, OUs or accounts, and accounts below inherit it; name the OUs and accounts it applies to instead of excluding some');
    }
  }
  return {
    aggregationRegion,
    configurationPolicy: {
      name: policy.name ?? 'lzkit-baseline',
      description: policy.description ?? 'Security Hub as lzkit declares it (accounts/security-services.yaml)',
      standards: [...standards], disabledControls: [...disabledControls].sort(), targets,
      source: file.locateKey(['securityHub'], 'configurationPolicy'),
      standardsSource: file.locateKey(['securityHub', 'configurationPolicy'], 'standards'),
      controlsSource: file.locateKey(['securityHub', 'configurationPolicy'], 'disabledControls'),
    },
    source: file.locateKey([], 'securityHub'),
  };
}

function configOf(raw: NonNullable<RawSecurityServices['config']>, { file, core, diagnostics: d }: SectionContext): ConfigDeclaration {
  const recorderTargets: Targets = raw.recorders?.targets ?? { ous: [ROOT] };
  if (raw.recorders?.targets) {
    const at = ['config', 'recorders', 'targets'];
    checkTargets(core, recorderTargets, file, at, d);
    if (recorderTargets.accounts?.length) {
      d.error(file.locate([...at, 'accounts']), 'STACKSET_TARGETS_OUS_ONLY',
        'the recorders of member accounts are a service-managed StackSet, which deploys to OUs, not to single accounts; name the OUs (and excludeAccounts to leave accounts out)');
    }
  }
  return {
    deliveryFrequency: raw.deliveryFrequency ?? 'TwentyFour_Hours',
    recorderTargets,
    aggregatorName: raw.aggregator?.name ?? 'lzkit-organization',
    source: file.locateKey([], 'config'),
    recordersSource: raw.recorders ? file.locateKey(['config'], 'recorders') : file.locateKey([], 'config'),
    aggregatorSource: raw.aggregator ? file.locateKey(['config'], 'aggregator') : file.locateKey([], 'config'),
  };
}

function accessAnalyzerOf(raw: NonNullable<RawSecurityServices['accessAnalyzer']>, { file, diagnostics: d }: SectionContext): AccessAnalyzerDeclaration {
  const unused = raw.unusedAccess;
  const days = unused?.days ?? 90;
  if (unused && (days < UNUSED_ACCESS_DAYS.min || days > UNUSED_ACCESS_DAYS.max)) {
    d.error(file.locate(['accessAnalyzer', 'unusedAccess', 'days']), 'UNUSED_ACCESS_DAYS_INVALID',
      `IAM Access Analyzer reports access unused for ${UNUSED_ACCESS_DAYS.min} to ${UNUSED_ACCESS_DAYS.max} days, got ${days}`);
  }
  return {
    name: raw.name ?? 'lzkit-organization',
    unusedAccess: unused ? { name: unused.name ?? 'lzkit-organization-unused-access', days, source: file.locateKey(['accessAnalyzer'], 'unusedAccess') } : undefined,
    source: file.locateKey([], 'accessAnalyzer'),
  };
}

/**
 * Rules across sections: GuardDuty's findings export and AWS Config's delivery both go to the
 * log archive, so they need logging.yaml.
 */
export function checkSecurityServicesNeedLogging(lz: LandingZone, d: Diagnostics): void {
  const s = lz.securityServices;
  if (!s || lz.logging) return;
  if (s.guardDuty?.exportFindings) {
    d.error(s.guardDuty.exportSource, 'LOG_ARCHIVE_REQUIRED', 'GuardDuty exports its findings to the log archive, which is declared in accounts/logging.yaml; declare it, or set exportFindings: false');
  }
  if (s.config) {
    d.error(s.config.source, 'LOG_ARCHIVE_REQUIRED', 'AWS Config delivers to the log archive, which is declared in accounts/logging.yaml; declare it, or remove config');
  }
}
