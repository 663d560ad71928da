import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectDrift } from '../../audits/drift';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { got } from '../audits/fixtures';
import { desiredState, type DesiredState } from '../../desired';
import { loadLandingZoneOrThrow } from '../../model';
import { synthesize } from '../../stacks/app';

/*
 * What lzkit deploys is described once, by the desired state. These tests change one deployed
 * property in that one place and show that the stacks render it, the sandbox's perfect deployment
 * carries it, and the audit expects it: a deployment of the changed state audits clean against the
 * changed state, and shows exactly that property as drift against the original one.
 */

const lz = loadLandingZoneOrThrow(path.join(__dirname, '..', '..'));
const base = desiredState(lz);
// Functions and maps stay as they are; only the plain data becomes writable for the edit.
type Mutable<T> = T extends (...args: never[]) => unknown ? T : T extends ReadonlyMap<unknown, unknown> ? T : { -readonly [K in keyof T]: Mutable<T[K]> };

function variant(edit: (d: Mutable<DesiredState>) => void): DesiredState {
  const d = structuredClone(base) as Mutable<DesiredState>;
  edit(d);
  return d;
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The synthesized resources of some stacks for a desired state, by type. */
function synth(d: DesiredState, ...stacks: string[]): Record<string, Record<string, Record<string, unknown>>> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-one-truth-'));
  outdirs.push(outdir);
  synthesize(lz, outdir, d);
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const stack of stacks) {
    const { resource } = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    for (const [type, rs] of Object.entries(resource)) out[type] = { ...out[type], ...rs };
  }
  return out;
}

/** Deploys `changed` perfectly (the sandbox's seed) and audits it against `changed` and against the original. */
function audits(changed: DesiredState) {
  const deployed = snapshotFromDeclaration(lz, changed);
  return {
    deployed,
    againstChanged: detectDrift(lz, deployed, changed),
    againstOriginal: detectDrift(lz, deployed, base),
  };
}

/** What a finding is about on its resource (the id is `category:resource:about`). */
const about = (f: { id: string; category: string; resource: { id: string } }) => f.id.slice(`${f.category}:${f.resource.id}:`.length);

describe('one desired state: stacks, sandbox and audit follow a change made in one place', () => {
  it('the example deployed perfectly audits clean', () => {
    expect(detectDrift(lz, snapshotFromDeclaration(lz), base)).toEqual([]);
  });

  it('a bucket-policy statement', () => {
    const extra = { Sid: 'AuditorsRead', Effect: 'Allow' as const, Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lzkit-logs-222222222222/*' };
    const d = variant((x) => { x.logging!.logBucket.policy.Statement.push(extra); });
    const policy = JSON.parse(synth(d, 'logging').aws_s3_bucket_policy.log_archive_bucket.policy as string) as { Statement: { Sid?: string }[] };
    expect(policy.Statement.map((s) => s.Sid)).toContain('AuditorsRead');
    const a = audits(d);
    expect((JSON.parse(got(got(got(a.deployed.logging)!.bucket)!.policy)!) as { Statement: { Sid?: string }[] }).Statement.map((s) => s.Sid)).toContain('AuditorsRead');
    expect(a.againstChanged).toEqual([]);
    expect(a.againstOriginal.map((f) => [f.category, about(f)])).toEqual([['log-bucket-misconfigured', 'policy']]);
  });

  it('the key alias', () => {
    const d = variant((x) => { x.logging!.key.alias = 'alias/lzkit-archive'; });
    expect(synth(d, 'logging').aws_kms_alias.log_archive_key.name).toBe('alias/lzkit-archive');
    const a = audits(d);
    expect(got(got(a.deployed.logging)!.key)!.alias).toBe('alias/lzkit-archive');
    expect(a.againstChanged).toEqual([]);
    expect(a.againstOriginal.map((f) => [f.category, about(f)])).toEqual([['log-bucket-misconfigured', 'key-alias']]);
  });

  it('a lifecycle rule', () => {
    const d = variant((x) => { x.logging!.logBucket.lifecycle[0].expirationDays = 3650; });
    const rule = (synth(d, 'logging').aws_s3_bucket_lifecycle_configuration.log_archive_bucket.rule as { expiration: { days: number }[] }[])[0];
    expect(rule.expiration).toEqual([{ days: 3650 }]);
    const a = audits(d);
    expect(got(got(got(a.deployed.logging)!.bucket)!.lifecycle)![0].expirationDays).toBe(3650);
    expect(a.againstChanged).toEqual([]);
    expect(a.againstOriginal.map((f) => [f.category, about(f)])).toEqual([['log-bucket-misconfigured', 'lifecycle']]);
  });

  it('an attachment', () => {
    const gone = (t: { policyId: string; target: { name: string } }) => t.policyId === 'region-deny' && t.target.name === 'Sandbox';
    expect(base.guardrails.attachments.filter(gone)).toHaveLength(1);
    const d = variant((x) => { x.guardrails.attachments = x.guardrails.attachments.filter((t) => !gone(t)); });
    const attachments = synth(d, 'guardrails-Sandbox', 'guardrails-Workloads').aws_organizations_policy_attachment;
    expect(Object.keys(attachments)).not.toContain('attach_region-deny_ou_Sandbox');
    expect(Object.keys(attachments)).toContain('attach_region-deny_ou_Workloads');
    const a = audits(d);
    const sandboxOu = got(a.deployed.organizationalUnits).find((o) => o.path === 'Sandbox')!.id;
    expect(got(got(a.deployed.policies).find((p) => p.name === 'lzkit-region-deny')!.targets)).not.toContain(sandboxOu);
    expect(a.againstChanged).toEqual([]);
    expect(a.againstOriginal.map((f) => [f.category, about(f)])).toEqual([['policy-detached', sandboxOu]]);
  });
});
