import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffResources } from '../../diff/resources';
import type { TerraformJson } from '../../diff';
import { loadLandingZone, loadLandingZoneOrThrow, type LandingZone } from '../../model';
import { bucketOf, jumpConsistentHash } from '../../model/shards';
import { synthesize, synthesizeWithMoves } from '../../stacks/app';
import { MoveError, readStackLock, writeStackLock, type StackLock } from '../../stacks/moves';
import { readSynthesized } from '../../stacks/summary';
import { exampleCopy } from './synth-helpers';

type Files = Record<string, Record<string, unknown>>;
type RawAccount = { name: string; email: string; ou: string; id?: string; tags?: Record<string, string> };
type RawOu = { name: string; id?: string; children?: RawOu[] };

const temps: string[] = [];
afterAll(() => { for (const t of temps) fs.rmSync(t, { recursive: true, force: true }); });

/** Synthesizes into a fresh folder; every stack's Terraform JSON by name. */
function synthStacks(lz: LandingZone, previous?: StackLock): Map<string, TerraformJson & Record<string, unknown>> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-'));
  temps.push(out);
  synthesizeWithMoves(lz, out, undefined, { previous });
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return new Map(Object.entries(manifest.stacks).map(([n, s]) => [n, JSON.parse(fs.readFileSync(path.join(out, s.synthesizedStackPath), 'utf8')) as TerraformJson & Record<string, unknown>]));
}

/** `stack|TYPE.NAME` of every resource. */
function placements(stacks: ReadonlyMap<string, TerraformJson>): Set<string> {
  const out = new Set<string>();
  for (const [stack, json] of stacks) for (const [type, rs] of Object.entries(json.resource ?? {})) for (const name of Object.keys(rs)) out.add(`${stack}|${type}.${name}`);
  return out;
}

const accountsOf = (f: Files) => f['accounts.yaml'].accounts as RawAccount[];
const setShards = (f: Files, shards: Record<string, unknown>) => { (f['organization.yaml'].organization as Record<string, unknown>).shards = shards; };

// The reference implementations' test vectors (the paper's C++ code; e.g. the jumphash crates and
// C ports test exactly these): https://arxiv.org/abs/1406.2294
describe('jump consistent hash', () => {
  it('gives the published buckets', () => {
    expect(jumpConsistentHash(10863919174838991n, 11)).toBe(6);
    expect(jumpConsistentHash(2016238256797177309n, 11)).toBe(3);
    expect(jumpConsistentHash(1673758223894951030n, 11)).toBe(5);
    expect(jumpConsistentHash(2n, 100001)).toBe(80343);
    expect(jumpConsistentHash(2201n, 100001)).toBe(22152);
    expect(jumpConsistentHash(2202n, 100001)).toBe(15018);
    const golden100 = [0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83];
    expect(golden100.map((_, key) => jumpConsistentHash(BigInt(key), 100))).toEqual(golden100);
  });

  // The paper's property: going from n to n+1 buckets, a key either stays or moves to the new bucket.
  it('raising the bucket count moves names only into the new bucket, about 1/(n+1) of them', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `app-${i}`);
    for (let n = 1; n < 12; n++) {
      const moved = names.filter((name) => bucketOf(name, n) !== bucketOf(name, n + 1));
      for (const name of moved) expect(bucketOf(name, n + 1)).toBe(n);
      expect(moved.length / names.length).toBeGreaterThan(0.6 / (n + 1));
      expect(moved.length / names.length).toBeLessThan(1.4 / (n + 1));
    }
  });
});

