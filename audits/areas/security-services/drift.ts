import type { DesiredGuardDuty, DesiredSecurityHub } from '../../../desired';
import type { SourceLocation } from '../../../model/types';
import { desiredForAudit, type AreaCheck, type AreaDriftContext } from '../../drift/context';
import { holdsUnknown } from '../../drift/desired';
import { categories, findingsOf, type Finding } from '../../drift/finding';
import type { ReadView } from '../../drift/unread';
import type { LiveAccountRecorders, LiveDetector, LiveFeature, LiveMember, LiveSecurityServices } from './snapshot';

export const SECURITY_SERVICES_CATEGORIES = categories([
  {
    id: 'security-service-disabled', severity: 'high', title: 'Security service disabled',
    description: 'A security service the declaration turns on is off where it should run: a GuardDuty detector missing or suspended, Security Hub off in the configuration policy, an AWS Config recorder missing or stopped, an aggregator or Access Analyzer missing.',
  },
  {
    id: 'security-service-misconfigured', severity: 'medium', title: 'Security service misconfigured',
    description: 'A security service runs with other settings than declared: auto-enable or protection plans, the findings export, central configuration, standards or controls of the configuration policy, its associations, the finding aggregator, the Config aggregator.',
  },
  {
    id: 'security-service-member-missing', severity: 'high', title: 'Security service member missing',
    description: 'An account of the organization is not an enabled member of a security service the declaration enables for every account: its threats or findings are not seen by the administrator.',
  },
]);
const finding = findingsOf(SECURITY_SERVICES_CATEGORIES);
type Check = AreaCheck<string, LiveSecurityServices>;
type Ctx = AreaDriftContext<LiveSecurityServices>;

const REDEPLOY = 'redeploy the security-services stack (cdktf deploy security-services); if the change was wanted, declare it in accounts/security-services.yaml';

/** The accounts every member-enabling service must cover: the organization's active declared accounts, but its management account and the administrator itself. */
function expectedMembers(ctx: Ctx, admin: string): { id: string; name: string }[] {
  const management = ctx.snapshot.organization.managementAccountId;
  return ctx.snapshot.accounts.filter((a) => a.state === 'ACTIVE' && a.id !== management && a.id !== admin)
    .flatMap((a) => {
      const declared = ctx.match.declaredAccounts.get(a.id);
      return declared ? [{ id: a.id, name: declared.name }] : [];
    });
}

/** Members the administrator does not have enabled, one finding each. */
function missingMembers(ctx: Ctx, service: string, region: string, members: readonly ReadView<LiveMember>[], enabled: string, location: SourceLocation): Finding[] {
  const status = new Map(members.map((m) => [m.accountId, m.status]));
  return expectedMembers(ctx, ctx.live.administratorAccountId).filter((a) => status.get(a.id) !== enabled).map((a) => finding({
    category: 'security-service-member-missing', resource: { type: 'account', id: a.id, name: a.name }, about: `${service}:${region}`,
    expected: enabled, actual: status.get(a.id) ?? null, location,
    message: `${a.name} (${a.id}) is ${status.has(a.id) ? `a ${status.get(a.id)} member` : 'not a member'} of ${service} in ${region}`,
    remediation: `${service === 'guardduty' ? 'GuardDuty' : 'Security Hub'} enables members from the administrator: check its organization configuration (auto-enable) in ${region}, or add the account as a member there`,
  }));
}

function featureDiffs(want: readonly { name: string; status: string; additional: readonly { name: string; status: string }[] }[], have: readonly ReadView<LiveFeature>[]): string[] {
  return want.flatMap((w) => {
    const h = have.find((x) => x.name === w.name);
    if (!h) return [`${w.name} not configured`];
    const out = h.status === w.status ? [] : [`${w.name} ${h.status}, declared ${w.status}`];
    for (const a of w.additional) {
      const ha = h.additional.find((x) => x.name === a.name);
      if (ha?.status !== a.status) out.push(`${w.name}/${a.name} ${ha?.status ?? 'not configured'}, declared ${a.status}`);
    }
    return out;
  });
}

/** GuardDuty in every declared region: the detector on, the organization configuration, the administrator's features, the export, the members. */
export const guardDuty: Check = (ctx) => {
  const want = desiredForAudit(ctx).securityServices?.guardDuty;
  const live = ctx.live.guardDuty;
  if (!want || !live) return [];
  return ctx.each(want.regions, (region) => {
    const r = live.find((x) => x.region === region);
    if (!r) return [];
    const resource = { type: 'guardduty-detector', id: `${ctx.live.administratorAccountId}/${r.region}`, name: `GuardDuty ${r.region}` };
    const d = r.detector;
    if (d === null) {
      return [finding({
        category: 'security-service-disabled', resource, about: 'detector', expected: 'ENABLED', actual: null, location: want.source,
        message: `GuardDuty has no detector in the administrator account in ${r.region}`, remediation: 'designate the administrator in the region again (cdktf deploy delegated-administrators)',
      })];
    }
    return ctx.each([detectorState, organizationConfiguration, ownFeatures, publishing, members], (part) => part(ctx, want, r.region, d, resource));
  });
};

