import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { copyWholeExample, denyCreateVpcAtProd, EXAMPLE_DIR, removeWholeCopies } from './example-copy';

const lzkit = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(EXAMPLE_DIR, 'bin', 'lzkit.js'), ...args], { cwd: EXAMPLE_DIR, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+/);

afterAll(removeWholeCopies);

describe('lzkit preflight', () => {
  it('finds the example deployable: exit 0, { ok: true, errors: [] }, the one-time prerequisites as warnings', () => {
    const r = lzkit('preflight', '--json');
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { message: string }[]; warnings: { rule: string; message: string }[] };
    expect(out.errors.map((e) => e.message)).toEqual([]);
    expect(out.ok).toBe(true);
    expect(r.code).toBe(0);
    expect(out.warnings.find((w) => w.rule === 'stacksets-organizations-access')?.message).toMatch(/aws cloudformation activate-organizations-access/);
  }, 120_000);

  it('refuses a declaration whose guardrail denies ec2:CreateVpc in Workloads/Prod, which validate accepts', () => {
    const dir = copyWholeExample();
    denyCreateVpcAtProd(dir);
    expect(lzkit('validate', '--dir', dir).code).toBe(0);
    const r = lzkit('preflight', '--dir', dir, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { rule: string; stack: string; resource: string; file: string; line: number; message: string; doc: string }[] };
    expect(out.ok).toBe(false);
    const vpc = out.errors.filter((e) => e.rule === 'apply-simulation' && /^aws_vpc\./.test(e.resource));
    expect(vpc.length).toBeGreaterThan(0);
    for (const e of vpc) {
      expect(e.message).toMatch(/deny-create-vpc/);
      expect(Object.keys(e).sort()).toEqual(['doc', 'file', 'line', 'message', 'resource', 'rule', 'stack']);
      expect(e.line).toBeGreaterThan(0);
    }
  }, 120_000);

  it('exits 2 with the validation errors, one per line, for an invalid declaration', () => {
    const dir = copyWholeExample();
    const file = path.join(dir, 'accounts', 'accounts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('ou: Workloads/Prod\n', 'ou: Workloads/Prodd\n'));
    const r = lzkit('preflight', '--dir', dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^accounts\/accounts\.yaml:\d+:\d+ \S+ .*Workloads\/Prodd/m);
    noStack(r.stderr);
  });

  it('without terraform on PATH, synthesizes anyway and skips only the graph check, saying so', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-path-'));
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const r = spawnSync(process.execPath, [path.join(EXAMPLE_DIR, 'bin', 'lzkit.js'), 'preflight'], { cwd: EXAMPLE_DIR, encoding: 'utf8', env: { ...process.env, PATH: bin } });
    fs.rmSync(bin, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^warning \[terraform-plan\] graph check skipped: it needs terraform >= 1\.5\.0 on PATH/m);
    expect(r.stdout).toMatch(/^preflight: deployable, 0 error\(s\), .*graph check skipped$/m);
    // The apply simulation and the precondition rules still ran.
    expect(r.stdout).toMatch(/apply simulation of \d+ resources/);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lzkit: terraform is not installed \(not on PATH\): synthesized anyway/)]);
  }, 120_000);

  it('exits 2 with one line for a bad flag', () => {
    const r = lzkit('preflight', '--jsn');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--jsn'/);
    noStack(r.stderr);
  });
});

describe('the pull-request workflow', () => {
  it('runs lzkit preflight on every change to the declaration', () => {
    const w = parse(fs.readFileSync(path.join(EXAMPLE_DIR, '.github', 'workflows', 'pull-request.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(w.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(runs).toContain('npx lzkit preflight');
  });
});