describe('shard stacks of the example', () => {
  it('puts each top-level OU\'s accounts and attachments in its own stacks, and the root\'s attachments in guardrails-Root', () => {
    const lz = loadLandingZoneOrThrow(exampleCopy());
    const stacks = synthStacks(lz);
    const top = [...lz.ous.values()].filter((o) => o.depth === 1 && o.accounts.length + o.children.flatMap((c) => c.accounts).length > 0).map((o) => o.name);
    for (const ou of top) expect(stacks.get(`accounts-${ou}`)?.resource?.aws_organizations_account).toBeDefined();
    expect(Object.keys(stacks.get('organization')!.resource!)).not.toContain('aws_organizations_account');
    const root = Object.keys(stacks.get('guardrails-Root')!.resource!.aws_organizations_policy_attachment);
    const atRoot = lz.guardrails.attachments.filter((a) => a.ous.includes('Root')).map((a) => a.policyId);
    expect(root.sort()).toEqual(atRoot.map((p) => `attach_${p}_ou_Root`).sort());
  });

  it('deploys each shard after the stacks whose ids it reads', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-order-'));
    temps.push(out);
    const app = synthesize(loadLandingZoneOrThrow(exampleCopy()), out);
    const order = readSynthesized(out, app.node.children.map((c) => c.node.id)).map((s) => s.name);
    const before = (a: string, b: string) => expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    for (const s of order.filter((n) => n.startsWith('accounts-'))) before('organization', s);
    for (const s of order.filter((n) => n.startsWith('guardrails-'))) before('guardrails', s);
    before('organization', 'delegated-administrators');
    before('organization', 'guardrails');
  });
});

describe('stability: adding an account and an OU', () => {
  it('moves no existing resource to another stack or address', () => {
    const sharded = (f: Files) => setShards(f, { stacksPerOu: { Workloads: 3, Sandbox: 2 } });
    const before = synthStacks(loadLandingZoneOrThrow(exampleCopy(sharded)));
    const after = synthStacks(loadLandingZoneOrThrow(exampleCopy((f) => {
      sharded(f);
      const org = f['organization.yaml'] as { organizationalUnits: RawOu[] };
      org.organizationalUnits.push({ name: 'Platform' });
      org.organizationalUnits.find((o) => o.name === 'Workloads')!.children!.push({ name: 'Dev' });
      accountsOf(f).push(
        { name: 'dev-web', email: 'aws-dev-web@example.com', ou: 'Workloads/Dev' },
        { name: 'platform-tools', email: 'aws-platform-tools@example.com', ou: 'Platform' },
      );
      const g = f['guardrails.yaml'] as { attachments: { policy: string; targets: { ous?: string[] } }[] };
      g.attachments.find((a) => a.policy === 'region-deny')!.targets.ous!.push('Platform', 'Workloads/Dev');
    })));
    const was = placements(before);
    const now = placements(after);
    expect([...was].filter((p) => !now.has(p))).toEqual([]);
    expect(now.size).toBeGreaterThan(was.size);
    const shardRelated = (stack: string) => /^(organization|accounts-|guardrails|delegated-administrators)/.test(stack);
    const changes = diffResources(before, after);
    expect(changes.filter((c) => c.action === 'destroy' || c.action === 'move')).toEqual([]);
    expect(changes.filter((c) => shardRelated(c.stack) && c.action !== 'create' && c.action !== 'import')).toEqual([]);
    // The new OU has stacks of its own; the new account joined one of Workloads' three.
    expect(now).toContain('accounts-Platform|aws_organizations_account.account_platform-tools');
    expect([...now].some((p) => /^accounts-Workloads(_[23])?\|aws_organizations_account\.account_dev-web$/.test(p))).toBe(true);
  });
});

