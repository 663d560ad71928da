/**
 * `npm run bench:audit -- --accounts N [--json] [--concurrency C]`: the FULL drift audit of a
 * generated declaration of N accounts (bench/organization-generator.ts with logging, network,
 * identity and security services sections), against the sandbox seeded from that declaration
 * as if deployed perfectly (the seeding `lzkit sandbox --from-declaration` uses), answering with
 * 20 ms latency and AWS-like per-operation rate limits for every service the collectors call.
 * The real collectors read it with the declaration, then the drift engine compares; a perfect
 * deployment must give no finding, else the benchmark fails (exit 2). The last line is
 * {"accounts","seconds","apiCalls","floorSeconds","peakRssMb",...}; floorSeconds is the least
 * time the sandbox's per-operation token buckets allow for the calls made.
 */
import * as fs from 'fs';
import * as path from 'path';
import { collectSnapshot } from '../audits/collect';
import { detectDrift } from '../audits/drift';
import { sandboxOrganization, startSandbox } from '../audits/sandbox';
import { isRead } from '../audits/snapshot';
import { formatDiagnostic, loadLandingZone } from '../model';
import { generateOrganization } from './organization-generator';

/**
 * Calls per second per operation (token bucket, burst = one second), by SigV4 service name.
 * Organizations' limits are organization-wide, the others per account (as in the sandbox), which
 * for the areas means per operation in the one account the collectors read them from.
 * Sources: Organizations throttles at a few TPS per operation (not published per operation; 5 is
 * what CLI users observe); STS ~50 (AssumeRole's regional share), IAM ~20 (its control plane);
 * IAM Identity Center documents a collective 20 TPS for its account access API (sso) and
 * Identity Store; EC2 Describe* refills its non-mutating bucket at 20/s; RAM ~5 (conservative;
 * not published); CloudTrail 10 per API for Describe/GetTrailStatus; S3 bucket-configuration
 * reads ~20 (conservative; not published); KMS 1000 for DescribeKey, GetKeyPolicy and
 * GetKeyRotationStatus (KMS request quotas, shared quota simplified to per operation); Security
 * Hub 10 for the operations it does not list on their own (its quotas page); GuardDuty, AWS
 * Config and IAM Access Analyzer 10 (conservative; not published per operation).
 */
