import { got } from './fixtures';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectDrift, type Finding } from '../../audits/drift';
import { declarationCommit, reportFormats, reporterFor, type AuditReport } from '../../audits/report';
import { sandboxOrganization, startSandbox } from '../../audits/sandbox';
import { copyExample, removeCopies } from '../model/declaration-copy';
import { exampleLandingZone, ROOT_DIR, STATIC_CREDENTIALS } from './fixtures';

/** lzkit's version as its package manifest states it. */
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-provenance-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  removeCopies();
});

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-C', dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe("the declaration's commit", () => {
  it('is absent outside a git repository', () => {
    expect(declarationCommit(copyExample())).toBeUndefined();
  });

  it('is HEAD in a clean repository, HEAD-dirty when a declaration file changed, and ignores other files', () => {
    const dir = copyExample();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'declaration');
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(declarationCommit(dir)).toBe(head);
    fs.writeFileSync(path.join(dir, 'NOTES.md'), 'not the declaration\n');
    expect(declarationCommit(dir)).toBe(head);
    fs.appendFileSync(path.join(dir, 'accounts', 'accounts.yaml'), '# edited\n');
    expect(declarationCommit(dir)).toBe(`${head}-dirty`);
  });
});

describe('every report format', () => {
  const lz = exampleLandingZone();
  const snapshot = sandboxOrganization({ lz }, ['scp-detached']);
  const findings = detectDrift(lz, snapshot);
  const base: AuditReport = { lz, snapshot, findings, generatedAt: '2026-01-01T00:00:00.000Z', declarationCommit: '0123456789abcdef0123456789abcdef01234567-dirty' };
  const unauditable: Finding = { ...findings[0], id: 'unauditable/x', category: 'unauditable', message: 'could not read account 555555555555' };
  const partial: AuditReport = { ...base, findings: [...findings, unauditable] };

  it.each(reportFormats())('%s names the lzkit version and the declaration commit', (format) => {
    const text = reporterFor(format)!.render(base);
    expect(text).toContain(VERSION);
    expect(text).toContain(base.declarationCommit);
  });

  it.each(['table', 'markdown', 'html', 'junit'])('%s carries an INCOMPLETE banner for a partial audit only', (format) => {
    expect(reporterFor(format)!.render(partial)).toContain('INCOMPLETE');
    expect(reporterFor(format)!.render(base)).not.toContain('INCOMPLETE');
  });

  it('html shows the banner as an alert at the top of the page', () => {
    const html = reporterFor('html')!.render(partial);
    expect(html.indexOf('id="incomplete"')).toBeGreaterThan(0);
    expect(html.indexOf('id="incomplete"')).toBeLessThan(html.indexOf('id="findings"'));
  });

  it('json and sarif say whether the audit is complete', () => {
    const json = (r: AuditReport) => JSON.parse(reporterFor('json')!.render(r)) as { complete: boolean; lzkitVersion: string; declarationCommit: string | null };
    expect(json(base)).toMatchObject({ complete: true, lzkitVersion: VERSION, declarationCommit: base.declarationCommit });
    expect(json(partial).complete).toBe(false);
    expect(json({ ...base, declarationCommit: undefined }).declarationCommit).toBeNull();
    const sarif = JSON.parse(reporterFor('sarif')!.render(partial)) as { runs: { tool: { driver: { semanticVersion: string } }; properties: { complete: boolean } }[] };
    expect(sarif.runs[0].tool.driver.semanticVersion).toBe(VERSION);
    expect(sarif.runs[0].properties.complete).toBe(false);
  });
});

describe('lzkit audit when stderr is not a terminal (CI, pipes)', () => {
  it('prints progress lines (accounts done of total, throttles, elapsed) and the commit in the report', async () => {
    const lz = exampleLandingZone();
    // Slow answers, so reading takes several progress intervals.
    const sandbox = await startSandbox({ snapshot: sandboxOrganization({ lz }), latencyMs: 150 });
    try {
      const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.endpoint, AWS_ACCESS_KEY_ID: STATIC_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_CREDENTIALS.secretAccessKey, AWS_REGION: lz.organization.homeRegion };
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT_DIR, 'bin', 'lzkit.js'), 'audit', '--dir', ROOT_DIR, '--progress-every', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
        child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(r.code).toBe(0);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('audit: '));
      const total = got(sandboxOrganization({ lz }).accounts).length;
      expect(lines.filter((l) => /^audit: read \d+\/\d+ accounts, \d+ throttled, \d+ s$/.test(l)).length).toBeGreaterThanOrEqual(1);
      expect(lines[lines.length - 1]).toMatch(new RegExp(`^audit: done reading ${total}/${total} accounts, \\d+ throttled, \\d+ s$`));
      // No terminal control sequences (the bar is for terminals only).
      expect(r.stderr).not.toContain('\u001b[');
      expect(r.stdout).toMatch(new RegExp(`lzkit ${VERSION.replace(/\./g, '\\.')}, declaration commit ${git(ROOT_DIR, 'rev-parse', 'HEAD')}(-dirty)?\n`));
    } finally {
      await sandbox.stop();
    }
  });
});
