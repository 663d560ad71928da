import { detectDrift, type DriftCheck, type Finding } from '../../audits/drift';
import { NotReadSignal, readView } from '../../audits/drift/unread';
import { notRead, parseSnapshot, SNAPSHOT_SCHEMA_VERSION, type CollectionError, type Snapshot } from '../../audits/snapshot';
import { desiredState } from '../../desired';
import { deployed, exampleLandingZone, memberInOu, type ReadSnapshot } from './fixtures';

const lz = exampleLandingZone();
const error = (api: string, resourceId?: string, scope: CollectionError['scope'] = 'organization'): CollectionError =>
  ({ scope, ...(resourceId ? { resourceId } : {}), api, code: 'AccessDeniedException', message: 'denied' });

/** `s` with `part` replaced by a NotRead of `api` and the matching error recorded, as a collector leaves it. */
function unread(s: ReadSnapshot, part: (x: Record<string, unknown>) => void, api: string, resourceId?: string): Snapshot {
  part(s as unknown as Record<string, unknown>);
  s.errors.push(error(api, resourceId));
  return s as unknown as Snapshot;
}

const categories = (findings: readonly Finding[]) => [...new Set(findings.map((f) => f.category))];

describe('a part that was not read is reported unauditable, never as drift', () => {
  // Each is the read of a list whose failure used to become an empty list (and a flood of findings).
  const CASES: [string, string, (x: Record<string, unknown>) => void][] = [
    ['organizations:ListAWSServiceAccessForOrganization', 'trusted-access-disabled', (x) => { x.trustedServices = notRead(['organizations:ListAWSServiceAccessForOrganization']); }],
    ['organizations:ListPolicies', 'policy-missing', (x) => { x.policies = notRead(['organizations:ListPolicies']); }],
    ['organizations:ListOrganizationalUnitsForParent', 'account-missing', (x) => {
      x.organizationalUnits = notRead(['organizations:ListOrganizationalUnitsForParent']);
      x.accounts = notRead(['organizations:ListOrganizationalUnitsForParent']);
    }],
    ['organizations:ListDelegatedAdministrators', 'delegated-admin-missing', (x) => { x.delegatedAdministrators = notRead(['organizations:ListDelegatedAdministrators']); }],
  ];

  it.each(CASES)('%s not read: one unauditable finding naming it, no %s', (api, never, part) => {
    const findings = detectDrift(lz, unread(deployed(), part, api, api === 'organizations:ListOrganizationalUnitsForParent' ? 'r-root' : undefined));
    expect(categories(findings)).toEqual(['unauditable']);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(api);
    expect(findings.map((f) => f.category)).not.toContain(never);
  });

  it('names the checks an unread part stopped', () => {
    const [f] = detectDrift(lz, unread(deployed(), (x) => { x.policies = notRead(['organizations:ListPolicies']); }, 'organizations:ListPolicies'));
    expect(f.message).toMatch(/not audited: .*guardrails/);
  });

  it('one policy whose targets were not read: its attachments are unauditable, the other guardrails are still checked', () => {
    const s = deployed();
    const customer = s.policies.filter((p) => !p.awsManaged && p.targets.length);
    const [blind, seen] = customer;
    (blind as unknown as { targets: unknown }).targets = notRead(['organizations:ListTargetsForPolicy']);
    s.errors.push(error('organizations:ListTargetsForPolicy', blind.id));
    seen.targets.pop(); // real drift on another guardrail
    const findings = detectDrift(lz, s as unknown as Snapshot);
    expect(findings.map((f) => [f.category, f.resource.id]).sort()).toEqual([['policy-detached', seen.id], ['unauditable', blind.id]]);
  });

  it('an account whose root summary was not read: its password policy is still checked', () => {
    const s = deployed();
    const a = memberInOu(s);
    (s.accountStates[a.id].iam as unknown as { summary: unknown }).summary = notRead(['iam:GetAccountSummary']);
    s.accountStates[a.id].iam.passwordPolicy = null;
    s.errors.push(error('iam:GetAccountSummary', a.id, 'account'));
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => [f.category, f.resource.id]).sort()).toEqual([['password-policy-weak', a.id], ['unauditable', a.id]]);
  });

  it('a part marked not read without any recorded error is still reported', () => {
    const s = deployed();
    (s as unknown as { trustedServices: unknown }).trustedServices = notRead(['organizations:ListAWSServiceAccessForOrganization']);
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => [f.category, f.resource.name])).toEqual([['unauditable', 'organizations:ListAWSServiceAccessForOrganization']]);
  });

  it('a part absent from the snapshot is not read, never clean: a declared area, an active account\'s state', () => {
    const s = deployed();
    delete s.logging;
    const a = memberInOu(s);
    delete s.accountStates[a.id];
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => [f.category, f.resource.name]).sort()).toEqual([['unauditable', a.name], ['unauditable', 'logging']]);
  });

  it('a finding that carries an unread part is not reported (its unit stops) instead of failing the report', () => {
    // Puts a whole trail in `actual`: its isLogging was not read.
    const carrying: DriftCheck = ({ snapshot }) => {
      // The view holds every area's part beside the core.
      const logging = (snapshot as unknown as { logging?: { trails: unknown[] } }).logging;
      return logging ? [{
        id: 'carrying', category: 'trail-misconfigured', severity: 'high', resource: { type: 'trail', id: 't', name: 't' }, expected: null,
        actual: logging.trails[0], message: 'm', remediation: 'r', location: { file: 'accounts/logging.yaml', line: 1, column: 1 },
      }] : [];
    };
    const s = deployed();
    (s.logging!.trails[0] as unknown as { isLogging: unknown }).isLogging = notRead(['cloudtrail:GetTrailStatus']);
    s.errors.push(error('cloudtrail:GetTrailStatus'));
    const findings = detectDrift(lz, s as unknown as Snapshot, desiredState(lz), { extraChecks: [carrying] });
    expect(detectDrift(lz, deployed() as unknown as Snapshot, desiredState(lz), { extraChecks: [carrying] }).map((f) => f.id)).toEqual(['carrying']); // it does report what was read
    expect(findings.map((f) => f.id)).not.toContain('carrying');
    expect(() => JSON.stringify(findings)).not.toThrow();
  });

  it('the view throws NotReadSignal where a part was not read, and copies the rest', () => {
    const s = deployed() as unknown as Snapshot;
    const view = readView({ ...s, policies: notRead(['organizations:ListPolicies']) });
    expect(() => view.policies).toThrow(NotReadSignal);
    expect(() => view.policies).toThrow(/policies was not read \(organizations:ListPolicies\)/);
    expect(view.trustedServices).toEqual(s.trustedServices);
  });

  it('a check added later cannot forget it: reading an unread part stops it, with no finding of its own', () => {
    // Reports every SCP as missing when it sees no policies: what an unguarded check would do.
    const naive: DriftCheck = ({ snapshot }) => (snapshot.policies.length ? [] : [{
      id: 'naive', category: 'policy-missing', severity: 'high', resource: { type: 'policy', id: 'x', name: 'x' }, expected: 1, actual: 0,
      message: 'no policies', remediation: 'none', location: { file: 'accounts/guardrails.yaml', line: 1, column: 1 },
    }]);
    const findings: Finding[] = detectDrift(lz, unread(deployed(), (x) => { x.policies = notRead(['organizations:ListPolicies']); }, 'organizations:ListPolicies'), desiredState(lz), { extraChecks: [naive] });
    expect(categories(findings)).toEqual(['unauditable']);
    expect(findings[0].message).toMatch(/not audited: .*naive/);
  });
});

