import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import type { CollectOptions } from '../../audits/collect';
import { ClientPool } from '../../audits/collect/clients';
import { applyDrift, startSandbox, type Sandbox, type SandboxOptions } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { isRead, notRead, type Snapshot } from '../../audits/snapshot';
import { auditAgainstSandbox, deployed, exampleLandingZone, got, memberInOu, STATIC_CREDENTIALS } from './fixtures';

const lz = exampleLandingZone();
const seed = snapshotFromDeclaration(lz);

/** The real collectors against an in-process sandbox serving `seed` unless the options say otherwise. */
const audit = (sandbox: Partial<SandboxOptions> = {}, collect: Partial<CollectOptions> = {}) => auditAgainstSandbox({ snapshot: seed, ...sandbox }, collect, lz);

/** What each drift scenario of the sandbox must be reported as. */
const SCENARIO_CATEGORY: Readonly<Record<string, string>> = {
  'scp-detached': 'policy-detached',
  'scp-edited': 'policy-modified',
  'account-moved': 'account-moved',
  'unmanaged-account': 'account-unmanaged',
  'ou-deleted': 'ou-missing',
  'trusted-access-disabled': 'trusted-access-disabled',
  'root-keys': 'root-access-keys-present',
};

describe('collectors against the sandbox (real SDK clients over loopback)', () => {
  it('reads the perfectly deployed declaration back unchanged: no drift, pagination exercised', async () => {
    const r = await audit({ pageSize: 2 });
    expect(r.findings).toEqual([]);
    expect(r.snapshot.errors).toEqual([]);
    // Every account with its State and Paths as Organizations serves them (no Status).
    expect(got(r.snapshot.accounts)).toEqual(got(seed.accounts));
    expect(got(r.snapshot.organizationalUnits).map((o) => [o.id, o.path])).toEqual(got(seed.organizationalUnits).map((o) => [o.id, o.path]));
    expect(got(r.snapshot.policies).map((p) => [p.id, p.content, p.targets])).toEqual(got(seed.policies).map((p) => [p.id, p.content, p.targets]));
    expect(r.snapshot.accountStates).toEqual(seed.accountStates);
    // The tree is walked top-down: never one ListParents per account.
    expect(r.sandbox.byOperation['organizations:ListParents']).toBeUndefined();
    expect(r.sandbox.byOperation['organizations:ListAccountsForParent']).toBeGreaterThan(got(r.snapshot.organizationalUnits).length);
  });

  // The example attaches a tag policy and a backup policy to Workloads, a declarative EC2 policy and an
  // AI opt-out policy to Root (accounts/guardrails.yaml): two distinct chains for each of the first two
  // types (Workloads accounts, the others), one for each of the last two. Accounts with the same chain
  // have the same effective policy, so one DescribeEffectivePolicy per chain and type is enough.
  it('reads one effective management policy per distinct chain of attachments, not per account', async () => {
    const r = await audit();
    const read = got(r.snapshot.effectivePolicies);
    const perType = (t: string) => read.filter((e) => e.type === t).length;
    expect([perType('TAG_POLICY'), perType('BACKUP_POLICY'), perType('DECLARATIVE_POLICY_EC2'), perType('AISERVICES_OPT_OUT_POLICY')]).toEqual([2, 2, 1, 1]);
    expect(r.sandbox.byOperation['organizations:DescribeEffectivePolicy']).toBe(6);
    // An account outside Workloads has no tag policy: Organizations says so, and that is what is expected.
    expect(read.filter((e) => e.type === 'TAG_POLICY').map((e) => e.content === null).sort()).toEqual([false, true]);
  });

  it.each(Object.entries(SCENARIO_CATEGORY))('scenario %s is reported as %s', async (scenario, category) => {
    const r = await audit({ snapshot: applyDrift(seed, [scenario]) });
    expect(r.findings.map((f) => f.category)).toContain(category);
    expect(r.findings.map((f) => f.category)).not.toContain('unauditable');
  });

  it('completes through a throttling storm (the SDK retries, the pacing backs off)', async () => {
    const r = await audit({ tps: 12 }, { concurrency: 16 });
    expect(r.sandbox.throttled).toBeGreaterThan(0);
    expect(r.stats.throttles).toBeGreaterThan(0);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it('retries HTTP 500s', async () => {
    const r = await audit({ errorRate: 0.15, seed: 7 });
    expect(r.sandbox.injectedErrors).toBeGreaterThan(0);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it('AccessDenied on one account: one unauditable finding for it, every other account read', async () => {
    const victim = memberInOu(seed).id;
    const r = await audit({ failAccounts: [victim] });
    expect(r.findings.map((f) => [f.category, f.resource.id])).toEqual([['unauditable', victim]]);
    const active = got(seed.accounts).filter((a) => a.state === 'ACTIVE' && a.id !== victim).map((a) => a.id).sort();
    expect(Object.keys(r.snapshot.accountStates).filter((id) => isRead(r.snapshot.accountStates[id])).sort()).toEqual(active);
    expect(r.snapshot.accountStates[victim]).toEqual(notRead(['sts:AssumeRole']));
  });

  it('refreshes role credentials that expire mid-run', async () => {
    const sb: Sandbox = await startSandbox({ snapshot: seed, credentialLifetimeMs: 400 });
    try {
      const member = memberInOu(seed).id;
      const pool = new ClientPool({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, managementAccountId: seed.organization.managementAccountId, auditRoleName: lz.organization.roles.audit });
      const iam = pool.member(IAMClient, member);
      await iam.send(new GetAccountSummaryCommand({}));
      const first = await pool.roleCredentials(member)();
      await new Promise((r) => setTimeout(r, 500));
      // The same client keeps working after its first credentials expired...
      await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeDefined();
      expect(sb.world.assumeRoleCount.get(member)).toBeGreaterThanOrEqual(2);
      // ...while the expired credentials themselves are refused, as AWS refuses them.
      const stale = new IAMClient({ region: 'us-east-1', endpoint: sb.endpoint, credentials: first, maxAttempts: 1 });
      await expect(stale.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
      stale.destroy();
      pool.destroy();
    } finally {
      await sb.stop();
    }
  });

  it('records what it could not read instead of passing it (IAM denied inside an account)', async () => {
    const s = deployed();
    const a = memberInOu(s);
    const served = s as unknown as { accountStates: Record<string, Snapshot['accountStates'][string]> };
    served.accountStates[a.id] = { ...s.accountStates[a.id], iam: { summary: notRead(['iam:GetAccountSummary']), passwordPolicy: s.accountStates[a.id].iam.passwordPolicy } }; // the sandbox denies the summary
    const r = await audit({ snapshot: s as unknown as Snapshot });
    expect(r.snapshot.errors.map((e) => [e.api, e.resourceId])).toEqual([['iam:GetAccountSummary', a.id]]);
    expect(r.findings.map((f) => [f.category, f.resource.id])).toEqual([['unauditable', a.id]]);
  });
});
