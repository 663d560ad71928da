import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const WORKFLOWS = path.join(__dirname, '..', '..', '.github', 'workflows');
interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> }
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
