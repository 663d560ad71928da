import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyDrift, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { writeSnapshot, type Snapshot } from '../../audits/snapshot';
import { deployed, exampleLandingZone, memberInOu, ROOT_DIR } from './fixtures';

const LZKIT = path.join(ROOT_DIR, 'bin', 'lzkit.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Environment with no AWS credentials anywhere: no keys, no profile files, no instance metadata. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env, HOME: tmp, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: path.join(tmp, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'none'), AWS_REGION: 'us-east-1', ...extra,
  };
}

function lzkit(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LZKIT, ...args, '--dir', ROOT_DIR], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

/** `lzkit sandbox ARGS` in the background: its endpoint once it listens, and a way to stop it. */
async function sandboxCli(args: string[]): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [LZKIT, 'sandbox', ...args, '--dir', ROOT_DIR], { env: bareEnv() });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /AWS_ENDPOINT_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('close', (code) => reject(new Error(`lzkit sandbox exited ${code} before listening`)));
  });
  return { endpoint, stop: () => new Promise<void>((resolve) => { child.removeAllListeners('close'); child.on('close', () => resolve()); child.kill('SIGTERM'); }) };
}

describe('lzkit audit', () => {
  const lz = exampleLandingZone();

  it('exits 2 with one clear line for a snapshot that is not JSON', async () => {
    const file = path.join(tmp, 'not-json.json');
    fs.writeFileSync(file, 'this is not json');
    const r = await lzkit(['audit', '--snapshot', file], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a snapshot: not valid JSON/);
  });

  it('exits 2 with one clear line for a snapshot of another version', async () => {
    const file = path.join(tmp, 'v9.json');
    fs.writeFileSync(file, JSON.stringify({ ...snapshotFromDeclaration(lz), schemaVersion: 9 }));
    const r = await lzkit(['audit', '--snapshot', file], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/schemaVersion 9; this lzkit reads versions 1 and 2/)]);
  });

  it('exits 2 with one clear line when there are no credentials', async () => {
    const r = await lzkit(['audit'], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lzkit: no AWS credentials/)]);
  });

  it('audits a saved snapshot offline: exit 1, SARIF with one result per finding at the declaring line', async () => {
    const file = path.join(tmp, 'drifted.json');
    writeSnapshot(file, applyDrift(snapshotFromDeclaration(lz), ['scp-detached', 'account-moved', 'unmanaged-account']));
    const json = await lzkit(['audit', '--snapshot', file, '--format', 'json'], bareEnv());
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'generatedAt', 'organizationId', 'summary', 'findings', 'complete', 'lzkitVersion', 'declarationCommit', 'notChecked']);
    expect(Object.keys(report.summary.byCategory).sort()).toEqual(['account-moved', 'account-unmanaged', 'policy-detached']);
    const sarifFile = path.join(tmp, 'drift.sarif');
    const sarif = await lzkit(['audit', '--snapshot', file, '--format', 'sarif', '--output', sarifFile], bareEnv());
    expect(sarif.code).toBe(1);
    const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toHaveLength(report.findings.length);
    const moved = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'account-moved');
    const account = [...lz.accounts.values()].find((a) => a.id === report.findings.find((f: { category: string }) => f.category === 'account-moved').resource.id)!;
    expect(moved.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: account.source.file, uriBaseId: '%SRCROOT%' }, region: { startLine: account.source.line, startColumn: account.source.column } });
  });

  it('reads AWS_ENDPOINT_URL; an account it cannot enter: exit 2, one unauditable finding for it, no stack trace', async () => {
    const seed = snapshotFromDeclaration(lz);
    const victim = memberInOu(seed).id;
    const sb = await startSandbox({ snapshot: seed, failAccounts: [victim] });
    try {
      const r = await lzkit(['audit', '--format', 'json'], bareEnv({ AWS_ENDPOINT_URL: sb.endpoint, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' }));
      expect(r.code).toBe(2);
      const findings = JSON.parse(r.stdout).findings;
      expect(findings.map((f: { category: string; resource: { id: string } }) => [f.category, f.resource.id])).toEqual([['unauditable', victim]]);
      noStack(r.stderr);
    } finally {
      await sb.stop();
    }
  });

  it('lzkit sandbox --fail-operation organizations:ListPolicies, lzkit audit --max-attempts 2: exit 2, every finding unauditable', async () => {
    const sb = await sandboxCli(['--from-declaration', '--fail-operation', 'organizations:ListPolicies']);
    try {
      const r = await lzkit(['audit', '--max-attempts', '2', '--format', 'json'], bareEnv({ AWS_ENDPOINT_URL: sb.endpoint, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' }));
      expect(r.code).toBe(2);
      const findings = JSON.parse(r.stdout).findings as { category: string; message: string }[];
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.category !== 'unauditable')).toEqual([]);
      expect(findings.every((f) => f.message.includes('organizations:ListPolicies'))).toBe(true);
      noStack(r.stderr);
    } finally {
      await sb.stop();
    }
  });

  it('refuses a snapshot of another organization: exit 2, one line saying which and what to do', async () => {
    const s = deployed();
    s.organization.id = 'o-zzzzzzzzzz';
    const file = path.join(tmp, 'other-org.json');
    writeSnapshot(file, s as unknown as Snapshot);
    const r = await lzkit(['audit', '--snapshot', file], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^lzkit: the snapshot .* is of organization o-zzzzzzzzzz, but accounts/organization.yaml declares ${lz.organization.id}: audit a snapshot of the declared organization`))]);
  });

  it('reads a version 1 snapshot with one note, and audits it (what version 1 did not read is unauditable: exit 2)', async () => {
    const s = deployed() as unknown as Record<string, unknown> & { accounts: Record<string, unknown>[] };
    s.schemaVersion = 1;
    for (const a of s.accounts) { a.status = a.state; delete a.state; delete a.paths; }
    delete s.rootAccess;
    delete s.effectivePolicies;
    delete s.securityServices;
    const bucket = (s.logging as { bucket: Record<string, unknown> }).bucket;
    delete bucket.objectOwnership;
    delete bucket.objectLock;
    for (const t of (s.logging as { trails: Record<string, unknown>[] }).trails) delete t.eventSelectors;
    const file = path.join(tmp, 'v1.json');
    fs.writeFileSync(file, JSON.stringify(s));
    const r = await lzkit(['audit', '--snapshot', file, '--format', 'json'], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^note: .*v1\.json is a version 1 snapshot/), 'lzkit: audited only part of the organization: 6 unauditable finding(s)']);
    expect((JSON.parse(r.stdout) as { findings: { category: string; resource: { name: string } }[] }).findings.map((f) => [f.category, f.resource.name]))
      .toEqual([['unauditable', 'cloudtrail:GetEventSelectors'], ['unauditable', 's3:GetBucketOwnershipControls'], ['unauditable', 's3:GetObjectLockConfiguration'],
        ['unauditable', 'iam:ListOrganizationsFeatures'], ['unauditable', 'organizations:DescribeEffectivePolicy'], ['unauditable', 'securityServices']]);
  });

  it('lzkit sandbox refuses an operation the audit does not call, and a seed that is not a whole number: exit 2, one line', async () => {
    const op = await lzkit(['sandbox', '--fail-operation', 'organizations:CloseAccount'], bareEnv());
    expect(op.code).toBe(2);
    expect(op.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--fail-operation 'organizations:CloseAccount' is not an operation the audit calls/)]);
    const seed = await lzkit(['sandbox', '--seed', '1.5'], bareEnv());
    expect(seed.code).toBe(2);
    expect(seed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--seed must be a whole number/)]);
  });

  it('refuses an unknown format with exit 2', async () => {
    const r = await lzkit(['audit', '--format', 'pdf'], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown --format 'pdf'/);
  });
});
