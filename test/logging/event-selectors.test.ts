import { CloudTrailClient, GetEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { AUDIT_ROLE_ACTIONS, iamActionOf } from '../../audits/collect/api-actions';
import { detectDrift, type Finding } from '../../audits/drift';
import { applyDrift, DRIFT_SCENARIOS, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { isNotRead, type Snapshot } from '../../audits/snapshot';
import { loadLandingZoneOrThrow } from '../../model';
import type { LandingZone } from '../../model/landing-zone';
import { auditAgainstSandbox, exampleLandingZone, got, STATIC_CREDENTIALS, type ReadSnapshot } from '../audits/fixtures';
import { edit, removeCopies, replaceOnce } from '../model/declaration-copy';
import { copyWithLogging, LOGGING_YAML } from './fixture';

/*
 * What CloudTrail answers, from its documentation (never from lzkit's own functions):
 * - GetEventSelectors takes TrailName (a name or the trail ARN) and answers TrailARN with either
 *   EventSelectors (ReadWriteType, IncludeManagementEvents, DataResources [{Type, Values}],
 *   ExcludeManagementEventSources) or AdvancedEventSelectors (Name, FieldSelectors); an unknown
 *   trail is TrailNotFoundException:
 *   https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html
 * - "trails created without specific event selectors will be configured to log all read and write
 *   management events, and no data events"; ExcludeManagementEventSources may hold
 *   kms.amazonaws.com or rdsdata.amazonaws.com, whose management events are then not logged:
 *   https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html
 * - data events of every S3 object are the Values prefix arn:aws:s3 of type AWS::S3::Object:
 *   https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html
 * - the permission, access level Read on a trail, is cloudtrail:GetEventSelectors:
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html
 */
const GET_SELECTORS = 'cloudtrail:GetEventSelectors';
/** A JSON protocol service (CloudTrail) names a denial AccessDeniedException, S3 AccessDenied. */
const DENIED = 'AccessDeniedException';
const DEFAULT_SELECTOR = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] };
const ALL_S3_OBJECTS = { type: 'AWS::S3::Object', values: ['arn:aws:s3'] };

const lz = exampleLandingZone();
afterAll(removeCopies);

/** The example with `dataEvents: { s3: true }` declared on its trail. */
function withS3DataEvents(): LandingZone {
  const dir = copyWithLogging();
  edit(dir, LOGGING_YAML, replaceOnce('    s3: false\n', '    s3: true\n'));
  return loadLandingZoneOrThrow(dir);
}
const s3Events = withS3DataEvents();

const deployedOf = (decl: LandingZone): ReadSnapshot => structuredClone(snapshotFromDeclaration(decl)) as unknown as ReadSnapshot;
const where = (f: Finding) => `${f.location.file}:${f.location.line}`;
/** Where the declaration has the trail (logging.yaml's `trail`): every trail finding points there. */
const trailLine = (decl: LandingZone) => `${decl.logging!.trail.source.file}:${decl.logging!.trail.source.line}`;
const shape = (f: Finding) => [f.category, where(f), f.expected, f.actual];
const selectorsOf = (s: ReadSnapshot) => s.logging!.trails[0].eventSelectors;

