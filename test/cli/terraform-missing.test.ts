import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Synthesis needs no terraform; `cdktf deploy` does. Adopted resources (import blocks) make
 * cdktf check the terraform version at synth; lzkit turns that into one line, never an error
 * per resource. Import blocks need Terraform v1.5.0 or later:
 * https://developer.hashicorp.com/terraform/language/import
 */

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'lzkit.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-terraform-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A PATH holding node and, when given, a fake `terraform` that prints `version`. */
function pathWith(terraformVersion?: string): string {
  const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  if (terraformVersion) {
    fs.writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\necho "Terraform v${terraformVersion}"\necho "on linux_amd64"\n`, { mode: 0o755 });
  }
  return bin;
}

function synth(PATH: string, out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'synth', '--dir', ROOT, '--out', out], { env: { ...process.env, PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim());

describe('lzkit synth and terraform', () => {
  it('synthesizes the example (it adopts existing accounts) without terraform, saying so in one line', async () => {
    const out = path.join(tmp, 'no-terraform');
    const r = await synth(pathWith(), out);
    expect(r.code).toBe(0);
    const named = lines(r.stderr).filter((l) => /terraform/i.test(l));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/terraform is not installed.*cdktf deploy.*terraform >=\s*1\.5/);
    // The adopted accounts still become import blocks.
    const org = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'organization', 'cdk.tf.json'), 'utf8')) as { import?: unknown[] };
    expect(org.import?.length).toBeGreaterThan(0);
  });

  it('stops with one line when terraform is older than import blocks need', async () => {
    const out = path.join(tmp, 'old-terraform');
    const r = await synth(pathWith('1.4.6'), out);
    expect(r.code).toBe(2);
    const named = lines(r.stderr).filter((l) => /terraform/i.test(l));
    expect(named.length).toBeLessThanOrEqual(3);
    expect(r.stderr).toContain('1.4.6');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('synthesizes quietly with a terraform that supports import blocks', async () => {
    const r = await synth(pathWith('1.5.0'), path.join(tmp, 'new-terraform'));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/terraform/i);
  });
});
