import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AuditError, runAudit, type AuditResult } from '../../audits/audit';
import { AUDIT_ROLE_ACTIONS, CALLER_ACTIONS, iamAction } from '../../audits/collect/api-actions';
import { detectDrift } from '../../audits/drift';
import { startSandbox, type SandboxOptions, type SandboxStats } from '../../audits/sandbox';
import { everyReadDeployed, exampleLandingZone, memberInOu, STATIC_CREDENTIALS } from './fixtures';

const lz = exampleLandingZone();
/** Every read the collectors can make happens against it (a user is assigned, so ListUsers runs too: drift of its own). */
const seed = everyReadDeployed();
const drift = detectDrift(lz, seed).map((f) => f.id);

/** `lzkit audit` in process (runAudit, the CLI's own function) against an in-process sandbox: its result, or the error that stopped it (exit 2). */
async function audit(sandbox: Partial<SandboxOptions>, maxAttempts = 3): Promise<{ result?: AuditResult; error?: Error; stats: SandboxStats }> {
  const sb = await startSandbox({ snapshot: seed, pageSize: 100, ...sandbox });
  try {
    const result = await runAudit({ lz, endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, region: 'us-east-1', maxAttempts });
    return { result, stats: sb.stats() };
  } catch (error) {
    return { error: error as Error, stats: sb.stats() };
  } finally {
    await sb.stop();
  }
}

describe('every operation the audit calls, failing permanently (--fail-operation)', () => {
  // The one list of what the collectors call (the audit role's actions and the caller's own).
  const operations = [...AUDIT_ROLE_ACTIONS, ...CALLER_ACTIONS];

  it.each(operations)('%s: exit 2, and nothing but unauditable findings', async (operation) => {
    const { result, error, stats } = await audit({ failOperations: [operation] }, 2);
    const called = Object.keys(stats.byOperation).map((k) => iamAction(k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)));
    expect(called).toContain(operation);
    if (error) {
      // What nothing can be audited without stops the audit: one line, exit 2 (AuditError).
      expect(error).toBeInstanceOf(AuditError);
      expect(error.message).toContain(operation.split(':')[1]);
      return;
    }
    expect(result!.exitCode).toBe(2);
    // Nothing derived from the failed operation but unauditable: any other finding is drift the organization has anyway.
    expect(result!.findings.filter((f) => f.category !== 'unauditable' && !drift.includes(f.id))).toEqual([]);
    expect(result!.findings.some((f) => JSON.stringify(f.actual).includes(operation.split(':')[1]) || f.message.includes(operation))).toBe(true);
  });
});

describe('credentials of another organization, or not of its management account, read nothing else', () => {
  it('another organization: exit 2 with one line, after DescribeOrganization and GetCallerIdentity only', async () => {
    const other = structuredClone(seed);
    (other.organization as { id: string }).id = 'o-zzzzzzzzzz';
    const sb = await startSandbox({ snapshot: other });
    try {
      await expect(runAudit({ lz, endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, region: 'us-east-1' }))
        .rejects.toThrow(new RegExp(`^the credentials reach organization o-zzzzzzzzzz, but accounts/organization.yaml declares ${lz.organization.id}`));
      expect(Object.keys(sb.stats().byOperation).sort()).toEqual(['organizations:DescribeOrganization', 'sts:GetCallerIdentity']);
    } finally {
      await sb.stop();
    }
  });

  it('a member account\'s credentials: refused, naming the account and the management account', async () => {
    const sb = await startSandbox({ snapshot: seed });
    try {
      const member = memberInOu(seed).id;
      const sts = new STSClient({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS });
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/${lz.organization.roles.audit}`, RoleSessionName: 'someone' }))).Credentials!;
      sts.destroy();
      const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
      await expect(runAudit({ lz, endpoint: sb.endpoint, credentials, region: 'us-east-1' }))
        .rejects.toThrow(new RegExp(`^the credentials are of account ${member} \\(arn:aws:sts::${member}:assumed-role/.*\\), not of the management account ${seed.organization.managementAccountId}`));
    } finally {
      await sb.stop();
    }
  });
});

describe('other faults of the sandbox', () => {
  it('--invalid-credentials: the audit stops at once with one line, exit 2', async () => {
    const { error } = await audit({ invalidCredentials: true }, 1);
    expect(error).toBeInstanceOf(AuditError);
    expect(error!.message).toMatch(/UnrecognizedClientException: The security token included in the request is invalid/);
  });

  it('--expire-credentials-after: sessions refused as expired before their time are renewed; the audit reads everything', async () => {
    const { result, stats } = await audit({ expireCredentialsAfterSeconds: 0.2, latencyMs: 30 });
    expect(stats.expiredTokens).toBeGreaterThan(0);
    expect(result!.snapshot.errors).toEqual([]);
    expect(result!.findings.map((f) => f.id)).toEqual(drift);
  });

  it('--error-rate with --seed: 500, 502, 503, 504 and connection resets, retried through; the same seed fails the same calls the same way', async () => {
    const first = await audit({ errorRate: 0.2, seed: 11 }, 10);
    const again = await audit({ errorRate: 0.2, seed: 11 }, 10);
    const other = await audit({ errorRate: 0.2, seed: 12 }, 10);
    expect(first.result!.findings.map((f) => f.id)).toEqual(drift);
    expect(first.result!.snapshot.errors).toEqual([]);
    const kinds = new Set(first.stats.faults.map((f) => f.slice(f.lastIndexOf(' ') + 1)));
    expect([...kinds].sort()).toEqual(['500', '502', '503', '504', 'reset']);
    expect([...again.stats.faults].sort()).toEqual([...first.stats.faults].sort());
    expect([...other.stats.faults].sort()).not.toEqual([...first.stats.faults].sort());
  });
});
