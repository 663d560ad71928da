import { isNotRead, type Readable } from '../../readable';
import { AccessDenied, AwsError, epoch, page } from '../../sandbox/protocol';
import type { JsonHandler, JsonInput, SandboxService } from '../../sandbox/service';
import { section, served, type SandboxWorld } from '../../sandbox/world';
import type { LiveAccountRecorders, LiveFeature, LiveRecorderStatus, LiveSecurityServices } from './snapshot';

/*
 * GuardDuty, Security Hub, AWS Config and IAM Access Analyzer as the collectors call them (their
 * REST-JSON and JSON 1.1 APIs, paths and member names as the SDK clients send and read them),
 * answered from the snapshot's security services part: the organization-wide reads only in the
 * administrator account, each account's recorders only in that account.
 */
const KEY = 'securityServices';
const ISO = new Date(epoch() * 1000).toISOString();

/** The area, in the administrator account only (another account's audit role sees nothing of it). */
function administrator(w: SandboxWorld, caller: string, operation: string): LiveSecurityServices | undefined {
  const s = section(w.part<LiveSecurityServices>(KEY), operation);
  return s && s.administratorAccountId === caller ? s : undefined;
}

/** Pagination with the names a REST API gives it (`maxResults`/`nextToken`, or Security Hub's `MaxResults`/`NextToken`). */
function pageOf<T>(items: readonly T[], input: JsonInput, size: number): { items: T[]; NextToken?: string } {
  const token = (input.nextToken ?? input.NextToken) as string | undefined;
  const max = input.maxResults ?? input.MaxResults;
  return page(items, { NextToken: token || undefined, MaxResults: max === undefined ? undefined : Number(max) }, size);
}

// ---- GuardDuty (REST-JSON, lowerCamel members) ----

function detector(w: SandboxWorld, input: JsonInput, caller: string, region: string, op: string) {
  const s = administrator(w, caller, `guardduty:${op}`);
  const r = s?.guardDuty?.find((x) => x.region === region);
  const d = r ? served(r.detector, `guardduty:${op}`) : null;
  if (!d || d.id !== input.detectorId) throw new AwsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.', 400);
  return d;
}

const featureJson = (f: LiveFeature, key: 'status' | 'autoEnable') => ({ name: f.name, [key]: f.status, additionalConfiguration: f.additional.map((a) => ({ name: a.name, [key]: a.status })) });

const GUARDDUTY_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListDetectors: (w, input, size, caller, region) => {
    const r = administrator(w, caller, 'guardduty:ListDetectors')?.guardDuty?.find((x) => x.region === region);
    const d = r ? served(r.detector, 'guardduty:ListDetectors') : null;
    const p = pageOf(d ? [d.id] : [], input, size);
    return { detectorIds: p.items, nextToken: p.NextToken };
  },
  GetDetector: (w, input, _s, caller, region) => {
    const d = served(detector(w, input, caller, region, 'GetDetector').detector, 'guardduty:GetDetector');
    return { status: d.status, serviceRole: `arn:aws:iam::${caller}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`, findingPublishingFrequency: 'SIX_HOURS', features: d.features.map((f) => featureJson(f, 'status')) };
  },
  DescribeOrganizationConfiguration: (w, input, _s, caller, region) => {
    const o = served(detector(w, input, caller, region, 'DescribeOrganizationConfiguration').organization, 'guardduty:DescribeOrganizationConfiguration');
    return { autoEnableOrganizationMembers: o.autoEnableOrganizationMembers, memberAccountLimitReached: false, features: o.features.map((f) => featureJson(f, 'autoEnable')) };
  },
  ListPublishingDestinations: (w, input, size, caller, region) => {
    const list = served(detector(w, input, caller, region, 'ListPublishingDestinations').destinations, 'guardduty:ListPublishingDestinations');
    const p = pageOf(list, input, size);
    return { destinations: p.items.map((d) => ({ destinationId: d.id, destinationType: d.type, status: d.status })), nextToken: p.NextToken };
  },
  DescribePublishingDestination: (w, input, _s, caller, region) => {
    const d = served(detector(w, input, caller, region, 'DescribePublishingDestination').destinations, 'guardduty:DescribePublishingDestination').find((x) => x.id === input.destinationId);
    if (!d) throw new AwsError('BadRequestException', 'The request is rejected because the one or more input parameters have invalid values.', 400);
    return { destinationId: d.id, destinationType: d.type, status: d.status, publishingFailureStartTimestamp: 0, destinationProperties: { destinationArn: d.destinationArn, kmsKeyArn: d.kmsKeyArn } };
  },
  ListMembers: (w, input, size, caller, region) => {
    const det = detector(w, input, caller, region, 'ListMembers');
    const p = pageOf(served(det.members, 'guardduty:ListMembers'), input, size);
    return {
      members: p.items.map((m) => ({ accountId: m.accountId, detectorId: det.id, masterId: caller, administratorId: caller, email: `${m.accountId}@example.com`, relationshipStatus: m.status, updatedAt: ISO })),
      nextToken: p.NextToken,
    };
  },
};

