import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectDrift } from '../../audits/drift';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { desiredState, type DesiredState } from '../../desired';
import { synthesize } from '../../stacks/app';
import { exampleLandingZone, got } from '../audits/fixtures';

/*
 * The security services are described once, by the desired state (desired/security-services.ts):
 * a property changed there is what the stack renders, what the sandbox's perfect deployment
 * carries and what the audit expects.
 */

const lz = exampleLandingZone();
const base = desiredState(lz);
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type Mutable<T> = T extends (...args: never[]) => unknown ? T : T extends ReadonlyMap<unknown, unknown> ? T : { -readonly [K in keyof T]: Mutable<T[K]> };
function variant(edit: (d: Mutable<DesiredState>) => void): DesiredState {
  const d = structuredClone(base) as Mutable<DesiredState>;
  edit(d);
  return d;
}

function synth(d: DesiredState): Record<string, Record<string, Record<string, unknown>>> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-security-truth-'));
  outdirs.push(outdir);
  synthesize(lz, outdir, d);
  return (JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'security-services', 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource;
}

describe('the security services follow the desired state: stack, sandbox and audit', () => {
  it('a control the configuration policy disables', () => {
    const d = variant((x) => { x.securityServices!.securityHub!.policy.disabledControls = ['EC2.19', 'IAM.6']; });
    const policy = synth(d).aws_securityhub_configuration_policy.securityhub.configuration_policy as { security_controls_configuration: { disabled_control_identifiers: string[] } };
    expect(policy.security_controls_configuration.disabled_control_identifiers).toEqual(['EC2.19', 'IAM.6']);
    const deployed = snapshotFromDeclaration(lz, d);
    const hub = (got(deployed.securityServices).securityHub!);
    expect(got(hub.policies)[0].disabledControls).toEqual(['EC2.19', 'IAM.6']);
    expect(detectDrift(lz, deployed, d)).toEqual([]);
    expect(detectDrift(lz, deployed, base).map((f) => [f.category, f.id])).toEqual([['security-service-misconfigured', expect.stringMatching(/:controls$/)]]);
  });

  it('GuardDuty\'s auto-enable for the members', () => {
    const d = variant((x) => { x.securityServices!.guardDuty!.autoEnableOrganizationMembers = 'NEW'; });
    const configurations = Object.values(synth(d).aws_guardduty_organization_configuration);
    expect(configurations.map((c) => c.auto_enable_organization_members)).toEqual(lz.organization.allowedRegions.map(() => 'NEW'));
    const deployed = snapshotFromDeclaration(lz, d);
    expect(detectDrift(lz, deployed, d)).toEqual([]);
    // Against the original: every region auto-enables only new accounts, and existing ones are not members.
    const findings = detectDrift(lz, deployed, base);
    expect(new Set(findings.map((f) => f.category))).toEqual(new Set(['security-service-misconfigured', 'security-service-member-missing']));
    expect(findings.filter((f) => f.category === 'security-service-misconfigured').map((f) => f.id.split(':').pop())).toEqual(lz.organization.allowedRegions.map(() => 'auto-enable'));
  });
});
