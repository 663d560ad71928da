/**
 * Plan-scope benchmark: `npm run bench:plan-scope -- --accounts N [--json]`.
 *
 * What a small change costs at deploy time: Terraform refreshes every resource of a stack it
 * plans, so the stacks whose configuration a change touches, and their sizes, bound the work of
 * `cdktf deploy`. The benchmark generates an organization of N accounts
 * (bench/organization-generator.ts), synthesizes it as `lzkit synth` does, then changes one
 * account's tags and one guardrail attachment (a policy already in use attached to one more OU,
 * in another top-level OU than the account) and synthesizes again. It compares each stack's
 * Terraform JSON, without cdktf's own `//` metadata (construct paths, not configuration), and
 * reports the stacks that changed and the resources they hold. With --json the last line is
 * {"accounts","changedStacks","changedStackResources"}.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { generateOrganization } from './organization-generator';

const REPO = path.join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** `lzkit synth` of `dir` into `out`, in its own process (bench/synth-lzkit.ts). */
function synth(dir: string, out: string): void {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'run-ts.js'), path.join(__dirname, 'synth-lzkit.ts'), dir, out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`synth of ${dir} failed (exit ${r.status}):\n${r.stderr}`);
}

/** A JSON value without cdktf's `//` keys. */
function configuration(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(configuration);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, configuration(v)]));
  return value;
}

type StackJson = { resource?: Record<string, Record<string, unknown>> };

function readStacks(out: string): Map<string, StackJson> {
  const dir = path.join(out, 'stacks');
  return new Map(fs.readdirSync(dir).map((s) => [s, configuration(JSON.parse(fs.readFileSync(path.join(dir, s, 'cdk.tf.json'), 'utf8'))) as StackJson]));
}

const resourcesOf = (json: StackJson | undefined) => Object.values(json?.resource ?? {}).reduce((n, rs) => n + Object.keys(rs).length, 0);

interface Account { name: string; ou: string; tags?: Record<string, string> }
interface Attachment { policy: string; targets: { ous?: string[] } }

/** One account's tags and one attachment, in different top-level OUs; returns what changed, in words. */
function change(dir: string): string {
  const accountsFile = path.join(dir, 'accounts', 'accounts.yaml');
  const guardrailsFile = path.join(dir, 'accounts', 'guardrails.yaml');
  const accounts = parse(fs.readFileSync(accountsFile, 'utf8')) as { accounts: Account[] };
  const guardrails = parse(fs.readFileSync(guardrailsFile, 'utf8')) as { attachments: Attachment[] };
  const top = (ou: string) => ou.split('/')[0];

  const account = accounts.accounts[Math.floor(accounts.accounts.length / 2)];
  account.tags = { ...account.tags, 'cost-center': 'cc-changed' };

  // The tag policy: attaching it to one more OU stays within every per-target quota.
  const attachment = guardrails.attachments.find((a) => a.policy === 'tag-policy-cost-center' && a.targets.ous?.length);
  if (!attachment) throw new Error('the generated declaration attaches no tag policy to OUs');
  const attached = new Set(attachment.targets.ous);
  const ous = [...new Set(accounts.accounts.map((a) => a.ou))];
  const ou = ous.find((o) => o !== 'Root' && !attached.has(o) && top(o) !== top(account.ou));
  if (!ou) throw new Error('no OU to attach the tag policy to');
  attachment.targets.ous!.push(ou);

  fs.writeFileSync(accountsFile, stringify(accounts));
  fs.writeFileSync(guardrailsFile, stringify(guardrails));
  return `tags of ${account.name} (${account.ou}); ${attachment.policy} attached to ${ou}`;
}

function main(): void {
  const accounts = Number(arg('--accounts') ?? 1000);
  if (!Number.isInteger(accounts) || accounts < 10) throw new Error('--accounts must be a whole number >= 10');
  const json = process.argv.includes('--json');
  const log = (s: string) => process.stdout.write(`${s}\n`);

  const gen = generateOrganization(REPO, accounts);
  try {
    const before = path.join(gen.dir, 'before.out');
    const after = path.join(gen.dir, 'after.out');
    synth(gen.dir, before);
    const what = change(gen.dir);
    synth(gen.dir, after);
    const a = readStacks(before);
    const b = readStacks(after);
    const changed = [...new Set([...a.keys(), ...b.keys()])].sort()
      .filter((s) => JSON.stringify(a.get(s)) !== JSON.stringify(b.get(s)))
      .map((s) => ({ stack: s, resources: Math.max(resourcesOf(a.get(s)), resourcesOf(b.get(s))) }));
    const changedStackResources = changed.reduce((n, c) => n + c.resources, 0);
    log(`generated ${gen.accounts} accounts in ${gen.ous} OUs, ${b.size} stacks; changed: ${what}`);
    for (const c of changed) log(`  ${c.stack}: ${c.resources} resources`);
    log(`${changed.length} of ${b.size} stacks changed, holding ${changedStackResources} resources (goal: at most 2 stacks, <= 2000 resources)`);
    if (json) log(JSON.stringify({ accounts: gen.accounts, changedStacks: changed.length, changedStackResources }));
  } finally {
    fs.rmSync(gen.dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench:plan-scope: ${(err as Error).message ?? String(err)}\n`);
  process.exitCode = 2;
}
