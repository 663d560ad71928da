import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * `lzkit init` in folders that already hold something: it names what it would overwrite and
 * writes nothing, merges into an existing package.json, and stops with one line on bad input.
 * The whole path (install, validate, synth, the generated tests) is test/e2e/.
 */

const ROOT = path.join(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-init-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function init(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'lzkit.js'), 'init', ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const folder = (name: string, files: Record<string, string> = {}) => {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('lzkit init', () => {
  it('refuses to overwrite existing files, names them, and writes nothing', async () => {
    const dir = folder('has-readme', { 'README.md': 'ours\n', 'accounts/organization.yaml': 'ours\n' });
    const r = await init([dir]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain('README.md');
    expect(r.stderr).toContain('accounts/organization.yaml');
    expect(r.stderr).toContain('--force');
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'accounts']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('ours\n');
  });

  it('merges into an existing package.json, refusing to replace a script of its own unless --force', async () => {
    const ours = { name: 'ours', version: '2.0.0', scripts: { test: 'mocha', lint: 'eslint .' }, dependencies: { lzkit: 'file:../lzkit.tgz', left: '^1.0.0' }, devDependencies: { jest: '^29.0.0' } };
    const dir = folder('has-package', { 'package.json': JSON.stringify(ours) });
    const refused = await init([dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('package.json (scripts.test)');
    const r = await init([dir, '--force']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as typeof ours & { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg).toMatchObject({ name: 'ours', version: '2.0.0', dependencies: { lzkit: 'file:../lzkit.tgz', left: '^1.0.0' } });
    expect(pkg.scripts.lint).toBe('eslint .');
    expect(pkg.scripts.test).not.toBe('mocha');
    expect(pkg.devDependencies.jest).toBe('^29.0.0');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['ts-jest', 'typescript', '@types/jest']));
  });

  it('depends on the running version of lzkit in a new folder, and creates the folder', async () => {
    const dir = path.join(tmp, 'new', 'landing-zone');
    const r = await init([dir, '--minimal']);
    expect(r.code).toBe(0);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe('landing-zone');
    expect(pkg.dependencies.lzkit).toBe(`^${version}`);
  });

  it.each([
    ['both starts', () => [path.join(tmp, 'x'), '--minimal', '--from-snapshot', 'snap.json'], /either --from-snapshot or --minimal/],
    ['a file as the folder', () => [folder('file-parent', { f: 'x' }) + '/f'], /is a file, not a folder/],
    ['a missing snapshot', () => [path.join(tmp, 'y'), '--from-snapshot', path.join(tmp, 'missing.json')], /missing\.json/],
    ['a broken package.json', () => [folder('broken-package', { 'package.json': '{ nope' })], /package\.json is not a JSON object/],
  ])('stops with one line on %s', async (_name, args, says) => {
    const r = await init(args());
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
