import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectSnapshot } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { writeImport } from '../../audits/import';
import { kebab, unique } from '../../audits/import/names';
import { sandboxOrganization, startSandbox } from '../../audits/sandbox';
import { writeSnapshot, type Snapshot } from '../../audits/snapshot';
import { loadLandingZone } from '../../model';
import { exampleLandingZone, ROOT_DIR, STATIC_CREDENTIALS } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const LZKIT = path.join(ROOT_DIR, 'bin', 'lzkit.js');
const lzkit = (...args: string[]) => spawnSync(process.execPath, [LZKIT, ...args], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } });

/** The example organization as the real collectors read it from the sandbox over loopback. */
async function collectedFromSandbox(): Promise<Snapshot> {
  const lz = exampleLandingZone();
  const sb = await startSandbox({ snapshot: sandboxOrganization({ lz }) });
  try {
    const r = await collectSnapshot({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit });
    return r.snapshot;
  } finally {
    await sb.stop();
  }
}

describe('lzkit import', () => {
  let snapshot: Snapshot;
  const out = path.join(tmp, 'imported');
  beforeAll(async () => {
    snapshot = await collectedFromSandbox();
  });

  it('round-trips the sandbox: the import validates and audits with no drift against the same snapshot', () => {
    const r = writeImport(snapshot, out);
    expect(r.errors).toEqual([]);
    const loaded = loadLandingZone(out);
    expect(loaded.errors).toEqual([]);
    const lz = loaded.model!;
    expect(detectDrift(lz, snapshot)).toEqual([]);
    // What it holds: every account with its id and email, the OU tree with ids, every customer policy adopted.
    expect(lz.accounts.size).toBe(snapshot.accounts.length);
    for (const a of snapshot.accounts) expect([...lz.accounts.values()].find((d) => d.id === a.id)?.email).toBe(a.email);
    for (const o of snapshot.organizationalUnits) expect(lz.ous.get(o.path)?.id).toBe(o.id);
    const customer = snapshot.policies.filter((p) => !p.awsManaged);
    expect([...lz.guardrails.policies.values()].map((g) => g.existingId).sort()).toEqual(customer.map((p) => p.id).sort());
  });

  it('writes YAML with the schema line and quoted account ids, and no files for AWS-managed policies', () => {
    const accounts = fs.readFileSync(path.join(out, 'accounts', 'accounts.yaml'), 'utf8');
    expect(accounts.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/accounts\.schema\.json$/);
    expect(accounts).toMatch(/id: "\d{12}"/);
    const files = fs.readdirSync(path.join(out, 'policies', 'scp'));
    for (const managed of snapshot.policies.filter((p) => p.awsManaged)) expect(files.join(' ')).not.toContain(kebab(managed.name, 64));
    expect(fs.readFileSync(path.join(out, 'accounts', 'guardrails.yaml'), 'utf8')).toContain('adoptedPolicies:');
  });

  it('imports a policy that fails lint, and lists its errors', () => {
    const bad: Snapshot = {
      ...snapshot,
      policies: [...snapshot.policies, {
        id: 'p-badbadbad1', name: 'Legacy Deny Things', type: 'SERVICE_CONTROL_POLICY', awsManaged: false, targets: [snapshot.root.id],
        content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:NoSuchActionAtAll', Resource: '*' }] }),
      }],
    };
    const dir = path.join(tmp, 'lint');
    const r = writeImport(bad, dir);
    const file = path.join(dir, 'policies', 'scp', 'legacy-deny-things.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ id: 'legacy-deny-things', name: 'Legacy Deny Things', severity: 'medium' });
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.file === 'policies/scp/legacy-deny-things.json')).toBe(true);
  });

  it('makes declarable, unique account names', () => {
    expect(kebab('Prod Payments (EU)', 50)).toBe('prod-payments-eu');
    expect(kebab('MyApp', 50)).toBe('my-app');
    const taken = new Set<string>(['prod']);
    expect(unique('prod', taken, 50, '1234')).toBe('prod-1234');
    expect(unique('prod', taken, 50, '1234')).toBe('prod-2');
  });

  it('CLI: import --snapshot, validate --dir and audit --dir --snapshot all exit 0; a second import into the same folder is refused', () => {
    const snap = path.join(tmp, 'clean.json');
    writeSnapshot(snap, snapshot);
    const dir = path.join(tmp, 'cli');
    const imp = lzkit('import', '--snapshot', snap, '--out', dir);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(imp.stdout).toMatch(/^imported organization o-/);
    expect(lzkit('validate', '--dir', dir).status).toBe(0);
    const audit = lzkit('audit', '--dir', dir, '--snapshot', snap);
    expect(audit.stdout).toContain('no drift');
    expect(audit.status).toBe(0);
    const again = lzkit('import', '--snapshot', snap, '--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/already holds accounts\/ and policies\/; .*--force/)]);
  });

  it('CLI: a snapshot that is not JSON exits 2 with one line', () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, 'nope');
    const r = lzkit('import', '--snapshot', file, '--out', path.join(tmp, 'never'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/not a snapshot: not valid JSON/)]);
  });
});
