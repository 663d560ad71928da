import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AuditError, runAudit } from '../../audits/audit';
import { detectDrift, normalizePolicy, uniqueIds, type Finding } from '../../audits/drift';
import { applyDrift, DRIFT_SCENARIOS } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { writeSnapshot, type Snapshot } from '../../audits/snapshot';
import type { LandingZone } from '../../model/landing-zone';
import { deployed, exampleLandingZone, got, type ReadSnapshot } from './fixtures';

const lz = exampleLandingZone();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-semantics-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Doc = { Statement: Record<string, unknown>[] };
const scps = (s: ReadSnapshot) => s.policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY');
const edit = (p: { content: string }, change: (d: Doc) => void): void => {
  const d = JSON.parse(p.content) as Doc;
  change(d);
  p.content = JSON.stringify(d);
};

describe('policies are compared with IAM semantics', () => {
  it('every SCP with its statements in reverse order audits clean (IAM evaluates all statements; order means nothing)', () => {
    const s = deployed();
    for (const p of scps(s)) edit(p, (d) => { d.Statement = Array.isArray(d.Statement) ? [...d.Statement].reverse() : d.Statement; });
    expect(scps(s).some((p) => (JSON.parse(p.content) as Doc).Statement.length > 1)).toBe(true);
    expect(detectDrift(lz, s as unknown as Snapshot)).toEqual([]);
  });

  it('action names in another case audit clean ("iam:ListAccessKeys is the same as IAM:listaccesskeys")', () => {
    const s = deployed();
    const upper = (v: unknown): unknown => (Array.isArray(v) ? v.map(upper) : typeof v === 'string' ? v.toUpperCase() : v);
    for (const p of scps(s)) edit(p, (d) => { for (const st of d.Statement) for (const k of ['Action', 'NotAction']) if (st[k]) st[k] = upper(st[k]); });
    expect(detectDrift(lz, s as unknown as Snapshot)).toEqual([]);
  });

  it('equal per the IAM references: action and condition key case, one value or a list of one, a quoted boolean', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    expect(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: 'iam:ListAccessKeys', Resource: '*' }] }))
      .toBe(normalizePolicy({ Statement: { Effect: 'Deny', Action: ['IAM:listaccesskeys'], Resource: ['*'] } }));
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html: aws:SourceIP is AWS:SourceIp
    expect(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIP': '10.0.0.0/8' } } }] }))
      .toBe(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'AWS:SourceIp': ['10.0.0.0/8'] } } }] }));
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html: quotes are optional for Boolean values
    expect(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }))
      .toBe(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] }));
  });

  it('different where IAM sees a difference: the effect, a StringEquals value in another case', () => {
    const base = { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:username': 'johndoe' } } }] };
    expect(normalizePolicy(base)).not.toBe(normalizePolicy({ Statement: [{ ...base.Statement[0], Effect: 'Allow' }] }));
    // The condition reference: with StringEquals, "Users named JohnDoe are denied access" when the policy says johndoe.
    expect(normalizePolicy(base)).not.toBe(normalizePolicy({ Statement: [{ ...base.Statement[0], Condition: { StringEquals: { 'aws:username': 'JohnDoe' } } }] }));
    const s = deployed();
    edit(scps(s).find((p) => !p.awsManaged)!, (d) => { d.Statement[0].Effect = d.Statement[0].Effect === 'Deny' ? 'Allow' : 'Deny'; });
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => f.category)).toEqual(['policy-modified']);
  });
});

/** The example declaration with FullAWSAccess detached from these OUs (the allow-list strategy there). */
function detachedFrom(ous: string[]): LandingZone {
  return { ...lz, guardrails: { ...lz.guardrails, fullAwsAccess: { detachedFromOus: ous, detachedFromAccounts: [], source: { file: 'accounts/guardrails.yaml', line: 60, column: 1 } } } };
}
const managed = (s: ReadSnapshot, name: string) => s.policies.find((p) => p.awsManaged && p.name === name)!;

