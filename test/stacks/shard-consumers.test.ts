import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { loadLandingZoneOrThrow } from '../../model';
import { accountKey } from '../../preflight/organization';
import { ouPathOf } from '../../preflight/stacksets';
import { synthesizeStacks } from '../../preflight/synth';
import { STACK_LOCK_FILE, type StackLock } from '../../stacks/moves';
import { exampleCopy, REPO } from './synth-helpers';

describe('preflight reads the shard stacks', () => {
  const lz = loadLandingZoneOrThrow(exampleCopy());
  const stacks = synthesizeStacks(lz);

  it('knows every account a reference names, in its own shard and through another shard\'s outputs', () => {
    let across = 0;
    for (const stack of stacks) {
      for (const r of stack.resources) {
        for (const m of JSON.stringify(r.body).matchAll(/\$\{[^}]*aws_organizations_account[^}]*\}/g)) {
          const key = accountKey(m[0]);
          expect(key).toMatch(/^account:/);
          expect(lz.accounts.has(key!.slice('account:'.length))).toBe(true);
          if (m[0].includes('terraform_remote_state')) across++;
        }
      }
    }
    expect(across).toBeGreaterThan(0);
  });

  it('places each account shard\'s parent OU, adopted (literal) or created (through the organization stack)', () => {
    let created = 0;
    for (const stack of stacks.filter((s) => s.name.startsWith('accounts-'))) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_organizations_account')) {
        const account = lz.accounts.get(r.body.name as string)!;
        expect(ouPathOf(lz, r.body.parent_id as string)).toBe(account.ou);
        if (!lz.ous.get(account.ou)!.id) created++;
      }
    }
    expect(created).toBeGreaterThan(0);
  });
});

describe('lzkit synth and the stack lock', () => {
  const bin = path.join(REPO, 'bin', 'lzkit.js');
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'synth', '--dir', dir, '--out', path.join(dir, 'cdktf.out'), ...args], { encoding: 'utf8' });
  const lockOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, STACK_LOCK_FILE), 'utf8')) as StackLock;
  const edit = (dir: string, file: string, change: (data: Record<string, unknown>) => void) => {
    const p = path.join(dir, 'accounts', file);
    const data = parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>;
    change(data);
    fs.writeFileSync(p, stringify(data));
  };

  it('writes the lock, refuses a move it cannot import in one line per account, then moves once ids are given, until settled', () => {
    const dir = exampleCopy();
    const first = run(dir);
    expect(first.status).toBe(0);
    expect(lockOf(dir).stacks['aws_organizations_account.account_prod-web']).toBe('accounts-Workloads');

    edit(dir, 'organization.yaml', (o) => { (o.organization as Record<string, unknown>).shards = { stacksPerOu: { Workloads: 3 } }; });
    const lockBefore = fs.readFileSync(path.join(dir, STACK_LOCK_FILE), 'utf8');
    const refused = run(dir);
    expect(refused.status).toBe(2);
    const lines = refused.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('lzkit: nothing synthesized');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^lzkit: accounts\/accounts\.yaml:\d+:\d+ MOVE_NEEDS_ID aws_organizations_account\.account_[\w-]+ moves from stack accounts-Workloads to accounts-Workloads_[23]/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(dir, STACK_LOCK_FILE), 'utf8')).toBe(lockBefore);

    edit(dir, 'accounts.yaml', (a) => { (a.accounts as { id?: string }[]).forEach((x, i) => { x.id ??= String(900000000000 + i); }); });
    const moved = run(dir);
    expect(moved.status).toBe(0);
    expect(moved.stdout).toMatch(/\d+ resource\(s\) move to another stack/);
    expect(Object.keys(lockOf(dir).formerly).length).toBeGreaterThan(0);

    const settled = run(dir, '--settle-moves');
    expect(settled.status).toBe(0);
    expect(settled.stdout).not.toMatch(/move to another stack/);
    expect(lockOf(dir).formerly).toEqual({});
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  // Without a lock nothing says whether an lzkit without shards deployed the organization; if it
  // did, leaving its accounts out of `organization` would destroy them (Terraform destroys what
  // leaves the configuration). A removed block forgets a resource without destroying it, and one
  // whose address is not in state does nothing:
  // https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
  it('guards a first synth: removed blocks (destroy = false) where lzkit without shards kept each resource, no import block, until settled', () => {
    const dir = exampleCopy();
    const first = run(dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/wrote stacks\.lock\.json \(commit it\).*lzkit synth --from-unsharded/);
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { removed?: { from: string; lifecycle: { destroy: boolean } }[]; import?: { to: string }[] };
    const removedFrom = (stack: string) => (read(stack).removed ?? []).map((r) => { expect(r.lifecycle).toEqual({ destroy: false }); return r.from; });
    const lz = loadLandingZoneOrThrow(dir);
    const members = [...lz.accounts.values()].filter((a) => !a.isManagement);
    expect(removedFrom('organization').sort()).toEqual(expect.arrayContaining(members.map((a) => `aws_organizations_account.account_${a.name}`)));
    const attachmentsRemoved = removedFrom('guardrails').filter((a) => a.startsWith('aws_organizations_policy_attachment.'));
    expect(attachmentsRemoved.length).toBe(lz.guardrails.attachments.reduce((n, a) => n + a.ous.length + a.accounts.length, 0));
    // A created account is never imported (it may not exist yet): only the declared ids are.
    const created = members.filter((a) => !a.id).map((a) => `aws_organizations_account.account_${a.name}`);
    expect(created.length).toBeGreaterThan(0);
    const imported = fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).flatMap((s) => (read(s).import ?? []).map((i) => i.to));
    for (const c of created) expect(imported).not.toContain(c);
    expect(Object.keys(lockOf(dir).guarded ?? {}).length).toBe(removedFrom('organization').length + removedFrom('guardrails').length);

    // The next synth reads the lock: still guarded, still no import, and synth says nothing more.
    const second = run(dir);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toMatch(/wrote stacks\.lock\.json|move to another stack/);
    expect(removedFrom('organization').sort()).toEqual(expect.arrayContaining(created));
    const settled = run(dir, '--settle-moves');
    expect(settled.status).toBe(0);
    expect(read('organization').removed).toBeUndefined();
    expect(lockOf(dir).guarded).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('names a broken lock file in one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-lock-'));
    fs.cpSync(exampleCopy(), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, STACK_LOCK_FILE), '{ not json');
    const r = run(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lzkit: stacks\.lock\.json:1:1 BAD_STACK_LOCK is not JSON/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