// ---- Security Hub (REST-JSON, PascalCase members) ----

function hub(w: SandboxWorld, caller: string, region: string, op: string) {
  const h = administrator(w, caller, `securityhub:${op}`)?.securityHub;
  // Central configuration is read in the aggregation region; elsewhere the administrator manages nothing of it.
  if (!h || h.region !== region) throw new AwsError('AccessDeniedException', 'Must be a Security Hub delegated administrator with Central Configuration enabled', 403);
  return h;
}

const SECURITYHUB_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeOrganizationConfiguration: (w, _i, _s, caller, region) => {
    const o = served(hub(w, caller, region, 'DescribeOrganizationConfiguration').organization, 'securityhub:DescribeOrganizationConfiguration');
    return { AutoEnable: o.autoEnable, MemberAccountLimitReached: false, AutoEnableStandards: o.autoEnableStandards, OrganizationConfiguration: { ConfigurationType: o.configurationType, Status: o.status } };
  },
  ListFindingAggregators: (w, input, size, caller, region) => {
    const a = served(hub(w, caller, region, 'ListFindingAggregators').aggregator, 'securityhub:ListFindingAggregators');
    const p = pageOf(a ? [a.arn] : [], input, size);
    return { FindingAggregators: p.items.map((arn) => ({ FindingAggregatorArn: arn })), NextToken: p.NextToken };
  },
  GetFindingAggregator: (w, input, _s, caller, region) => {
    const a = served(hub(w, caller, region, 'GetFindingAggregator').aggregator, 'securityhub:GetFindingAggregator');
    if (!a || a.arn !== input.FindingAggregatorArn) throw new AwsError('ResourceNotFoundException', `Finding aggregator ${String(input.FindingAggregatorArn)} does not exist`, 404);
    return { FindingAggregatorArn: a.arn, FindingAggregationRegion: region, RegionLinkingMode: a.regionLinkingMode, Regions: a.regions };
  },
  ListConfigurationPolicies: (w, input, size, caller, region) => {
    const p = pageOf(served(hub(w, caller, region, 'ListConfigurationPolicies').policies, 'securityhub:ListConfigurationPolicies'), input, size);
    return { ConfigurationPolicySummaries: p.items.map((c) => ({ Arn: c.arn, Id: c.id, Name: c.name, Description: c.description, ServiceEnabled: c.serviceEnabled })), NextToken: p.NextToken };
  },
  GetConfigurationPolicy: (w, input, _s, caller, region) => {
    const c = served(hub(w, caller, region, 'GetConfigurationPolicy').policies, 'securityhub:GetConfigurationPolicy').find((x) => x.id === input.Identifier || x.arn === input.Identifier);
    if (!c) throw new AwsError('ResourceNotFoundException', `Configuration policy ${String(input.Identifier)} does not exist`, 404);
    return {
      Arn: c.arn, Id: c.id, Name: c.name, Description: c.description,
      ConfigurationPolicy: { SecurityHub: { ServiceEnabled: c.serviceEnabled, EnabledStandardIdentifiers: c.enabledStandardArns, SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: c.disabledControls } } },
    };
  },
  ListConfigurationPolicyAssociations: (w, input, size, caller, region) => {
    const type = (input.Filters as { AssociationType?: string } | undefined)?.AssociationType;
    // The snapshot holds the applied associations only: asked for inherited ones, there are none.
    const list = type === undefined || type === 'APPLIED' ? served(hub(w, caller, region, 'ListConfigurationPolicyAssociations').associations, 'securityhub:ListConfigurationPolicyAssociations') : [];
    const p = pageOf(list, input, size);
    return {
      ConfigurationPolicyAssociationSummaries: p.items.map((a) => ({ ConfigurationPolicyId: a.policyId, TargetId: a.targetId, TargetType: a.targetType, AssociationType: 'APPLIED', AssociationStatus: a.status })),
      NextToken: p.NextToken,
    };
  },
  ListMembers: (w, input, size, caller, region) => {
    const h = administrator(w, caller, 'securityhub:ListMembers')?.securityHub;
    const m = h?.members.find((x) => x.region === region);
    const p = pageOf(m ? served(m.members, 'securityhub:ListMembers') : [], input, size);
    return { Members: p.items.map((x) => ({ AccountId: x.accountId, MemberStatus: x.status, AdministratorId: caller })), NextToken: p.NextToken };
  },
};

// ---- AWS Config (JSON 1.1) ----