describe('the organization trail\'s event selectors, read by the real collector from the sandbox', () => {
  it('a perfect deployment of the example (no data events declared) audits clean, GetEventSelectors called once', async () => {
    const r = await auditAgainstSandbox({ snapshot: snapshotFromDeclaration(lz) });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.sandbox.byOperation[GET_SELECTORS]).toBe(1);
    // The stack renders no selector: CloudTrail's default one is what the trail has.
    expect(got(got(r.snapshot.logging).trails)[0].eventSelectors)
      .toEqual({ basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }], advanced: [] });
  });

  it('a declaration with S3 data events deployed perfectly audits clean', async () => {
    const r = await auditAgainstSandbox({ snapshot: snapshotFromDeclaration(s3Events) }, {}, s3Events);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(got(got(r.snapshot.logging).trails)[0].eventSelectors)
      .toEqual({ basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [ALL_S3_OBJECTS], excludeManagementEventSources: [] }], advanced: [] });
  });

  it('the sandbox answers as CloudTrail documents: TrailARN and EventSelectors (or AdvancedEventSelectors), TrailNotFoundException for an unknown trail', async () => {
    const s = deployedOf(s3Events);
    const trail = s.logging!.trails[0];
    const sb = await startSandbox({ snapshot: s as unknown as Snapshot });
    const ct = new CloudTrailClient({ region: trail.homeRegion, endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS });
    try {
      expect(await ct.send(new GetEventSelectorsCommand({ TrailName: trail.arn }))).toMatchObject({
        TrailARN: trail.arn,
        EventSelectors: [{ ...DEFAULT_SELECTOR, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
      });
      expect((await ct.send(new GetEventSelectorsCommand({ TrailName: trail.name }))).TrailARN).toBe(trail.arn);
      const held = (sb.world.snapshot as unknown as ReadSnapshot).logging!.trails[0] as unknown as { eventSelectors: unknown };
      held.eventSelectors = { basic: [], advanced: [{ name: 'Log all management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }] };
      const advanced = await ct.send(new GetEventSelectorsCommand({ TrailName: trail.arn }));
      expect(advanced.AdvancedEventSelectors).toEqual([{ Name: 'Log all management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }]);
      expect(advanced.EventSelectors).toBeUndefined();
      await expect(ct.send(new GetEventSelectorsCommand({ TrailName: 'no-such-trail' }))).rejects.toMatchObject({ name: 'TrailNotFoundException' });
    } finally {
      ct.destroy();
      await sb.stop();
    }
  });
});

describe('drift of the event selectors: one trail-misconfigured finding each, on the line declaring the trail', () => {
  it('scenario trail-management-events-off (IncludeManagementEvents false)', async () => {
    expect(DRIFT_SCENARIOS.has('trail-management-events-off')).toBe(true);
    const r = await auditAgainstSandbox({ snapshot: applyDrift(snapshotFromDeclaration(lz), ['trail-management-events-off']) });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map(shape)).toEqual([['trail-misconfigured', trailLine(lz), { readWriteType: 'All', includeManagementEvents: true },
      [{ readWriteType: 'All', includeManagementEvents: false, dataResources: [], excludeManagementEventSources: [] }]]]);
    expect(r.findings[0].message).toContain('does not log management events');
  });

  it('AWS KMS excluded (ExcludeManagementEventSources kms.amazonaws.com): its management events are dropped, one finding', async () => {
    const s = deployedOf(lz);
    selectorsOf(s).basic[0].excludeManagementEventSources = ['kms.amazonaws.com'];
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map(shape)).toEqual([['trail-misconfigured', trailLine(lz), [], ['kms.amazonaws.com']]]);
  });

  it('both Amazon RDS Data API and AWS KMS excluded: one finding naming both', async () => {
    const s = deployedOf(lz);
    selectorsOf(s).basic[0].excludeManagementEventSources = ['rdsdata.amazonaws.com', 'kms.amazonaws.com'];
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.findings.map(shape)).toEqual([['trail-misconfigured', trailLine(lz), [], ['kms.amazonaws.com', 'rdsdata.amazonaws.com']]]);
  });

  it('write-only management events: one finding (read events are not logged)', async () => {
    const s = deployedOf(lz);
    selectorsOf(s).basic[0].readWriteType = 'WriteOnly';
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.findings.map((f) => [f.category, where(f)])).toEqual([['trail-misconfigured', trailLine(lz)]]);
    expect(r.findings[0].message).toContain('does not log read management events');
  });

  it('ReadOnly and WriteOnly selectors together log what All does: clean', async () => {
    const s = deployedOf(lz);
    const sel = selectorsOf(s);
    sel.basic = [{ ...sel.basic[0], readWriteType: 'ReadOnly' }, { ...sel.basic[0], readWriteType: 'WriteOnly' }];
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.findings).toEqual([]);
  });

  it('declared S3 data events removed: one finding', async () => {
    const s = deployedOf(s3Events);
    selectorsOf(s).basic[0].dataResources = [];
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot }, {}, s3Events);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map(shape)).toEqual([['trail-misconfigured', trailLine(s3Events), [ALL_S3_OBJECTS], []]]);
    expect(r.findings[0].message).toContain('does not log the declared data events');
  });

  it('data events the example does not declare (Lambda): one finding, a redeployment removes them', async () => {
    const s = deployedOf(lz);
    selectorsOf(s).basic[0].dataResources = [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }];
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.findings.map(shape)).toEqual([['trail-misconfigured', trailLine(lz), [], [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'], readWriteType: 'All' }]]]);
    expect(r.findings[0].message).toContain('logs data events that are not declared');
  });

  it('advanced event selectors, which lzkit does not deploy: one finding saying so', async () => {
    const s = deployedOf(lz);
    const advanced = [{ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }];
    Object.assign(selectorsOf(s), { basic: [], advanced });
    const r = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(r.snapshot.errors).toEqual([]);
    expect(got(got(r.snapshot.logging).trails)[0].eventSelectors).toEqual({ basic: [], advanced });
    expect(r.findings.map((f) => [f.category, where(f), f.actual])).toEqual([['trail-misconfigured', trailLine(lz), advanced]]);
    expect(r.findings[0].message).toContain('advanced event selectors');
  });
});

describe('event selectors that could not be read are unauditable, never drift', () => {
  it('GetEventSelectors denied: one unauditable finding naming it, the trail\'s other settings still checked', async () => {
    const r = await auditAgainstSandbox({ snapshot: applyDrift(snapshotFromDeclaration(lz), ['trail-single-region']), failOperations: [GET_SELECTORS] });
    expect(r.snapshot.errors.map((e) => [e.api, e.code])).toEqual([[GET_SELECTORS, DENIED]]);
    expect(isNotRead(got(got(r.snapshot.logging).trails)[0].eventSelectors)).toBe(true);
    expect(r.findings.map((f) => [f.category, f.category === 'unauditable' ? f.resource.name : f.expected])).toEqual([['trail-misconfigured', true], ['unauditable', GET_SELECTORS]]);
    expect(r.findings[0].message).toContain('is not multi-region');
  });

  it('a snapshot saved before lzkit read them: unauditable, offline and served by the sandbox', async () => {
    const s = deployedOf(lz);
    delete (s.logging!.trails[0] as unknown as Record<string, unknown>).eventSelectors;
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => [f.category, f.resource.name])).toEqual([['unauditable', GET_SELECTORS]]);
    const served = await auditAgainstSandbox({ snapshot: s as unknown as Snapshot });
    expect(served.snapshot.errors.map((e) => [e.api, e.code])).toEqual([[GET_SELECTORS, DENIED]]);
    expect(served.findings.map((f) => f.category)).toEqual(['unauditable']);
  });
});

describe('the audit role', () => {
  it('allows GetEventSelectors by its IAM action name', () => {
    expect(AUDIT_ROLE_ACTIONS).toContain('cloudtrail:GetEventSelectors');
    expect(iamActionOf('@aws-sdk/client-cloudtrail', 'GetEventSelectors')).toBe('cloudtrail:GetEventSelectors');
  });
});
