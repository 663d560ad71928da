import { createHash } from 'crypto';
import type { DesiredGuardDutyFeature } from '../../../desired';
import type { SeedContext } from '../area';
import type { LiveAccountRecorders, LiveFeature, LiveMember, LiveSecurityServices } from './snapshot';

/*
 * The security services as the security-services stack (and the services themselves, once it
 * deployed) leave them: GuardDuty on in every region with the organization configuration, the
 * administrator's features and the export as declared, every account a member; Security Hub's
 * central configuration with the policy and its associations; the Config aggregator; the
 * analyzers; a recorder running in every recording account and region. Only ids are invented.
 */

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);
const uuid = (seed: string): string => { const h = hex(seed, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`; };

/** Every declared account but the management account and the administrator: the members a service enabling ALL has. */
function members(ctx: SeedContext, admin: string, status: string): LiveMember[] {
  const management = ctx.managementAccountId;
  return [...ctx.lz.accounts.values()].flatMap((a) => {
    const id = ctx.ids.accountId(a.name);
    return id && id !== management && id !== admin ? [{ accountId: id, status }] : [];
  }).sort((a, b) => a.accountId.localeCompare(b.accountId));
}

const asFeature = (f: DesiredGuardDutyFeature, status: (s: string) => string): LiveFeature =>
  ({ name: f.name, status: status(f.autoEnable), additional: f.additionalConfiguration.map((a) => ({ name: a.name, status: status(a.autoEnable) })) });

export function seedSecurityServices(ctx: SeedContext): LiveSecurityServices | undefined {
  const d = ctx.desired.securityServices;
  const admin = d && ctx.ids.accountId(d.administrator);
  if (!d || !admin) return undefined;
  const g = d.guardDuty;
  const h = d.securityHub;
  const c = d.config;
  const policyId = h && uuid(`${admin}/${h.policy.name}`);
  return {
    administratorAccountId: admin,
    ...(g ? {
      guardDuty: g.regions.map((region) => ({
        region,
        detector: {
          id: hex(`${admin}/${region}/detector`, 32),
          detector: { status: 'ENABLED', features: g.features.map((f) => asFeature(f, (s) => (s === 'NONE' ? 'DISABLED' : 'ENABLED'))) },
          organization: { autoEnableOrganizationMembers: g.autoEnableOrganizationMembers, features: g.features.map((f) => asFeature(f, (s) => s)) },
          destinations: g.publishing
            ? [{ id: hex(`${admin}/${region}/destination`, 32), type: 'S3', status: 'PUBLISHING', destinationArn: g.publishing.destinationArn, kmsKeyArn: g.publishing.kmsKeyArn }]
            : [],
          members: g.autoEnableOrganizationMembers === 'ALL' ? members(ctx, admin, 'Enabled') : [],
        },
      })),
    } : {}),
    ...(h && policyId ? {
      securityHub: {
        region: h.region,
        organization: { configurationType: h.organizationConfiguration.configurationType, status: 'ENABLED', autoEnable: h.organizationConfiguration.autoEnable, autoEnableStandards: h.organizationConfiguration.autoEnableStandards },
        aggregator: { arn: `arn:aws:securityhub:${h.region}:${admin}:finding-aggregator/${uuid(`${admin}/aggregator`)}`, regionLinkingMode: h.aggregator.linkingMode, regions: [...h.aggregator.regions].sort() },
        policies: [{
          id: policyId, arn: `arn:aws:securityhub:${h.region}:${admin}:configuration-policy/${policyId}`, name: h.policy.name, description: h.policy.description,
          serviceEnabled: h.policy.serviceEnabled, enabledStandardArns: [...h.policy.enabledStandardArns], disabledControls: [...h.policy.disabledControls].sort(),
        }],
        associations: h.associations.map((t) => ({ policyId, targetId: t.id, targetType: t.kind === 'ou' ? (t.name === 'Root' ? 'ROOT' : 'ORGANIZATIONAL_UNIT') : 'ACCOUNT', status: 'SUCCESS' }))
          .sort((a, b) => a.targetId.localeCompare(b.targetId)),
        members: h.regions.map((region) => ({ region, members: members(ctx, admin, 'ENABLED') })),
      },
    } : {}),
    ...(c ? {
      configAggregator: {
        name: c.aggregator.name, arn: `arn:aws:config:${c.aggregator.region}:${admin}:config-aggregator/config-aggregator-${hex(c.aggregator.name, 8)}`,
        roleArn: `arn:aws:iam::${admin}:role/${c.aggregator.roleName}`, regions: [...c.aggregator.regions].sort(), allRegions: false,
      },
    } : {}),
    ...(d.accessAnalyzers ? {
      accessAnalyzers: [...new Set(d.accessAnalyzers.map((a) => a.region))].map((region) => ({
        region,
        analyzers: d.accessAnalyzers!.filter((a) => a.region === region)
          .map((a) => ({ name: a.name, type: a.type, status: 'ACTIVE', ...(a.unusedAccessAgeDays ? { unusedAccessAgeDays: a.unusedAccessAgeDays } : {}) }))
          .sort((x, y) => x.name.localeCompare(y.name)),
      })),
    } : {}),
  };
}

/** A recorder running in every allowed region of each recording account; none elsewhere. */
export function seedRecorders(ctx: SeedContext, accountId: string): LiveAccountRecorders | undefined {
  const c = ctx.desired.securityServices?.config;
  if (!c) return undefined;
  const records = c.recordingAccounts.some((name) => ctx.ids.accountId(name) === accountId);
  return { recorders: c.regions.map((region) => ({ region, statuses: records ? [{ name: c.recorder.name, recording: true, lastStatus: 'SUCCESS' }] : [] })) };
}
