import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stageAuditFunction } from '../../stacks/audit-bundle';
import { exampleLandingZone, ROOT_DIR } from '../audits/fixtures';

/**
 * The function's files, run by a plain node outside the repository: no node_modules of lzkit
 * reachable, so a dependency the bundle forgot or a data file it did not ship fails here.
 */
describe('the audit function bundle', () => {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-fn-test-'));
  afterAll(() => fs.rmSync(staging, { recursive: true, force: true }));
  stageAuditFunction(ROOT_DIR, staging);

  it('loads the bundled declaration on its own, with the same accounts as the repository', () => {
    const script = "const m = require('./index.js'); const lz = m.bundledLandingZone(); process.stdout.write(JSON.stringify({ handler: typeof m.handler, accounts: [...lz.accounts.keys()].sort(), audit: lz.audit.auditAccount }));";
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: staging, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' })) as { handler: string; accounts: string[]; audit: string };
    expect(out).toEqual({ handler: 'function', accounts: [...exampleLandingZone().accounts.keys()].sort(), audit: 'audit' });
  });

  it('fails with a clear message when the stack did not set its environment', () => {
    const script = "require('./index.js').handler({}).catch((e) => { process.stdout.write(e.message); });";
    const out = execFileSync(process.execPath, ['-e', script], { cwd: staging, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(out).toMatch(/needs LZKIT_REPORT_BUCKET in its environment/);
  });
});
