/**
 * Synth benchmark: `npm run bench:synth -- --accounts N [--json] [--runs R]` (R defaults to 3; medians).
 *
 * Generates an organization of N accounts (N/10 OUs, the repo's full guardrail library,
 * attachments), then times, each in its own child process so that neither inflates the other:
 *   lzkit    — load + validate the declaration (schema, meaning pass, policy lint) and synthesize;
 *   baseline — a bare cdktf program emitting the same resources from a flat plan (the floor).
 * Times are wall clock around the whole child (node start, module loading, work, exit); peak RSS
 * is the child's own maxRSS. Both write the same resources into the same stacks (the shard
 * layout of desired/shards.ts). With --json the last line is
 * {"accounts","resources","stacks","maxStackResources","seconds","baselineSeconds","peakRssMb"}.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateOrganization } from './organization-generator';
import { formatDiagnostic, loadLandingZone } from '../model';
import { localStatePath } from '../stacks/backend';
import { desiredState, ORGANIZATIONS_POLICY_TYPE } from '../desired';
import { desiredShards } from '../desired/shards';
import { BASELINE_STACKS, type BaselinePlan } from './synth-baseline';
import type { ChildReport } from './synth-report';

const REPO = path.join(__dirname, '..');
const RUN_TS = path.join(REPO, 'bin', 'run-ts.js');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

function runChild(entry: string, args: string[]): ChildReport & { wallSeconds: number } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [RUN_TS, path.join(__dirname, entry), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`benchmark child ${entry} failed (exit ${r.status}):\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(last) as ChildReport), wallSeconds };
}

/** The flat plan for the baseline, from the model (in the driver: not timed, not measured): lzkit's resources in lzkit's stacks. */
function baselinePlan(dir: string, outdir: string): BaselinePlan {
  const r = loadLandingZone(dir);
  if (!r.model) throw new Error(`the generated declaration is invalid:\n${r.errors.slice(0, 20).map(formatDiagnostic).join('\n')}`);
  const lz = r.model;
  const desired = desiredState(lz);
  const shards = desiredShards(lz, desired);
  // Parents before children (the model's map lists children first).
  const ouPaths = [...lz.ous.values()].filter((o) => o.path !== 'Root').sort((a, b) => a.depth - b.depth).map((o) => o.path);
  const ouIndex = (p: string) => (p === 'Root' ? -1 : ouPaths.indexOf(p));
  const members = [...lz.accounts.values()].filter((a) => !a.isManagement);
  const accountIndex = new Map(members.map((a, i) => [a.name, i]));
  const accountStack = new Map([...shards.accounts].flatMap(([stack, list]) => list.map((a) => [a.name, stack] as const)));
  const policies = [...lz.guardrails.policies.values()];
  const policyIndex = new Map(policies.map((g, i) => [g.id, i]));
  const o = lz.organization;
  const stacks = [BASELINE_STACKS.organization, BASELINE_STACKS.delegated, BASELINE_STACKS.guardrails, ...shards.accounts.keys(), ...shards.guardrails.keys()];
  return {
    organization: { id: o.id, policyTypes: [...o.enabledPolicyTypes], trusted: [...o.trustedServices], managementId: lz.accounts.get(o.managementAccount)!.id!, region: o.homeRegion, deploymentRole: o.roles.deployment, rootAccessFeatures: [...desired.organization.rootAccessFeatures], ramSharing: desired.organization.ramSharingWithOrganization },
    ous: ouPaths.map((p, i) => { const ou = lz.ous.get(p)!; return { key: `ou${i}`, name: ou.name, parent: ouIndex(ou.parentPath!), id: ou.id }; }),
    accounts: members.map((a, i) => ({ key: `account${i}`, name: a.name, email: a.email, ou: ouIndex(a.ou), id: a.id, tags: { ...a.tags }, stack: accountStack.get(a.name)! })),
    delegated: desired.organization.delegatedAdministrators.flatMap((d) => d.regions.map(() => d)).map((d, i) => ({ key: `delegated${i}`, service: d.servicePrincipal, account: accountIndex.get(d.account)! })),
    policies: policies.map((g, i) => ({ key: `policy${i}`, name: g.name, description: g.description, type: ORGANIZATIONS_POLICY_TYPE[g.type], content: g.content, id: g.existingId, tags: { 'lzkit-guardrail': g.id, severity: g.severity } })),
    attachments: [...shards.guardrails].flatMap(([stack, shard]) => shard.attachments.map((a) => ({
      kind: a.target.kind, target: a.target.kind === 'ou' ? ouIndex(a.target.name) : accountIndex.get(a.target.name)!, policy: policyIndex.get(a.policyId)!, stack,
    }))).map((a, i) => ({ ...a, key: `attachment${i}` })),
    statePaths: Object.fromEntries(stacks.map((s) => [s, localStatePath(dir, 'terraform.state', outdir, s)])),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function driver(): Promise<void> {
  const accounts = Number(arg('--accounts') ?? 1000);
  const runs = Number(arg('--runs') ?? 3);
  if (!Number.isInteger(accounts) || accounts < 10) throw new Error('--accounts must be a whole number >= 10');
  const json = process.argv.includes('--json');
  const log = (s: string) => process.stdout.write(`${s}\n`);

  const gen = generateOrganization(REPO, accounts);
  const lzOut = path.join(gen.dir, 'cdktf.out');
  const baseOut = path.join(gen.dir, 'baseline.out');
  const planFile = path.join(gen.dir, 'baseline-plan.json');
  fs.writeFileSync(planFile, JSON.stringify(baselinePlan(gen.dir, baseOut)));
  log(`generated ${gen.accounts} accounts in ${gen.ous} OUs at ${gen.dir}`);

  // Untimed: the stack lock a deployed organization has (settled, nothing moving), so the timed
  // runs synthesize as every later `lzkit synth` does.
  runChild('synth-lzkit.ts', [gen.dir, lzOut, '--settle-moves']);
  const lz: (ChildReport & { wallSeconds: number })[] = [];
  const base: (ChildReport & { wallSeconds: number })[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(runChild('synth-baseline-child.ts', [planFile, baseOut]));
    lz.push(runChild('synth-lzkit.ts', [gen.dir, lzOut]));
  }
  const seconds = median(lz.map((r) => r.wallSeconds));
  const baselineSeconds = median(base.map((r) => r.wallSeconds));
  const peakRssMb = Math.max(...lz.map((r) => r.peakRssMb));
  const { resources, stacks, maxStackResources } = lz[0];
  if (resources !== base[0].resources || stacks !== base[0].stacks) log(`warning: lzkit emitted ${resources} resources in ${stacks} stacks, the baseline ${base[0].resources} in ${base[0].stacks}`);
  log(`lzkit    validate + synth: ${seconds.toFixed(2)} s wall (${median(lz.map((r) => r.seconds)).toFixed(2)} s after start-up), peak RSS ${peakRssMb.toFixed(0)} MB, ${resources} resources in ${stacks} stacks (largest ${maxStackResources})`);
  log(`baseline bare cdktf:       ${baselineSeconds.toFixed(2)} s wall (${median(base.map((r) => r.seconds)).toFixed(2)} s after start-up), peak RSS ${Math.max(...base.map((r) => r.peakRssMb)).toFixed(0)} MB`);
  log(`ratio ${(seconds / baselineSeconds).toFixed(2)}x the floor (goal <= 1.5x), peak RSS goal <= 1024 MB, largest stack goal <= 2000 resources`);
  fs.rmSync(gen.dir, { recursive: true, force: true });
  if (json) {
    log(JSON.stringify({
      accounts: gen.accounts, resources, stacks, maxStackResources,
      seconds: Number(seconds.toFixed(3)), baselineSeconds: Number(baselineSeconds.toFixed(3)), peakRssMb: Number(peakRssMb.toFixed(1)),
    }));
  }
}

driver().catch((err: unknown) => {
  process.stderr.write(`bench:synth: ${(err as Error).message ?? String(err)}\n`);
  process.exitCode = 2;
});
