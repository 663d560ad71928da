/**
 * `npm run bench:audit -- --accounts N [--json] [--concurrency C]`: the real collectors read a
 * generated organization of N accounts (N/10 OUs, 30 policies) from the sandbox, which answers
 * with 20 ms latency and per-operation rate limits like AWS's. The last line is
 * {"accounts","seconds","apiCalls","floorSeconds","peakRssMb"}; floorSeconds is the least time
 * the sandbox's rate limits allow for the calls made.
 */
import { collectSnapshot } from '../audits/collect';
import { startSandbox } from '../audits/sandbox';
import { seededRandom } from '../audits/sandbox/faults';
import { AWS_MANAGED_POLICIES, BASELINE_PASSWORD_POLICY } from '../audits/sandbox/seed';
import { SNAPSHOT_SCHEMA_VERSION, type LiveAccount, type LiveOrganizationalUnit, type LivePolicy, type Snapshot } from '../audits/snapshot';

/** Per-operation calls per second: Organizations allows a few per operation, STS and IAM more (per account). */
const AWS_LIKE_TPS = { organizations: 5, sts: 50, iam: 20 } as const;
const LATENCY_MS = 20;
const POLICIES = 30;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A deterministic organization: N/10 OUs (a tenth of them nested), accounts spread over them. */
function generateOrganization(n: number): Snapshot {
  const random = seededRandom(42);
  const rootId = 'r-bnch';
  const ous: LiveOrganizationalUnit[] = [];
  const ouCount = Math.max(1, Math.floor(n / 10));
  for (let i = 0; i < ouCount; i++) {
    const nested = i >= 10 && i % 10 === 0;
    const parent = nested ? ous[Math.floor(random() * 10)] : undefined;
    const name = `ou-${i}`;
    ous.push({ id: `ou-bnch-${String(i).padStart(8, '0')}`, name, parentId: parent?.id ?? rootId, path: parent ? `${parent.path}/${name}` : name });
  }
  const management = '100000000000';
  const accounts: LiveAccount[] = [{ id: management, name: 'management', email: 'management@example.com', status: 'ACTIVE', parentId: rootId }];
  for (let i = 1; i < n; i++) {
    const id = String(100000000000 + i);
    accounts.push({ id, name: `account-${i}`, email: `account-${i}@example.com`, status: 'ACTIVE', parentId: ous[i % ous.length].id });
  }
  const everywhere = [rootId, ...ous.map((o) => o.id), ...accounts.map((a) => a.id)];
  const policies: LivePolicy[] = AWS_MANAGED_POLICIES.map((p) => ({
    id: p.id, name: p.name, type: p.type, awsManaged: true, content: JSON.stringify({ Version: '2012-10-17', Statement: [p.statement] }), targets: everywhere,
  }));
  for (let i = policies.length; i < POLICIES; i++) {
    const targets = new Set<string>();
    for (let t = 0; t < 3; t++) targets.add(ous[Math.floor(random() * ous.length)].id);
    policies.push({
      id: `p-bench${String(i).padStart(4, '0')}`, name: `guardrail-${i}`, type: i % 3 === 0 ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: `G${i}`, Effect: 'Deny', Action: [`service${i}:*`], Resource: '*' }] }), targets: [...targets],
    });
  }
  const state = { iam: { summary: { accountMfaEnabled: true, accountAccessKeysPresent: false }, passwordPolicy: { ...BASELINE_PASSWORD_POLICY } } };
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION, collectedAt: new Date(0).toISOString(), region: 'us-east-1',
    organization: { id: 'o-benchmark0', arn: 'arn:aws:organizations::100000000000:organization/o-benchmark0', featureSet: 'ALL', managementAccountId: management },
    root: { id: rootId, name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }, { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' }] },
    trustedServices: ['cloudtrail.amazonaws.com', 'config.amazonaws.com', 'guardduty.amazonaws.com', 'sso.amazonaws.com'],
    delegatedAdministrators: [{ accountId: accounts[1 % accounts.length].id, servicePrincipals: ['guardduty.amazonaws.com'] }],
    organizationalUnits: ous, accounts, policies,
    accountStates: Object.fromEntries(accounts.map((a) => [a.id, structuredClone(state)])),
    errors: [],
  };
}

async function main(): Promise<void> {
  const n = Number(arg('accounts') ?? 100);
  const json = process.argv.includes('--json');
  const concurrency = Number(arg('concurrency') ?? 32);
  if (!Number.isInteger(n) || n < 2) throw new Error('--accounts must be a whole number >= 2');
  const sandbox = await startSandbox({ snapshot: generateOrganization(n), latencyMs: LATENCY_MS, tpsByService: AWS_LIKE_TPS, pageSize: 20 });
  const started = process.hrtime.bigint();
  try {
    const r = await collectSnapshot({
      region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'benchmark' },
      auditRoleName: 'LzkitAuditReadOnly', concurrency,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const s = sandbox.stats();
    if (r.snapshot.errors.length) throw new Error(`the audit could not read everything: ${JSON.stringify(r.snapshot.errors.slice(0, 3))}`);
    if (r.snapshot.accounts.length !== n) throw new Error(`read ${r.snapshot.accounts.length} accounts, expected ${n}`);
    if (!json) {
      process.stdout.write(`accounts ${n}, OUs ${r.snapshot.organizationalUnits.length}, policies ${r.snapshot.policies.length}, concurrency ${concurrency}\n`);
      process.stdout.write(`calls ${s.apiCalls} (${(s.apiCalls / n).toFixed(2)} per account), throttled ${s.throttled}, ${seconds.toFixed(1)} s vs floor ${s.floorSeconds.toFixed(1)} s (${(seconds / Math.max(s.floorSeconds, 1e-9)).toFixed(2)}x)\n`);
      for (const [op, c] of Object.entries(s.byOperation).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${op} ${c}\n`);
    }
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ accounts: n, seconds: Number(seconds.toFixed(2)), apiCalls: s.apiCalls, floorSeconds: Number(s.floorSeconds.toFixed(2)), peakRssMb })}\n`);
  } finally {
    await sandbox.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench:audit: ${e.message}\n`);
  process.exitCode = 2;
});
