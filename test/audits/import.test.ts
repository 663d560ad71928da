import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectSnapshot } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { importDeclaration, writeImport } from '../../audits/import';
import { kebab, unique } from '../../audits/import/names';
import { sandboxOrganization, startSandbox } from '../../audits/sandbox';
import { notRead, writeSnapshot, type Snapshot } from '../../audits/snapshot';
import { loadLandingZone } from '../../model';
import { asRead, exampleLandingZone, ROOT_DIR, STATIC_CREDENTIALS } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const LZKIT = path.join(ROOT_DIR, 'bin', 'lzkit.js');
const lzkit = (...args: string[]) => spawnSync(process.execPath, [LZKIT, ...args], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } });

/** The example organization as the real collectors read it from the sandbox over loopback. */
async function collectedFromSandbox(): Promise<Snapshot> {
  const lz = exampleLandingZone();
  const sb = await startSandbox({ snapshot: sandboxOrganization({ lz }) });
  try {
    // With the declaration: its logging, network (hub and spoke VPCs) and identity areas are read too.
    const r = await collectSnapshot({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit, declaration: lz });
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
    const read = asRead(snapshot);
    expect(lz.accounts.size).toBe(read.accounts.length);
    for (const a of read.accounts) expect([...lz.accounts.values()].find((d) => d.id === a.id)?.email).toBe(a.email);
    for (const o of read.organizationalUnits) expect(lz.ous.get(o.path)?.id).toBe(o.id);
    const customer = read.policies.filter((p) => !p.awsManaged);
    expect([...lz.guardrails.policies.values()].map((g) => g.existingId).sort()).toEqual(customer.map((p) => p.id).sort());
  });

  it('imports every spoke and the egress VPC as declared: account, segment, CIDR, AZs, tiers and egress usedBy', () => {
    expect(snapshot.errors).toEqual([]);
    const read = asRead(snapshot);
    expect(read.network?.vpcs.length).toBe(read.network?.attachments.length);
    const declared = exampleLandingZone().network!;
    const imported = loadLandingZone(out).model!.network!;
    const shape = (spokes: typeof declared.spokes) => [...spokes].sort((a, b) => a.account.localeCompare(b.account))
      .map((sp) => ({ account: sp.account, segment: sp.segment, prefixLength: sp.prefixLength, azs: sp.azs, tiers: sp.tiers, attachmentTier: sp.attachmentTier }));
    expect(shape(imported.spokes)).toEqual(shape(declared.spokes));
    for (const sp of declared.spokes.filter((x) => x.cidr)) expect(imported.spokes.find((x) => x.account === sp.account)?.cidr).toBe(sp.cidr);
    // The IPAM-allocated spoke is imported with the CIDR it got, and its subnets laid out where they are.
    for (const sp of declared.spokes.filter((x) => !x.cidr)) {
      const live = read.network!.vpcs.find((v) => v.tags.Name === sp.account)!;
      const mine = imported.spokes.find((x) => x.account === sp.account)!;
      expect(mine.cidr).toBe(live.cidr);
      expect(mine.subnets.map((p) => p.cidr).sort()).toEqual(live.subnets.map((x) => x.cidr).sort());
    }
    expect(imported.egress && { segment: imported.egress.segment, cidr: imported.egress.cidr, azs: imported.egress.azs, usedBy: [...imported.egress.usedBy].sort() })
      .toEqual({ segment: declared.egress!.segment, cidr: declared.egress!.cidr, azs: declared.egress!.azs, usedBy: [...declared.egress!.usedBy].sort() });
    // Reachability comes back as declared: the egress segment's one-way routes are usedBy, not reaches.
    const reach = (n: typeof declared) => n.segments.flatMap((x) => x.reaches.map((r) => [x.name, r].sort().join('<>'))).sort();
    expect(reach(imported)).toEqual(reach(declared));
  });

  it('a snapshot whose VPCs were not read imports no spokes and says so', () => {
    const d = importDeclaration({ ...snapshot, network: { ...asRead(snapshot).network!, vpcs: notRead(['ec2:DescribeVpcs']) } });
    const net = d.accountsFiles.get('network.yaml') as { spokes?: unknown[]; egress?: unknown };
    expect(net.spokes).toBeUndefined();
    expect(net.egress).toBeUndefined();
    expect(d.notes.some((n) => /could not read the VPCs .* not imported as spokes/.test(n))).toBe(true);
  });

  it('refuses a snapshot whose tree or policies were not read, naming what and why', () => {
    expect(() => importDeclaration({ ...snapshot, policies: notRead(['organizations:ListPolicies']) })).toThrow(/could not read the policies \(organizations:ListPolicies\)/);
  });

  it('writes YAML with the schema line and quoted account ids, and no files for AWS-managed policies', () => {
    const accounts = fs.readFileSync(path.join(out, 'accounts', 'accounts.yaml'), 'utf8');
    expect(accounts.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/accounts\.schema\.json$/);
    expect(accounts).toMatch(/id: "\d{12}"/);
    const files = fs.readdirSync(path.join(out, 'policies', 'scp'));
    for (const managed of asRead(snapshot).policies.filter((p) => p.awsManaged)) expect(files.join(' ')).not.toContain(kebab(managed.name, 64));
    expect(fs.readFileSync(path.join(out, 'accounts', 'guardrails.yaml'), 'utf8')).toContain('adoptedPolicies:');
  });

  it('imports a policy that fails lint, and lists its errors', () => {
    const bad: Snapshot = {
      ...snapshot,
      policies: [...asRead(snapshot).policies, {
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
    // --force rewrites what the import produces and names what it left from before.
    fs.writeFileSync(path.join(dir, 'accounts', 'accounts.yaml'), 'edited by hand\n');
    fs.writeFileSync(path.join(dir, 'accounts', 'stale.yaml'), 'x: 1\n');
    const forced = lzkit('import', '--snapshot', snap, '--out', dir, '--force');
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'accounts', 'accounts.yaml'), 'utf8')).toContain('accounts:');
    expect(forced.stderr.trim().split('\n')).toEqual([expect.stringMatching(/accounts\/stale\.yaml is from before this import/)]);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.cli.lzkit-'))).toEqual([]);
  });

  it('CLI: a snapshot that is not JSON exits 2 with one line', () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, 'nope');
    const r = lzkit('import', '--snapshot', file, '--out', path.join(tmp, 'never'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/not a snapshot: not valid JSON/)]);
  });
});
