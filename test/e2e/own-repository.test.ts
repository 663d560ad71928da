import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { answers, lockFileFor, readEnvFile, ROOT, run, shellEnv, start, waitFor } from './helpers';

/**
 * lzkit as a platform team adopts it, in a repository of its own: `npm pack` lzkit, install the
 * tarball into an empty folder, `lzkit init`, `npm install`, then validate, synth, the generated
 * guardrail tests and an audit against the sandbox, all through the packed package (dist/ and
 * the `exports` of package.json), never this repository's sources. Offline: npm installs from its
 * cache. The steps share one repository and run in order; each needs the one before.
 */

jest.setTimeout(300_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-e2e-'));
const repo = path.join(tmp, 'our-landing-zone');
const npm = (args: string[], cwd = repo) => run('npm', [...args, '--no-audit', '--no-fund'], cwd);
const lzkit = (args: string[], cwd = repo, env = shellEnv()) => run(path.join(repo, 'node_modules', '.bin', 'lzkit'), args, cwd, env);
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const failed = (r: { code: number | null; stdout: string; stderr: string }) => `exit ${r.code}\n${r.stdout}\n${r.stderr}`;

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  // npm runs `prepack` (the build of dist/) as part of pack.
  const pack = await npm(['pack', '--pack-destination', tmp, '--json'], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${failed(pack)}`);
  const [{ filename }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string }[];
  fs.mkdirSync(repo);
  const { packageJson, lock } = lockFileFor('our-landing-zone', `file:../${filename}`);
  fs.writeFileSync(path.join(repo, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  fs.writeFileSync(path.join(repo, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  // `npm install <tarball>` in an empty folder, from the cache.
  const install = await npm(['ci', '--offline']);
  if (install.code !== 0) throw new Error(`installing the tarball failed: ${failed(install)}`);
});

describe('lzkit in a repository of its own', () => {
  it('ships the compiled code, the schemas and the example, and no tests or benchmarks', () => {
    const installed = path.join(repo, 'node_modules', 'lzkit');
    for (const f of ['dist/cli/main.js', 'dist/model/index.js', 'dist/model/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'schema/organization.schema.json', 'accounts/organization.yaml', 'bin/lzkit.js', 'LICENSE']) {
      expect(fs.existsSync(path.join(installed, f))).toBe(true);
    }
    for (const f of ['test', 'bench', '.ci', 'cli', 'model', 'tsconfig.json', 'jest.config.js']) expect(fs.existsSync(path.join(installed, f))).toBe(false);
  });

  it('prints its version', async () => {
    const r = await lzkit(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(manifest.version);
  });

  it('loads under plain require and import, with no transform', async () => {
    const cjs = await run(process.execPath, ['-e', "const { landingZone } = require('lzkit/testing'); const { loadLandingZone } = require('lzkit'); process.stdout.write(typeof landingZone + ' ' + typeof loadLandingZone)"], repo);
    expect(cjs.stdout).toBe('function function');
    const esm = await run(process.execPath, ['--input-type=module', '-e', "import { landingZone } from 'lzkit/testing'; import { loadLandingZone } from 'lzkit'; process.stdout.write(typeof landingZone + ' ' + typeof loadLandingZone)"], repo);
    expect(esm.stdout).toBe('function function');
  });

  it('init writes the repository and keeps the installed lzkit', async () => {
    const r = await lzkit(['init']);
    expect(r.code).toBe(0);
    for (const f of ['cdktf.json', 'jest.config.js', 'tsconfig.json', '.gitignore', 'README.md', 'test/guardrails.test.ts', 'accounts/organization.yaml', 'policies/scp/region-deny.json', '.github/workflows/drift-audit.yml', '.github/workflows/pull-request.yml']) {
      expect(fs.existsSync(path.join(repo, f))).toBe(true);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies.lzkit).toMatch(/^file:/);
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['validate', 'synth', 'preflight', 'test', 'audit']));
  });

  it('init refuses to overwrite, naming the files', async () => {
    const r = await lzkit(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/accounts\/organization\.yaml.*--force/);
  });

  it('installs what the generated repository needs', async () => {
    const r = await npm(['install', '--offline']);
    expect(r.code).toBe(0);
  });

  it('points every $schema at a schema file that exists', () => {
    const files = ['accounts', 'policies'].flatMap((d) => fs.readdirSync(path.join(repo, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(repo, d, f)));
    let checked = 0;
    for (const file of files.filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const ref = /\$schema[=":\s]+([^"\s]+\.schema\.json)/.exec(fs.readFileSync(file, 'utf8'))?.[1];
      if (!ref) continue;
      expect(ref).toContain('node_modules/lzkit/schema/');
      expect(fs.existsSync(path.resolve(path.dirname(file), ref))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('validates and synthesizes', async () => {
    const v = await lzkit(['validate']);
    expect(v.code).toBe(0);
    const s = await lzkit(['synth']);
    expect(s.code).toBe(0);
    expect(fs.existsSync(path.join(repo, 'cdktf.out', 'stacks', 'organization', 'cdk.tf.json'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'cdktf.out', 'manifest.json'))).toBe(true);
  });

  it('runs the cdktf app that cdktf.json names', async () => {
    const app = (JSON.parse(fs.readFileSync(path.join(repo, 'cdktf.json'), 'utf8')) as { app: string }).app.split(' ');
    const outdir = path.join(tmp, 'cdktf-app-out');
    const r = await run(app[0], app.slice(1), repo, shellEnv({ CDKTF_OUTDIR: outdir }));
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });

  it('passes its own guardrail tests (npm test: tsc, then jest)', async () => {
    const r = await npm(['test']);
    if (r.code !== 0) throw new Error(failed(r));
    expect(r.stdout + r.stderr).toMatch(/Tests:\s+\d+ passed/);
  });

  let snapshotFile = '';

  it('audits the sandbox with no drift, through the environment the sandbox writes', async () => {
    const envFile = path.join(tmp, 'sandbox.env');
    const sandbox = start('npx', ['lzkit', 'sandbox', '--from-declaration', '--write-env', envFile], repo);
    try {
      await waitFor('the sandbox environment file', () => fs.existsSync(envFile), 120_000);
      const env = readEnvFile(envFile);
      expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      snapshotFile = path.join(tmp, 'snapshot.json');
      const r = await lzkit(['audit', '--save-snapshot', snapshotFile], repo, shellEnv(env));
      if (r.code !== 0) throw new Error(failed(r));
      expect(r.stdout).toMatch(/no drift/);

      // The process that started the sandbox dies (`npx lzkit sandbox &`, then kill the npx): the sandbox stops too.
      sandbox.child.kill('SIGKILL');
      await waitFor('the sandbox to stop after the process that started it', async () => !(await answers(env.AWS_ENDPOINT_URL)), 30_000);
      expect(fs.existsSync(envFile)).toBe(false);
    } finally {
      sandbox.child.kill('SIGKILL');
    }
  });

  it.each([
    ['--minimal', () => ['--minimal']],
    ['--from-snapshot', () => ['--from-snapshot', snapshotFile]],
  ])('init %s writes a repository whose declaration validates and whose tests pass', async (_name, flags) => {
    const other = fs.mkdtempSync(path.join(tmp, 'other-'));
    const r = await lzkit(['init', other, ...flags()]);
    if (r.code !== 0) throw new Error(failed(r));
    // The same dependencies as the first repository: no second install needed to test it.
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(other, 'node_modules'));
    expect((await lzkit(['validate'], other)).code).toBe(0);
    const t = await npm(['test'], other);
    if (t.code !== 0) throw new Error(failed(t));
  });
});