type DetectorPart = (ctx: Ctx, want: DesiredGuardDuty, region: string, d: ReadView<LiveDetector>, resource: { type: string; id: string; name: string }) => Finding[];

const detectorState: DetectorPart = (_ctx, want, region, d, resource) => (d.detector.status === 'ENABLED' ? [] : [finding({
  category: 'security-service-disabled', resource, about: 'detector', expected: 'ENABLED', actual: d.detector.status, location: want.source,
  message: `GuardDuty is ${d.detector.status === 'DISABLED' ? 'suspended' : d.detector.status} in the administrator account in ${region}`,
  remediation: `aws guardduty update-detector --detector-id ${d.id} --enable --region ${region} (in the administrator account)`,
})]);

const organizationConfiguration: DetectorPart = (_ctx, want, region, d, resource) => {
  const o = d.organization;
  const out: Finding[] = [];
  if (o.autoEnableOrganizationMembers !== want.autoEnableOrganizationMembers) {
    out.push(finding({
      category: 'security-service-misconfigured', resource, about: 'auto-enable', expected: want.autoEnableOrganizationMembers, actual: o.autoEnableOrganizationMembers ?? null,
      location: want.source, message: `GuardDuty in ${region} auto-enables ${o.autoEnableOrganizationMembers ?? 'no'} members, declared ${want.autoEnableOrganizationMembers}`, remediation: REDEPLOY,
    }));
  }
  const diffs = featureDiffs(want.features.map((f) => ({ name: f.name, status: f.autoEnable, additional: f.additionalConfiguration.map((a) => ({ name: a.name, status: a.autoEnable })) })), o.features);
  if (diffs.length) {
    out.push(finding({
      category: 'security-service-misconfigured', resource, about: 'organization-features', expected: want.features, actual: o.features, location: want.featuresSource,
      message: `GuardDuty's protection plans for the members in ${region} differ from the declaration: ${diffs.join('; ')}`, remediation: REDEPLOY,
    }));
  }
  return out;
};

const ownFeatures: DetectorPart = (_ctx, want, region, d, resource) => {
  const status = (s: string) => (s === 'NONE' ? 'DISABLED' : 'ENABLED');
  const diffs = featureDiffs(want.features.map((f) => ({ name: f.name, status: status(f.autoEnable), additional: f.additionalConfiguration.map((a) => ({ name: a.name, status: status(a.autoEnable) })) })), d.detector.features);
  return diffs.length ? [finding({
    category: 'security-service-misconfigured', resource, about: 'administrator-features', expected: want.features, actual: d.detector.features, location: want.featuresSource,
    message: `GuardDuty's protection plans of the administrator account in ${region} differ from the declaration: ${diffs.join('; ')}`, remediation: REDEPLOY,
  })] : [];
};

const publishing: DetectorPart = (_ctx, want, region, d, resource) => {
  const p = want.publishing;
  if (!p || holdsUnknown(p)) return [];
  const match = d.destinations.find((x) => x.destinationArn === p.destinationArn && x.kmsKeyArn === p.kmsKeyArn);
  if (match && match.status !== 'STOPPED') return [];
  return [finding({
    category: 'security-service-misconfigured', resource, about: 'publishing', expected: { destinationArn: p.destinationArn, kmsKeyArn: p.kmsKeyArn }, actual: d.destinations,
    location: p.source, message: `GuardDuty in ${region} does not export its findings to ${p.destinationArn}${match ? ' (the export is stopped)' : ' with the archive key'}`, remediation: REDEPLOY,
  })];
};

const members: DetectorPart = (ctx, want, region, d) => (want.autoEnableOrganizationMembers === 'ALL' ? missingMembers(ctx, 'guardduty', region, d.members, 'Enabled', want.source) : []);