export const AWS_LIKE_TPS = {
  organizations: 5, sts: 50, iam: 20, sso: 20, identitystore: 20, ec2: 20, ram: 5, cloudtrail: 10, s3: 20, kms: 1000,
  guardduty: 10, securityhub: 10, config: 10, 'access-analyzer': 10,
} as const;
const LATENCY_MS = 20;
/** Organizations' largest page (ListAccountsForParent & co.); SSO Admin and EC2 would serve more. */
const PAGE_SIZE = 20;
const REPO = path.join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Operations called in every member account (or each spoke's): their buckets are per account. */
const PER_MEMBER_ACCOUNT = ['sts:', 'iam:', 'config:DescribeConfigurationRecorderStatus', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets'];

/** The operation whose bucket sets the floor, from the per-operation counts (one bucket each). */
function floorSetBy(byOperation: Readonly<Record<string, number>>): { operation: string; seconds: number } {
  let best = { operation: '', seconds: 0 };
  for (const [op, calls] of Object.entries(byOperation)) {
    const service = op.slice(0, op.indexOf(':')) as keyof typeof AWS_LIKE_TPS;
    if (PER_MEMBER_ACCOUNT.some((o) => op.startsWith(o))) continue; // many small buckets, one per account
    const rate = AWS_LIKE_TPS[service];
    const seconds = rate ? Math.max(0, (calls - rate) / rate) : 0;
    if (seconds > best.seconds) best = { operation: op, seconds };
  }
  return best;
}

async function main(): Promise<void> {
  const n = Number(arg('accounts') ?? 100);
  const json = process.argv.includes('--json');
  const concurrency = Number(arg('concurrency') ?? 32);
  if (!Number.isInteger(n) || n < 10) throw new Error('--accounts must be a whole number >= 10');
  const generated = generateOrganization(REPO, n, { areas: true });
  try {
    const loaded = loadLandingZone(generated.dir);
    if (!loaded.model || loaded.errors.length) throw new Error(`the generated declaration is invalid:\n${loaded.errors.slice(0, 20).map(formatDiagnostic).join('\n')}`);
    const lz = loaded.model;
    const sandbox = await startSandbox({ snapshot: sandboxOrganization({ lz }), latencyMs: LATENCY_MS, tpsByService: AWS_LIKE_TPS, pageSize: PAGE_SIZE });
    const started = process.hrtime.bigint();
    try {
      const r = await collectSnapshot({
        region: lz.organization.homeRegion, endpoint: sandbox.endpoint, credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'benchmark' },
        auditRoleName: lz.organization.roles.audit, concurrency, declaration: lz,
      });
      const collected = process.hrtime.bigint();
      const findings = detectDrift(lz, r.snapshot);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const driftSeconds = Number(process.hrtime.bigint() - collected) / 1e9;
      const s = sandbox.stats();
      if (r.snapshot.errors.length) throw new Error(`the audit could not read everything: ${JSON.stringify(r.snapshot.errors.slice(0, 3))}`);
      const { accounts, organizationalUnits, policies, identity: id } = r.snapshot;
      if (!isRead(accounts) || !isRead(organizationalUnits) || !isRead(policies)) throw new Error('the audit could not read the organization');
      if (accounts.length !== n) throw new Error(`read ${accounts.length} accounts, expected ${n}`);
      if (!r.snapshot.logging || !r.snapshot.network || !id || !isRead(id) || !r.snapshot.securityServices) throw new Error('the audit did not read the logging, network, identity and security services areas');
      if (findings.length) {
        throw new Error(`the drift engine found ${findings.length} finding(s) on a perfect deployment:\n${findings.slice(0, 10).map((f) => `  ${f.category} ${f.resource.type} ${f.resource.name ?? f.resource.id}: ${f.message}`).join('\n')}`);
      }
      const byService: Record<string, number> = {};
      for (const [op, c] of Object.entries(s.byOperation)) byService[op.slice(0, op.indexOf(':'))] = (byService[op.slice(0, op.indexOf(':'))] ?? 0) + c;
      const limiting = floorSetBy(s.byOperation);
      if (!json) {
        process.stdout.write(`accounts ${n}, OUs ${organizationalUnits.length}, policies ${policies.length}, spokes ${generated.spokes}, `
          + `permission sets ${id.permissionSets.length}, assignments ${id.assignments.length}, concurrency ${concurrency}\n`);
        process.stdout.write(`calls ${s.apiCalls} (${(s.apiCalls / n).toFixed(2)} per account), throttled ${s.throttled}, ${seconds.toFixed(1)} s (drift ${driftSeconds.toFixed(2)} s) `
          + `vs floor ${s.floorSeconds.toFixed(1)} s (${(seconds / Math.max(s.floorSeconds, 1e-9)).toFixed(2)}x), floor set by ${limiting.operation}, no findings\n`);
        process.stdout.write(`by service: ${Object.entries(byService).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        for (const [op, c] of Object.entries(s.byOperation).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${op} ${c}\n`);
      }
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      process.stdout.write(`${JSON.stringify({
        accounts: n, seconds: Number(seconds.toFixed(2)), apiCalls: s.apiCalls, floorSeconds: Number(s.floorSeconds.toFixed(2)), peakRssMb,
        apiCallsPerAccount: Number((s.apiCalls / n).toFixed(2)), xFloor: Number((seconds / Math.max(s.floorSeconds, 1e-9)).toFixed(2)),
        throttled: s.throttled, findings: findings.length, byService,
      })}\n`);
    } finally {
      await sandbox.stop();
    }
  } finally {
    fs.rmSync(generated.dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench:audit: ${e.message}\n`);
  process.exitCode = 2;
});
