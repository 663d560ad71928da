import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { MARKDOWN_MARKER } from '../../diff/format';

const WORKFLOWS = path.join(__dirname, '..', '..', '.github', 'workflows');
interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; id?: string }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[]; permissions?: Record<string, string>; env?: Record<string, string> }> }
const read = (name: string): Workflow => parse(fs.readFileSync(path.join(WORKFLOWS, name), 'utf8')) as Workflow;
const steps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);

describe('.github/workflows/drift-audit.yml', () => {
  const w = read('drift-audit.yml');
  const all = steps(w);

  it('runs daily and on demand', () => {
    const schedule = w.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0].cron.split(' ').slice(2)).toEqual(['*', '*', '*']); // every day
    expect(w.on).toHaveProperty('workflow_dispatch');
  });

  it('assumes an AWS role through OIDC, with no stored keys', () => {
    expect(w.permissions).toMatchObject({ 'id-token': 'write', 'security-events': 'write' });
    const aws = all.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(aws.with).toHaveProperty('role-to-assume');
    expect(aws.with).not.toHaveProperty('aws-access-key-id');
  });

  it('audits to SARIF, uploads it to code scanning, and writes the job summary', () => {
    const auditStep = all.find((s) => s.run?.includes('lzkit audit --format sarif --output drift.sarif'));
    expect(auditStep).toBeDefined();
    const upload = all.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toMatchObject({ sarif_file: 'drift.sarif' });
    expect(upload.if).toMatch(/always\(\)/); // uploaded even when drift fails the job
    expect(all.some((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
  });

  it('fails the job when the audit found drift', () => {
    const last = all[all.length - 1];
    expect(last.if).toMatch(/exit-code != '0'/);
    expect(last.run).toMatch(/exit 1/);
  });
});

describe('.github/workflows/pull-request.yml', () => {
  const w = read('pull-request.yml');
  const runs = steps(w).map((s) => s.run ?? '');

  it('runs on pull requests that change the declaration', () => {
    expect((w.on.pull_request as { paths: string[] }).paths).toEqual(['accounts/**', 'policies/**']);
  });

  it('validates, tests the policies, runs cdk-nag and synthesizes, in that order', () => {
    const order = ['npm ci', 'lzkit validate', 'npm test', 'lzkit nag', 'lzkit synth'].map((cmd) => runs.findIndex((r) => r.includes(cmd)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('.github/workflows/pull-request.yml: lzkit diff', () => {
  const w = read('pull-request.yml');
  const job = Object.values(w.jobs).find((j) => j.steps.some((s) => s.run?.includes('lzkit diff')))!;
  const diffRuns = job.steps.filter((s) => s.run?.includes('lzkit diff'));

  it('diffs against the base branch, fetched first (checkouts are shallow), without interpolating it into the shell', () => {
    expect(job.env?.BASE_REF).toBe('${{ github.base_ref }}');
    const fetch = job.steps.findIndex((s) => s.run?.includes('git fetch') && s.run.includes('$BASE_REF'));
    expect(fetch).toBeGreaterThanOrEqual(0);
    expect(job.steps.findIndex((s) => s === diffRuns[0])).toBeGreaterThan(fetch);
    for (const s of diffRuns) expect(s.run).toContain('--base "origin/$BASE_REF"');
  });

  it('posts the markdown as a pull-request comment, updating its own', () => {
    const md = diffRuns.find((s) => s.run?.includes('--format markdown --output diff.md'))!;
    expect(md).toBeDefined();
    const post = job.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    expect(post.if).toMatch(/always\(\)/);
    const script = String(post.with?.script);
    expect(script).toContain("readFileSync('diff.md'");
    expect(script).toContain(MARKDOWN_MARKER); // the marker the markdown report starts with
    expect(script).toMatch(/updateComment[\s\S]*createComment/);
    expect(job.permissions).toMatchObject({ 'pull-requests': 'write' });
  });

  it('uploads the SARIF to code scanning, even when the diff fails the job', () => {
    expect(diffRuns.some((s) => s.run?.includes('--format sarif --output diff.sarif'))).toBe(true);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toMatchObject({ sarif_file: 'diff.sarif' });
    expect(upload.if).toMatch(/always\(\)/);
    expect(job.permissions).toMatchObject({ 'security-events': 'write' });
  });

  it('fails the job when a guardrail widens, after posting', () => {
    const md = diffRuns.find((s) => s.run?.includes('--format markdown'))!;
    expect(md.run).toContain('--fail-on widened');
    const last = job.steps[job.steps.length - 1];
    expect(last.if).toMatch(/steps\.diff\.outcome == 'failure'/);
    expect(last.run).toMatch(/exit 1/);
  });
});