/** Security Hub central configuration: the organization configuration, the aggregator, the policy, its associations, the members. */
export const securityHub: Check = (ctx) => {
  const want = desiredForAudit(ctx).securityServices?.securityHub;
  const live = ctx.live.securityHub;
  if (!want || !live) return [];
  const resource = { type: 'securityhub', id: `${ctx.live.administratorAccountId}/${live.region}`, name: `Security Hub ${live.region}` };
  const bad = (about: string, expected: unknown, actual: unknown, message: string, location: SourceLocation = want.source, category: 'security-service-misconfigured' | 'security-service-disabled' = 'security-service-misconfigured'): Finding[] =>
    [finding({ category, resource, about, expected, actual, location, message, remediation: REDEPLOY })];
  const parts: (() => Finding[])[] = [
    () => {
      const o = live.organization;
      const c = want.organizationConfiguration;
      return o.configurationType === c.configurationType && o.status === 'ENABLED' ? [] : bad('configuration-type', c.configurationType, { configurationType: o.configurationType ?? null, status: o.status ?? null },
        `Security Hub's organization configuration is ${o.configurationType ?? 'not set'}${o.status && o.status !== 'ENABLED' ? ` (${o.status})` : ''}, declared ${c.configurationType}`);
    },
    () => {
      const a = live.aggregator;
      const expected = { regionLinkingMode: want.aggregator.linkingMode, regions: [...want.aggregator.regions].sort() };
      if (a === null) return bad('aggregator', expected, null, `Security Hub has no finding aggregator in ${live.region}`);
      return a.regionLinkingMode === expected.regionLinkingMode && JSON.stringify(a.regions) === JSON.stringify(expected.regions) ? []
        : bad('aggregator', expected, { regionLinkingMode: a.regionLinkingMode ?? null, regions: a.regions }, `Security Hub's finding aggregator links ${a.regions.join(', ') || 'no region'} (${a.regionLinkingMode}), declared ${expected.regions.join(', ') || 'none'}`);
    },
    ...policyParts(ctx, want, resource),
    ...live.members.filter((m) => want.regions.includes(m.region)).map((m) => () => missingMembers(ctx, 'securityhub', m.region, m.members, 'ENABLED', want.policySource)),
  ];
  return ctx.each(parts, (p) => p());
};

function policyParts(ctx: Ctx, want: DesiredSecurityHub, resource: { type: string; id: string; name: string }): (() => Finding[])[] {
  const live = ctx.live.securityHub!;
  const policy = () => live.policies.find((p) => p.name === want.policy.name);
  const bad = (about: string, expected: unknown, actual: unknown, message: string, location: SourceLocation, category: 'security-service-misconfigured' | 'security-service-disabled' = 'security-service-misconfigured'): Finding[] =>
    [finding({ category, resource, about, expected, actual, location, message, remediation: REDEPLOY })];
  return [
    () => {
      const p = policy();
      if (!p) return bad('policy', want.policy.name, live.policies.map((x) => x.name), `Security Hub has no configuration policy ${want.policy.name}`, want.policySource);
      const out: Finding[] = [];
      if (p.serviceEnabled !== want.policy.serviceEnabled) out.push(...bad('service-enabled', true, p.serviceEnabled ?? null, `the configuration policy ${p.name} turns Security Hub off`, want.policySource, 'security-service-disabled'));
      const standards = [...want.policy.enabledStandardArns].sort();
      const have = [...p.enabledStandardArns].sort();
      if (JSON.stringify(standards) !== JSON.stringify(have)) {
        const missing = standards.filter((s) => !have.includes(s));
        const extra = have.filter((s) => !standards.includes(s));
        out.push(...bad('standards', standards, have, `the configuration policy ${p.name} ${[missing.length ? `does not enable ${missing.join(', ')}` : '', extra.length ? `enables ${extra.join(', ')}, which the declaration does not` : ''].filter(Boolean).join(' and ')}`, want.standardsSource));
      }
      if (JSON.stringify([...want.policy.disabledControls].sort()) !== JSON.stringify(p.disabledControls)) {
        out.push(...bad('controls', want.policy.disabledControls, p.disabledControls, `the configuration policy ${p.name} disables ${p.disabledControls.join(', ') || 'no control'}, declared ${want.policy.disabledControls.join(', ') || 'none'}`, want.controlsSource));
      }
      return out;
    },
    () => {
      const p = policy();
      if (!p) return []; // reported above
      return want.associations.filter((t) => !holdsUnknown(t)).flatMap((t) => {
        const a = live.associations.find((x) => x.targetId === t.id);
        if (a?.policyId === p.id && a.status !== 'FAILED') return [];
        return bad(`association:${t.id}`, { policy: p.name, target: t.name }, a ? { policyId: a.policyId, status: a.status ?? null } : null,
          `the configuration policy ${p.name} is not associated with ${t.kind === 'ou' ? 'OU' : 'account'} ${t.name} (${t.id})${a?.status === 'FAILED' ? ': the association failed' : ''}`, want.policySource);
      });
    },
  ];
}

