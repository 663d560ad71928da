import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { LandingZone } from '../model/landing-zone';
import { collectSnapshot, OrganizationUnreadable, type CallStats, type CollectProgress } from './collect';
import { detectDrift, type Finding } from './drift';
import { readSnapshot, writeSnapshot, type Snapshot } from './snapshot';

export interface AuditOptions {
  readonly lz: LandingZone;
  /** Audit this saved snapshot offline instead of reading AWS. */
  readonly snapshotFile?: string;
  /** Also write the collected snapshot here. */
  readonly saveSnapshot?: string;
  /** @default AWS_REGION, else the declaration's home region */
  readonly region?: string;
  /** Explicit endpoint (tests); otherwise the SDK honours AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** @default the SDK's default credential chain */
  readonly credentials?: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly retryMode?: 'standard' | 'adaptive';
  readonly onProgress?: (p: CollectProgress) => void;
}

export interface AuditResult {
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  /** The CLI contract: 0 no drift, 1 drift, 2 audited only part (unauditable findings). */
  readonly exitCode: 0 | 1 | 2;
  readonly stats?: CallStats;
}

/** Why the audit could not run at all: one line for the user, exit 2. */
export class AuditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditError';
  }
}

/** Reads the organization (or a snapshot), compares it with the declaration, and says how it went. */
export async function runAudit(o: AuditOptions): Promise<AuditResult> {
  let snapshot: Snapshot;
  let stats: CallStats | undefined;
  if (o.snapshotFile) {
    snapshot = readSnapshot(o.snapshotFile);
  } else {
    const credentials = o.credentials ?? fromNodeProviderChain();
    if (typeof credentials === 'function') {
      try {
        await credentials();
      } catch (e) {
        throw new AuditError(noCredentials(e));
      }
    }
    try {
      const r = await collectSnapshot({
        region: o.region ?? process.env.AWS_REGION ?? o.lz.organization.homeRegion,
        endpoint: o.endpoint, credentials, concurrency: o.concurrency, maxAttempts: o.maxAttempts, retryMode: o.retryMode,
        auditRoleName: o.lz.organization.roles.audit, onProgress: o.onProgress, declaration: o.lz,
      });
      snapshot = r.snapshot;
      stats = r.stats;
    } catch (e) {
      if ((e as Error).name === 'CredentialsProviderError') throw new AuditError(noCredentials(e));
      if (e instanceof OrganizationUnreadable) throw new AuditError(e.message);
      throw e;
    }
  }
  if (o.saveSnapshot) writeSnapshot(o.saveSnapshot, snapshot);
  const findings = detectDrift(o.lz, snapshot);
  const exitCode = findings.some((f) => f.category === 'unauditable') ? 2 : findings.length ? 1 : 0;
  return { snapshot, findings, exitCode, stats };
}

function noCredentials(e: unknown): string {
  return `no AWS credentials (${((e as Error)?.message ?? String(e)).split('\n')[0]}): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for the management account, or audit a saved snapshot with --snapshot FILE`;
}