describe("AWS's FullAWSAccess and RCPFullAWSAccess where the declaration places them", () => {
  it('FullAWSAccess missing from the Workloads OU: policy-detached naming FullAWSAccess', () => {
    const s = deployed();
    const workloads = s.organizationalUnits.find((o) => o.path === 'Workloads')!.id;
    const full = managed(s, 'FullAWSAccess');
    full.targets = full.targets.filter((t) => t !== workloads);
    const findings = detectDrift(lz, s as unknown as Snapshot);
    expect(findings.map((f) => [f.category, f.resource.name, f.expected])).toEqual([['policy-detached', 'FullAWSAccess', 'Workloads']]);
    expect(findings[0].message).toContain('FullAWSAccess');
    expect(findings[0].severity).toBe('critical');
  });

  it('FullAWSAccess still attached where the declaration detaches it: policy-attached-unexpectedly', () => {
    const findings = detectDrift(detachedFrom(['Sandbox']), deployed() as unknown as Snapshot);
    expect(findings.map((f) => [f.category, f.resource.name, f.actual])).toEqual([['policy-attached-unexpectedly', 'FullAWSAccess', 'Sandbox']]);
  });

  it('detached exactly where declared: clean', () => {
    const variant = detachedFrom(['Sandbox']);
    expect(detectDrift(variant, snapshotFromDeclaration(variant))).toEqual([]);
  });

  it('RCPFullAWSAccess missing from an account: policy-detached naming it (AWS does not let it be detached)', () => {
    const s = deployed();
    const rcp = managed(s, 'RCPFullAWSAccess');
    const account = s.accounts[0].id;
    rcp.targets = rcp.targets.filter((t) => t !== account);
    const findings = detectDrift(lz, s as unknown as Snapshot);
    expect(findings.map((f) => [f.category, f.resource.name, f.id.split(':').pop()])).toEqual([['policy-detached', 'RCPFullAWSAccess', account]]);
    expect(findings[0].message).toMatch(/cannot be detached|does not let it be detached/);
  });

  it('FullAWSAccess absent although SCPs are enabled: one policy-missing, not a finding per target', () => {
    const s = deployed();
    s.policies = s.policies.filter((p) => p.name !== 'FullAWSAccess');
    expect(detectDrift(lz, s as unknown as Snapshot).map((f) => [f.category, f.resource.name])).toEqual([['policy-missing', 'FullAWSAccess']]);
  });
});

describe('finding ids', () => {
  it('are unique with every drift scenario applied at once, by construction (no id needed a suffix)', () => {
    const all = applyDrift(snapshotFromDeclaration(lz), [...DRIFT_SCENARIOS.keys()]);
    const findings = detectDrift(lz, all);
    expect(findings.length).toBeGreaterThan(DRIFT_SCENARIOS.size);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    expect(findings.filter((f) => f.id.includes('#')).map((f) => f.id)).toEqual([]);
  });

  it('a finding repeated is kept once; two that share an id get suffixes from what they say', () => {
    const f: Finding = {
      id: 'policy-detached:p-1:ou-1', category: 'policy-detached', severity: 'high', resource: { type: 'policy', id: 'p-1', name: 'x' },
      expected: 'A', actual: null, message: 'm', remediation: 'r', location: { file: 'accounts/guardrails.yaml', line: 1, column: 1 },
    };
    expect(uniqueIds([f, { ...f }])).toEqual([f]);
    const twins = uniqueIds([f, { ...f, message: 'other' }]);
    expect(new Set(twins.map((t) => t.id)).size).toBe(2);
    expect(uniqueIds([f, { ...f, message: 'other' }]).map((t) => t.id)).toEqual(twins.map((t) => t.id));
  });
});

describe('the organization is checked first', () => {
  const saved = (change: (s: ReadSnapshot) => void): string => {
    const s = deployed();
    change(s);
    const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.json`);
    writeSnapshot(file, s as unknown as Snapshot);
    return file;
  };

  it('a snapshot of another organization is refused, naming both', async () => {
    const file = saved((s) => { s.organization.id = 'o-zzzzzzzzzz'; });
    await expect(runAudit({ lz, snapshotFile: file })).rejects.toThrow(AuditError);
    await expect(runAudit({ lz, snapshotFile: file })).rejects.toThrow(new RegExp(`o-zzzzzzzzzz, but accounts/organization.yaml declares ${lz.organization.id}`));
  });

  it('a snapshot of another management account is refused', async () => {
    const file = saved((s) => { s.organization.managementAccountId = '999999999999'; });
    await expect(runAudit({ lz, snapshotFile: file })).rejects.toThrow(/managed by account 999999999999, but accounts\/accounts.yaml declares the management account/);
  });

  it('the same organization audits', async () => {
    const r = await runAudit({ lz, snapshotFile: saved(() => undefined) });
    expect(r.exitCode).toBe(0);
    expect(got(r.snapshot.accounts).length).toBe(lz.accounts.size);
  });
});
