import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyExample, removeCopies } from '../model/declaration-copy';

/**
 * The first thing a new user runs: `npm run demo` prints the demo's findings; neither it nor
 * `lzkit start` writes the demo's (made-up) drift reports into the user's folder.
 */

const ROOT = path.join(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-demo-test-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  removeCopies();
});

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The report files the demo says it wrote. */
const written = (stdout: string) => [...stdout.matchAll(/^wrote the demo's \w+ report to (.+)$/gm)].map((m) => m[1]);

describe('the demo', () => {
  it('npm run demo prints the findings of its three drifts and writes its reports to a temporary folder', async () => {
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.demo;
    const [command, ...args] = script.split(' ');
    const cwd = fs.mkdtempSync(path.join(tmp, 'cwd-'));
    const r = await run(command === 'node' ? process.execPath : command, args.map((a) => (a.includes('/') ? path.join(ROOT, a) : a)), cwd);
    expect(r.code).toBe(0);
    for (const category of ['policy-detached', 'account-moved', 'account-unmanaged']) expect(r.stdout).toContain(category);
    const files = written(r.stdout);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(fs.existsSync(f)).toBe(true);
      expect(path.relative(os.tmpdir(), f).startsWith('..')).toBe(false);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('lzkit start leaves no demo reports in the declaration folder', async () => {
    const dir = copyExample();
    const before = fs.readdirSync(dir).sort();
    const r = await run(process.execPath, [path.join(ROOT, 'bin', 'lzkit.js'), 'start', '--out', path.join(tmp, 'start-out')], dir);
    expect(r.code).toBe(0);
    expect(written(r.stdout)).toHaveLength(2);
    // Its synth writes the stack lock, as lzkit synth does (docs/stacks.md); nothing else.
    expect(fs.readdirSync(dir).filter((f) => f !== 'stacks.lock.json').sort()).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'stacks.lock.json'))).toBe(true);
  });
});