const CONFIG_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeConfigurationAggregators: (w, input, size, caller) => {
    const s = administrator(w, caller, 'config:DescribeConfigurationAggregators');
    const a = s?.configAggregator === undefined ? null : served(s.configAggregator, 'config:DescribeConfigurationAggregators');
    const names = (input.ConfigurationAggregatorNames as string[] | undefined) ?? [];
    const found = a && (!names.length || names.includes(a.name)) ? [a] : [];
    if (names.length && !found.length) throw new AwsError('NoSuchConfigurationAggregatorException', `The configuration aggregator ${names.join(', ')} does not exist.`);
    const p = page(found, { NextToken: input.NextToken as string | undefined, MaxResults: input.Limit as number | undefined }, size);
    return {
      ConfigurationAggregators: p.items.map((x) => ({
        ConfigurationAggregatorName: x.name, ConfigurationAggregatorArn: x.arn, CreationTime: epoch(),
        OrganizationAggregationSource: { RoleArn: x.roleArn, AwsRegions: x.regions, AllAwsRegions: x.allRegions },
      })),
      NextToken: p.NextToken,
    };
  },
  DescribeConfigurationRecorderStatus: (w, _i, _s, caller, region) => {
    const state = w.snapshot.accountStates[caller];
    if (!state || isNotRead(state)) throw new AccessDenied('config:DescribeConfigurationRecorderStatus');
    const part = (state as Record<string, unknown>)[KEY] as LiveAccountRecorders | undefined;
    const statuses: Readable<readonly LiveRecorderStatus[]> = part?.recorders.find((r) => r.region === region)?.statuses ?? [];
    return { ConfigurationRecordersStatus: served(statuses, 'config:DescribeConfigurationRecorderStatus').map((r) => ({ name: r.name, recording: r.recording, lastStatus: r.lastStatus })) };
  },
};

// ---- IAM Access Analyzer (REST-JSON, lowerCamel members) ----

const ACCESS_ANALYZER_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListAnalyzers: (w, input, size, caller, region) => {
    const r = administrator(w, caller, 'access-analyzer:ListAnalyzers')?.accessAnalyzers?.find((x) => x.region === region);
    const all = r ? served(r.analyzers, 'access-analyzer:ListAnalyzers') : [];
    const p = pageOf(input.type ? all.filter((a) => a.type === input.type) : all, input, size);
    return {
      analyzers: p.items.map((a) => ({
        arn: `arn:aws:access-analyzer:${region}:${caller}:analyzer/${a.name}`, name: a.name, type: a.type, status: a.status, createdAt: ISO,
        ...(a.unusedAccessAgeDays !== undefined ? { configuration: { unusedAccess: { unusedAccessAge: a.unusedAccessAgeDays } } } : {}),
      })),
      nextToken: p.NextToken,
    };
  },
};

export const SECURITY_SERVICES: readonly SandboxService[] = [
  {
    // https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Operations.html
    service: 'guardduty', protocol: 'rest-json', operations: GUARDDUTY_OPERATIONS,
    routes: [
      { method: 'GET', path: '/detector', operation: 'ListDetectors' },
      { method: 'GET', path: '/detector/{detectorId}', operation: 'GetDetector' },
      { method: 'GET', path: '/detector/{detectorId}/admin', operation: 'DescribeOrganizationConfiguration' },
      { method: 'GET', path: '/detector/{detectorId}/publishingDestination', operation: 'ListPublishingDestinations' },
      { method: 'GET', path: '/detector/{detectorId}/publishingDestination/{destinationId}', operation: 'DescribePublishingDestination' },
      { method: 'GET', path: '/detector/{detectorId}/member', operation: 'ListMembers' },
    ],
  },
  {
    // https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Operations.html
    service: 'securityhub', protocol: 'rest-json', operations: SECURITYHUB_OPERATIONS,
    routes: [
      { method: 'GET', path: '/organization/configuration', operation: 'DescribeOrganizationConfiguration' },
      { method: 'GET', path: '/findingAggregator/list', operation: 'ListFindingAggregators' },
      { method: 'GET', path: '/findingAggregator/get/{FindingAggregatorArn+}', operation: 'GetFindingAggregator' },
      { method: 'GET', path: '/configurationPolicy/list', operation: 'ListConfigurationPolicies' },
      { method: 'GET', path: '/configurationPolicy/get/{Identifier}', operation: 'GetConfigurationPolicy' },
      { method: 'POST', path: '/configurationPolicyAssociation/list', operation: 'ListConfigurationPolicyAssociations' },
      { method: 'GET', path: '/members', operation: 'ListMembers' },
    ],
  },
  { service: 'config', protocol: 'json', throttle: 'ThrottlingException', operations: CONFIG_OPERATIONS },
  {
    // https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html
    service: 'access-analyzer', protocol: 'rest-json', operations: ACCESS_ANALYZER_OPERATIONS,
    routes: [{ method: 'GET', path: '/analyzer', operation: 'ListAnalyzers' }],
  },
];