describe('version 1 snapshots', () => {
  /** A version 1 snapshot as lzkit wrote it before read markers: Status on accounts, `[]` for a failed read. */
  function v1(edit: (s: Record<string, any>) => void = () => undefined): string { // eslint-disable-line @typescript-eslint/no-explicit-any
    const s = deployed() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    s.schemaVersion = 1;
    for (const a of s.accounts) {
      a.status = a.state;
      delete a.state;
      delete a.paths;
    }
    // Version 1 read neither centralized root access, effective policies nor the security services.
    delete s.rootAccess;
    delete s.effectivePolicies;
    delete s.securityServices;
    for (const state of Object.values(s.accountStates) as Record<string, unknown>[]) delete state.securityServices;
    // Nor the log bucket's object ownership and Object Lock, nor the trail's event selectors.
    delete s.logging.bucket.objectOwnership;
    delete s.logging.bucket.objectLock;
    for (const t of s.logging.trails) delete t.eventSelectors;
    edit(s);
    return JSON.stringify(s);
  }

  it('still load, as version 2 with account State and Paths, and say so once', () => {
    const notes: string[] = [];
    const s = parseSnapshot(v1(), 'old.json', (n) => notes.push(n));
    expect(s.schemaVersion).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect(notes).toEqual([expect.stringMatching(/old\.json is a version 1 snapshot/)]);
    const { rootAccess: _noRootAccess, effectivePolicies: _noEffective, securityServices: _noSecurityServices, ...rest } = deployed();
    const states = Object.fromEntries(Object.entries(rest.accountStates).map(([id, { securityServices: _none, ...state }]) => [id, state]));
    const { objectOwnership: _noOwnership, objectLock: _noLock, ...bucket } = rest.logging!.bucket!;
    const trails = rest.logging!.trails.map(({ eventSelectors: _noSelectors, ...t }) => t);
    expect(s).toEqual({ ...rest, accountStates: states, logging: { ...rest.logging, bucket, trails } });
    // The example manages root access centrally, declares management policies, security services
    // a log bucket whose ownership and Object Lock and a trail whose event selectors a version 1
    // snapshot never read: those alone are unauditable.
    expect(detectDrift(lz, s).map((f) => [f.category, f.resource.name]).sort()).toEqual([
      ['unauditable', 'cloudtrail:GetEventSelectors'], ['unauditable', 'iam:ListOrganizationsFeatures'], ['unauditable', 'organizations:DescribeEffectivePolicy'],
      ['unauditable', 's3:GetBucketOwnershipControls'], ['unauditable', 's3:GetObjectLockConfiguration'], ['unauditable', 'securityServices'],
    ]);
  });

  it('turn a failed read recorded in errors into unauditable, not the empty list they held', () => {
    const s = parseSnapshot(v1((x) => {
      x.trustedServices = [];
      x.errors.push(error('organizations:ListAWSServiceAccessForOrganization'));
    }));
    expect(s.trustedServices).toEqual(notRead(['organizations:ListAWSServiceAccessForOrganization']));
    expect(categories(detectDrift(lz, s))).toEqual(['unauditable']);
  });

  it('turn a part they left out without an error (a password policy) into unauditable', () => {
    let victim = '';
    const s = parseSnapshot(v1((x) => {
      victim = memberInOu(x as ReadSnapshot).id;
      delete x.accountStates[victim].iam.passwordPolicy;
    }));
    const findings = detectDrift(lz, s);
    expect(categories(findings)).toEqual(['unauditable']);
    expect(findings.map((f) => f.resource.id)).toContain(victim);
  });
});