describe('the shard rule in organization.yaml', () => {
  it('refuses a stack above maxResourcesPerStack, naming the stacksPerOu value that fits', () => {
    // The attachments at the root never split (one target): one more than them leaves only OUs to spread.
    const atRoot = loadLandingZoneOrThrow(exampleCopy()).guardrails.attachments.filter((a) => a.ous.includes('Root')).length;
    const max = atRoot + 1;
    const dir = exampleCopy((f) => setShards(f, { maxResourcesPerStack: max }));
    const r = loadLandingZone(dir);
    const errors = r.errors.filter((e) => e.code === 'SHARD_TOO_LARGE');
    expect(errors.length).toBeGreaterThan(0);
    const workloads = errors.find((e) => e.message.includes('stacksPerOu.Workloads'))!;
    expect(workloads.file).toBe('accounts/organization.yaml');
    const fits = Number(/stacksPerOu\.Workloads to (\d+)/.exec(workloads.message)![1]);
    // Following the advice for every OU named gives a valid declaration.
    const advice = Object.fromEntries(errors.map((e) => /stacksPerOu\.([\w-]+) to (\d+)/.exec(e.message)!).map((m) => [m[1], Number(m[2])]));
    expect(advice.Workloads).toBe(fits);
    const fixed = exampleCopy((f) => setShards(f, { maxResourcesPerStack: max, stacksPerOu: advice }));
    expect(loadLandingZone(fixed).errors).toEqual([]);
  });

  it('says when only a higher maximum helps: the attachments at one target share a stack', () => {
    const r = loadLandingZone(exampleCopy((f) => setShards(f, { maxResourcesPerStack: 3, stacksPerOu: { Root: 5 } })));
    const atRoot = loadLandingZoneOrThrow(exampleCopy()).guardrails.attachments.filter((a) => a.ous.includes('Root')).length;
    expect(r.errors.find((e) => e.message.startsWith('stack guardrails-Root'))?.message).toMatch(new RegExp(`the ${atRoot} attachments at Root always share a stack, so raise maxResourcesPerStack to at least ${atRoot}$`));
  });

  it('refuses a stacksPerOu key that is not a top-level OU', () => {
    const r = loadLandingZone(exampleCopy((f) => setShards(f, { stacksPerOu: { 'Workloads/Prod': 2, Sandbx: 2 } })));
    expect(r.errors.map((e) => `${e.code} ${e.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^UNKNOWN_OU .*'Workloads\/Prod'.*top-level OU/),
      expect.stringMatching(/^UNKNOWN_OU .*'Sandbx'.*did you mean 'Sandbox'/),
    ]));
  });
});

// Terraform: a `removed` block with lifecycle.destroy = false forgets a resource without destroying
// it (https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources); an
// `import` block adopts one into the new state (https://developer.hashicorp.com/terraform/language/import).
// The attachment's import id is TARGET_ID:POLICY_ID
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_policy_attachment#import).
describe('moves between stacks', () => {
  const shardedDir = (adoptAll: boolean) => exampleCopy((f) => {
    setShards(f, { stacksPerOu: { Workloads: 3 } });
    if (adoptAll) accountsOf(f).forEach((a, i) => { a.id ??= String(900000000000 + i); });
  });
  const unshardedLockOf = (dir: string) => {
    const base = loadLandingZoneOrThrow(exampleCopy((f) => { if (dir) accountsOf(f).forEach((a, i) => { a.id ??= String(900000000000 + i); }); }));
    return synthesizeWithMoves(base, fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-base-'))).lock;
  };

  it('writes removed blocks where resources were and import blocks where they are now', () => {
    const previous = unshardedLockOf('adopted');
    const lz = loadLandingZoneOrThrow(shardedDir(true));
    const stacks = synthStacks(lz, previous);
    const moved = Object.entries(previous.stacks).filter(([address, stack]) => ![...stacks].some(([n, j]) => n === stack && placements(new Map([[n, j]])).has(`${n}|${address}`)));
    expect(moved.length).toBeGreaterThan(0);
    for (const [address, from] of moved) {
      const removed = (stacks.get(from)!.removed ?? []) as { from: string; lifecycle: { destroy: boolean } }[];
      expect(removed).toContainEqual({ from: address, lifecycle: { destroy: false } });
      const [to, json] = [...stacks].find(([n, j]) => placements(new Map([[n, j]])).has(`${n}|${address}`))!;
      expect(to).toMatch(/_[23]$/);
      const imported = (json.import ?? []).find((i) => i.to === address);
      expect(imported).toBeDefined();
      if (address.startsWith('aws_organizations_policy_attachment.')) {
        const attachment = json.resource!.aws_organizations_policy_attachment[address.split('.')[1]];
        expect(imported!.id).toBe(`${attachment.target_id as string}:${attachment.policy_id as string}`);
      }
    }
  });

  it('keeps the moves through later synths until settled, and names the line of a created account it cannot import', () => {
    const previous = unshardedLockOf('');
    const dir = shardedDir(false);
    const lz = loadLandingZoneOrThrow(dir);
    let error: unknown;
    try { synthStacks(lz, previous); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(MoveError);
    for (const p of (error as MoveError).problems) {
      expect(p.source.file).toBe('accounts/accounts.yaml');
      expect(p.message).toMatch(/^aws_organizations_account\.account_[\w-]+ moves from stack accounts-Workloads to accounts-Workloads_[23], .*add its 12-digit id/);
    }

    // Adopted everywhere: the lock written after the first synth still carries the moves, until settled.
    const adopted = loadLandingZoneOrThrow(shardedDir(true));
    const first = synthesizeWithMoves(adopted, fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-1-')), undefined, { previous: unshardedLockOf('adopted') });
    writeStackLock(adopted.dir, first.lock);
    const again = synthesizeWithMoves(adopted, fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-2-')), undefined, { previous: readStackLock(adopted.dir) });
    expect(again.moves).toEqual(first.moves);
    const settled = synthesizeWithMoves(adopted, fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-3-')), undefined, { previous: readStackLock(adopted.dir), settle: true });
    expect(settled.moves).toEqual([]);
    expect(settled.lock.formerly).toEqual({});
    expect(settled.lock.stacks).toEqual(first.lock.stacks);
  });

  // Import ids as the AWS provider documents them:
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_delegated_administrator#import (ACCOUNT_ID/SERVICE_PRINCIPAL)
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_organization_admin_account#import (account id)
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_account#import (account id)
  it('moves a deployment made before shards out of organization and guardrails (--from-unsharded)', () => {
    const lz = loadLandingZoneOrThrow(shardedDir(true));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-shards-unsharded-'));
    temps.push(out);
    const { moves } = synthesizeWithMoves(lz, out, undefined, { previous: 'unsharded' });
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as TerraformJson & { removed?: { from: string }[] };
    const removedFromOrganization = new Set((read('organization').removed ?? []).map((r) => r.from));
    for (const a of lz.accounts.values()) if (!a.isManagement) expect(removedFromOrganization).toContain(`aws_organizations_account.account_${a.name}`);
    const removedFromGuardrails = (read('guardrails').removed ?? []).map((r) => r.from);
    expect(removedFromGuardrails.length).toBe(lz.guardrails.attachments.reduce((n, a) => n + a.ous.length + a.accounts.length, 0) + lz.guardrails.fullAwsAccess.detachedFromOus.length + lz.guardrails.fullAwsAccess.detachedFromAccounts.length);
    const admins = new Map((read('delegated-administrators').import ?? []).map((i) => [i.to, i.id]));
    const delegate = (service: string) => lz.organization.delegatedAdministrators.find((d) => d.servicePrincipal === service)!.account;
    const config = delegate('config.amazonaws.com');
    const guardDuty = delegate('guardduty.amazonaws.com');
    expect(admins.get(`aws_organizations_delegated_administrator.delegated_admin_config_${config}`)).toBe(`${lz.accounts.get(config)!.id}/config.amazonaws.com`);
    expect(admins.get(`aws_guardduty_organization_admin_account.guardduty_admin_guardduty_${guardDuty}_${lz.organization.homeRegion}`)).toBe(lz.accounts.get(guardDuty)!.id);
    expect(moves.length).toBe(removedFromOrganization.size + removedFromGuardrails.length);
  });
});

