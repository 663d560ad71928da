import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { lookup } from 'dns/promises';
import { connect } from 'net';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { LandingZone } from '../model/landing-zone';
import { collectSnapshot, OrganizationMismatch, OrganizationUnreadable, type CallStats, type CollectProgress } from './collect';
import { checkSameOrganization, expectedOrganization } from './collect/same-organization';
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
  /** Hears what reading the snapshot converted (an older schema version). */
  readonly onNote?: (note: string) => void;
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
    snapshot = readSnapshot(o.snapshotFile, o.onNote);
    // Another organization's snapshot would report every account missing or unmanaged: refuse it.
    try {
      checkSameOrganization(expectedOrganization(o.lz), snapshot.organization, `the snapshot ${o.snapshotFile} is of`, 'audit a snapshot of the declared organization');
    } catch (e) {
      if (e instanceof OrganizationMismatch) throw new AuditError(e.message);
      throw e;
    }
  } else {
    const credentials = o.credentials ?? fromNodeProviderChain();
    if (typeof credentials === 'function') {
      try {
        await credentials();
      } catch (e) {
        throw new AuditError(noCredentials(e));
      }
    }
    const region = o.region ?? process.env.AWS_REGION ?? o.lz.organization.homeRegion;
    if (!o.endpoint) await checkAwsReachable(region, 'audit a saved snapshot with --snapshot FILE');
    try {
      const r = await collectSnapshot({
        region,
        endpoint: o.endpoint, credentials, concurrency: o.concurrency, maxAttempts: o.maxAttempts, retryMode: o.retryMode,
        auditRoleName: o.lz.organization.roles.audit, onProgress: o.onProgress, declaration: o.lz,
      });
      snapshot = r.snapshot;
      stats = r.stats;
    } catch (e) {
      if ((e as Error).name === 'CredentialsProviderError') throw new AuditError(noCredentials(e));
      if (e instanceof OrganizationUnreadable || e instanceof OrganizationMismatch) throw new AuditError(e.message);
      throw e;
    }
  }
  if (o.saveSnapshot) writeSnapshot(o.saveSnapshot, snapshot);
  const findings = detectDrift(o.lz, snapshot);
  const exitCode = findings.some((f) => f.category === 'unauditable') ? 2 : findings.length ? 1 : 0;
  return { snapshot, findings, exitCode, stats };
}

function noCredentials(e: unknown): string {
  const profile = process.env.AWS_PROFILE;
  if (profile) return `no AWS credentials from profile '${profile}' (AWS_PROFILE): ${((e as Error)?.message ?? String(e)).split('\n')[0]}; check that ~/.aws/config or ~/.aws/credentials defines it (and aws sso login if it is an SSO profile), or audit a saved snapshot with --snapshot FILE`;
  return `no AWS credentials (${((e as Error)?.message ?? String(e)).split('\n')[0]}): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for the management account, or audit a saved snapshot with --snapshot FILE`;
}

/**
 * Fails fast when the AWS endpoint does not even resolve (no network, no DNS): otherwise the
 * SDK's retry strategy spends ~40 s of backoff on the first call before the audit can say so.
 * A configured endpoint (the sandbox, a VPC endpoint) is checked for a listener instead; behind a
 * proxy nothing is checked; a slow resolver is left to the SDK.
 */
export async function checkAwsReachable(region: string, alternative: string): Promise<void> {
  const configured = process.env.AWS_ENDPOINT_URL_ORGANIZATIONS ? 'AWS_ENDPOINT_URL_ORGANIZATIONS' : process.env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
  if (configured) return checkEndpointListens(configured, process.env[configured] ?? '', alternative);
  // Behind a proxy the proxy resolves AWS's names, not this machine: leave it to the SDK.
  if (process.env.HTTPS_PROXY || process.env.https_proxy) return;
  const host = region.startsWith('cn-') ? `organizations.${region}.amazonaws.com.cn` : `organizations.${region.startsWith('us-gov-') ? 'us-gov-west-1' : 'us-east-1'}.amazonaws.com`;
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => { timer = setTimeout(() => resolve('slow'), 5000); });
  try {
    await Promise.race([lookup(host), slow]);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new AuditError(`cannot reach AWS: ${host} does not resolve (${code}); check the network, set AWS_ENDPOINT_URL (e.g. to lzkit sandbox), or ${alternative}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A configured endpoint (typically lzkit sandbox) that nothing listens on: say so at once. */
async function checkEndpointListens(variable: string, value: string, alternative: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuditError(`${variable} '${value}' is not a URL; set it to the endpoint lzkit sandbox prints (e.g. http://127.0.0.1:4566), or unset it`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const problem = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: 5000 });
    const done = (p: string | undefined) => { socket.destroy(); resolve(p); };
    socket.once('connect', () => done(undefined));
    socket.once('timeout', () => done(undefined)); // slow is not refused: the SDK's own timeouts apply
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
  if (problem === 'ECONNREFUSED' || problem === 'ENOTFOUND' || problem === 'EAI_AGAIN') {
    throw new AuditError(`nothing answers at ${variable}=${value} (${problem}); start lzkit sandbox (and export the endpoint it prints), unset ${variable} to read AWS, or ${alternative}`);
  }
}