/** The Config organization aggregator, and the recorder of every recording account in every region. */
export const config: Check = (ctx) => {
  const want = desiredForAudit(ctx).securityServices?.config;
  if (!want) return [];
  const aggregator = (): Finding[] => {
    const a = ctx.live.configAggregator;
    const w = want.aggregator;
    const resource = { type: 'config-aggregator', id: `${ctx.live.administratorAccountId}/${w.name}`, name: w.name };
    if (a === undefined) return [];
    if (a === null) {
      return [finding({
        category: 'security-service-disabled', resource, about: 'aggregator', expected: w.name, actual: null, location: w.source,
        message: `the AWS Config organization aggregator ${w.name} does not exist in the administrator account (${w.region})`, remediation: REDEPLOY,
      })];
    }
    const expected = { regions: [...w.regions].sort(), allRegions: false, role: w.roleName };
    const actual = { regions: a.regions, allRegions: a.allRegions, role: a.roleArn?.slice(a.roleArn.lastIndexOf('/') + 1) ?? null };
    return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [finding({
      category: 'security-service-misconfigured', resource, about: 'aggregator', expected, actual, location: w.source,
      message: `the AWS Config organization aggregator ${w.name} aggregates ${a.allRegions ? 'every region' : a.regions.join(', ')} with role ${actual.role}, declared ${expected.regions.join(', ')} with ${expected.role}`,
      remediation: REDEPLOY,
    })];
  };
  const recorders = ctx.each(want.recordingAccounts, (name) => {
    const live = ctx.match.accounts.get(name);
    if (!live || live.state !== 'ACTIVE') return []; // account-missing / account-not-active say it
    const state = ctx.snapshot.accountStates[live.id];
    const part = state?.securityServices as ReadView<LiveAccountRecorders> | undefined;
    if (!part) return [];
    return ctx.each(part.recorders, (r) => {
      const recorder = r.statuses.find((x) => x.name === want.recorder.name);
      if (recorder?.recording) return [];
      return [finding({
        category: 'security-service-disabled', resource: { type: 'config-recorder', id: `${live.id}/${r.region}`, name: `${name} ${r.region}` }, about: 'recorder',
        expected: { name: want.recorder.name, recording: true }, actual: recorder ?? null, location: want.recordersSource,
        message: recorder ? `the AWS Config recorder of ${name} (${live.id}) in ${r.region} is stopped` : `${name} (${live.id}) has no AWS Config recorder ${want.recorder.name} in ${r.region}`,
        remediation: recorder
          ? `aws configservice start-configuration-recorder --configuration-recorder-name ${want.recorder.name} --region ${r.region} (in ${live.id})`
          : `redeploy the recorders (cdktf deploy security-services: the StackSet ${want.members.stackSetName})`,
      })];
    });
  });
  return [...ctx.each([aggregator], (p) => p()), ...recorders];
};

/** IAM Access Analyzer: each declared analyzer active, of its type, the unused-access one with its window. */
export const accessAnalyzer: Check = (ctx) => {
  const want = desiredForAudit(ctx).securityServices?.accessAnalyzers;
  const live = ctx.live.accessAnalyzers;
  if (!want || !live) return [];
  return ctx.each(want, (w) => {
    const region = live.find((r) => r.region === w.region);
    if (!region) return [];
    const a = region.analyzers.find((x) => x.name === w.name);
    const resource = { type: 'access-analyzer', id: `${ctx.live.administratorAccountId}/${w.region}/${w.name}`, name: `${w.name} ${w.region}` };
    if (!a || a.status !== 'ACTIVE') {
      return [finding({
        category: 'security-service-disabled', resource, about: 'analyzer', expected: { type: w.type, status: 'ACTIVE' }, actual: a ?? null, location: w.source,
        message: a ? `the IAM Access Analyzer ${w.name} in ${w.region} is ${a.status}` : `there is no IAM Access Analyzer ${w.name} in ${w.region}`, remediation: REDEPLOY,
      })];
    }
    const expected = { type: w.type, unusedAccessAgeDays: w.unusedAccessAgeDays ?? null };
    const actual = { type: a.type, unusedAccessAgeDays: a.unusedAccessAgeDays ?? null };
    return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [finding({
      category: 'security-service-misconfigured', resource, about: 'analyzer', expected, actual, location: w.source,
      message: `the IAM Access Analyzer ${w.name} in ${w.region} is of type ${a.type}${a.unusedAccessAgeDays !== undefined ? ` (${a.unusedAccessAgeDays} days)` : ''}, declared ${w.type}${w.unusedAccessAgeDays ? ` (${w.unusedAccessAgeDays} days)` : ''}`,
      remediation: REDEPLOY,
    })];
  });
};
