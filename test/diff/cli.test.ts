import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { edit, replaceOnce } from '../model/declaration-copy';
import { REGION_DENY_WITHOUT_SANDBOX, REPO } from './fixture';

const LZKIT = path.join(REPO, 'bin', 'lzkit.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-diff-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A git repository holding a copy of the example in a sub-folder, committed once. */
const repo = path.join(tmp, 'repo');
const decl = path.join(repo, 'landing-zone');
const git = (...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=lzkit', '-c', 'user.email=lzkit@example.com', ...args], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

function lzkit(args: string[], cwd = decl): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LZKIT, 'diff', ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

beforeAll(() => {
  for (const folder of ['accounts', 'policies']) fs.cpSync(path.join(REPO, folder), path.join(decl, folder), { recursive: true });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the example');
});

describe('lzkit diff against git revisions', () => {
  it('no change: exit 0', async () => {
    const r = await lzkit(['--base', 'HEAD']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no change');
  });

  it('a commit that removes Sandbox from region-deny: JSON, --fail-on widened, markdown, SARIF, and the working tree untouched', async () => {
    edit(decl, REGION_DENY_WITHOUT_SANDBOX.rel, replaceOnce(REGION_DENY_WITHOUT_SANDBOX.from, REGION_DENY_WITHOUT_SANDBOX.to));
    git('commit', '-qam', 'Sandbox leaves region-deny');
    const index = fs.statSync(path.join(repo, '.git', 'index')).mtimeMs;

    const json = await lzkit(['--base', 'HEAD~1', '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.base).toMatchObject({ kind: 'git', ref: 'HEAD~1', path: 'landing-zone' });
    // il-central-1 is outside the allowed regions; region-deny denied S3 there, nothing else does.
    expect(report.decisions).toContainEqual({ account: 'sandbox-alice', action: 's3:GetObject', region: 'il-central-1', before: 'ExplicitlyDenied', after: 'Allowed', cause: 'region-deny detached from Sandbox' });
    expect(report.resources).toContainEqual({ stack: 'guardrails-Sandbox', address: 'aws_organizations_policy_attachment.attach_region-deny_ou_Sandbox', action: 'destroy' });

    const md = await lzkit(['--base', 'HEAD~1', '--format', 'markdown', '--fail-on', 'widened']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('sandbox-alice');

    const sarifFile = path.join(tmp, 'diff.sarif');
    const sarif = await lzkit(['--base', 'HEAD~1', '--format', 'sarif', '--output', sarifFile]);
    expect(sarif.code).toBe(0);
    const uris = JSON.parse(fs.readFileSync(sarifFile, 'utf8')).runs[0].results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris).toContain('landing-zone/accounts/guardrails.yaml'); // repository-relative, as code scanning places it

    expect(fs.statSync(path.join(repo, '.git', 'index')).mtimeMs).toBe(index); // before git status, which refreshes it
    expect(git('status', '--porcelain')).toBe('');
  });

  it('a revision that does not exist, or no repository: exit 2 with one line', async () => {
    const missing = await lzkit(['--base', 'no-such-branch']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--base no-such-branch: no such revision/)]);
    noStack(missing.stderr);

    const outside = fs.mkdtempSync(path.join(tmp, 'plain-'));
    for (const folder of ['accounts', 'policies']) fs.cpSync(path.join(REPO, folder), path.join(outside, folder), { recursive: true });
    const noRepo = await lzkit(['--base', 'HEAD'], outside);
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is not in a git repository/)]);
  });

  it('an invalid side: exit 2 with its errors, located', async () => {
    const broken = fs.mkdtempSync(path.join(tmp, 'broken-'));
    for (const folder of ['accounts', 'policies']) fs.cpSync(path.join(REPO, folder), path.join(broken, folder), { recursive: true });
    edit(broken, 'accounts/accounts.yaml', replaceOnce('ou: Sandbox', 'ou: Sandboxes'));
    const r = await lzkit(['--base', decl, '--head', broken], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--head .* is not a valid declaration/);
    expect(r.stderr).toMatch(/accounts\/accounts\.yaml:\d+:\d+ UNKNOWN_OU/);
    noStack(r.stderr);
  });
});
