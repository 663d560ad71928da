import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectDrift, type Finding } from '../../audits/drift';
import { writeImport } from '../../audits/import';
import { applyDrift, sandboxOrganization, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { writeSnapshot, type Snapshot } from '../../audits/snapshot';
import { collectSnapshot } from '../../audits/collect';
import { loadLandingZone } from '../../model';
import { exampleLandingZone, got, ROOT_DIR, STATIC_CREDENTIALS } from '../audits/fixtures';

const lz = exampleLandingZone();
const services = lz.securityServices!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-security-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const where = (f: Finding) => `${f.location.file}:${f.location.line}`;
const at = (s: { file: string; line: number }) => `${s.file}:${s.line}`;

/** The example deployed perfectly, as the real collectors read it from the sandbox (every service, every account's recorders). */
async function collected(snapshot: Snapshot): Promise<Snapshot> {
  const sb = await startSandbox({ snapshot });
  try {
    return (await collectSnapshot({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit, declaration: lz })).snapshot;
  } finally {
    await sb.stop();
  }
}

describe('the security services audit', () => {
  let clean: Snapshot;
  beforeAll(async () => {
    clean = await collected(snapshotFromDeclaration(lz));
  });

  it('reads every service from the administrator and every account\'s recorders, and finds nothing on a perfect deployment', () => {
    expect(clean.errors).toEqual([]);
    const s = got(clean.securityServices);
    expect(s.guardDuty).toHaveLength(lz.organization.allowedRegions.length);
    expect(s.accessAnalyzers).toHaveLength(lz.organization.allowedRegions.length);
    expect(detectDrift(lz, clean)).toEqual([]);
  });

  // One finding each, on the line of the declaration that asks for what drifted.
  it.each([
    ['guardduty-disabled', 'security-service-disabled', () => services.guardDuty!.source],
    ['securityhub-standard-disabled', 'security-service-misconfigured', () => services.securityHub!.configurationPolicy.standardsSource],
    ['config-recorder-stopped', 'security-service-disabled', () => services.config!.recordersSource],
    ['guardduty-member-removed', 'security-service-member-missing', () => services.guardDuty!.source],
  ])('%s: exactly one %s finding, on its declaring line', async (scenario, category, source) => {
    const findings = detectDrift(lz, await collected(applyDrift(snapshotFromDeclaration(lz), [scenario])));
    expect(findings.map((f) => [f.category, where(f)])).toEqual([[category, at(source())]]);
  });

  it('the import writes security-services.yaml, and the imported declaration audits the same organization clean', () => {
    const out = path.join(tmp, 'imported');
    const r = writeImport(clean, out);
    expect(r.errors).toEqual([]);
    const imported = loadLandingZone(out).model!;
    const s = imported.securityServices!;
    expect(s.administratorAccount).toBe(lz.securityServices!.administratorAccount);
    expect(s.guardDuty).toMatchObject({ autoEnable: services.guardDuty!.autoEnable, protection: services.guardDuty!.protection });
    expect(s.securityHub!.configurationPolicy).toMatchObject({
      standards: services.securityHub!.configurationPolicy.standards, disabledControls: services.securityHub!.configurationPolicy.disabledControls, targets: { ous: ['Root'] },
    });
    expect(s.accessAnalyzer).toMatchObject({ name: services.accessAnalyzer!.name, unusedAccess: { days: services.accessAnalyzer!.unusedAccess!.days } });
    // The log archive is not imported: what delivers into it is noted instead of declared.
    expect(r.declaration.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^config: AWS Config delivers to the log archive/), expect.stringMatching(/^guardDuty: findings are exported/)]));
    expect(detectDrift(imported, clean)).toEqual([]);
  });
});

describe('lzkit sandbox --drift, then lzkit audit (the real CLI)', () => {
  it('guardduty-disabled, securityhub-standard-disabled, config-recorder-stopped: exit 1, one finding each, on its declaring line', async () => {
    const envFile = path.join(tmp, 'sandbox.env');
    const args = [path.join(ROOT_DIR, 'bin', 'lzkit.js'), 'sandbox', '--from-declaration', '--write-env', envFile,
      '--drift', 'guardduty-disabled', '--drift', 'securityhub-standard-disabled', '--drift', 'config-recorder-stopped'];
    const child = spawn(process.execPath, args, { cwd: ROOT_DIR, stdio: 'ignore' });
    try {
      const deadline = Date.now() + 60_000;
      while (!fs.existsSync(envFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const env = Object.fromEntries(fs.readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      // SARIF: each result on the line of the declaration (the JSON report does not carry locations).
      const r = spawnSync(process.execPath, [path.join(ROOT_DIR, 'bin', 'lzkit.js'), 'audit', '--format', 'sarif'], { cwd: ROOT_DIR, encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.status).toBe(1);
      type Result = { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] };
      const results = (JSON.parse(r.stdout) as { runs: { results: Result[] }[] }).runs[0].results;
      const located = results.map((x) => [x.ruleId, `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`]);
      expect(located.sort()).toEqual([
        ['security-service-disabled', at(services.config!.recordersSource)],
        ['security-service-disabled', at(services.guardDuty!.source)],
        ['security-service-misconfigured', at(services.securityHub!.configurationPolicy.standardsSource)],
      ].sort());
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('a saved snapshot of the drifted organization audits the same offline', () => {
    const file = path.join(tmp, 'drifted.json');
    writeSnapshot(file, sandboxOrganization({ lz }, ['config-recorder-stopped']));
    const r = spawnSync(process.execPath, [path.join(ROOT_DIR, 'bin', 'lzkit.js'), 'audit', '--snapshot', file, '--format', 'json'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.category)).toEqual(['security-service-disabled']);
  });
});
