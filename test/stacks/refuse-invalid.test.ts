import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exampleCopy, REPO } from './synth-helpers';

/** A copy of the example with an unknown key added to accounts.yaml's first account. */
function invalidDeclaration(): string {
  return exampleCopy((f) => {
    (f['accounts.yaml'].accounts as Record<string, unknown>[])[1].colour = 'blue';
  });
}

describe('nothing is synthesized while the declaration has errors', () => {
  it('lzkit synth exits 2, names file:line:column and the code, writes nothing', () => {
    const dir = invalidDeclaration();
    const out = path.join(dir, 'cdktf.out');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'lzkit.js'), 'synth', '--dir', dir, '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/accounts\/accounts\.yaml:\d+:\d+ \S+ .*colour/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the cdktf app (cdktf.json) exits 2 the same way', () => {
    const dir = invalidDeclaration();
    const out = path.join(dir, 'cdktf.out');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'run-ts.js'), path.join(REPO, 'stacks', 'main.ts')], {
      encoding: 'utf8', cwd: REPO, env: { ...process.env, LZKIT_DIR: dir, CDKTF_OUTDIR: out },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/accounts\/accounts\.yaml:\d+:\d+/);
    expect(r.stderr).toContain('nothing synthesized');
    expect(fs.existsSync(out)).toBe(false);
  });
});
