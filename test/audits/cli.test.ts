import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyDrift, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { writeSnapshot } from '../../audits/snapshot';
import { exampleLandingZone, memberInOu, ROOT_DIR } from './fixtures';

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
    expect(Object.keys(report)).toEqual(['schemaVersion', 'generatedAt', 'organizationId', 'summary', 'findings']);
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

  it('refuses an unknown format with exit 2', async () => {
    const r = await lzkit(['audit', '--format', 'pdf'], bareEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown --format 'pdf'/);
  });
});
