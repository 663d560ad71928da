/**
 * The audit function (stacks/audit.ts bundles this file with esbuild). The same audit code as
 * `lzkit audit`: it reads the management account through its audit role, enters every other
 * account through theirs as itself, runs the drift engine against the declaration bundled next
 * to it, and writes the reports to the report bucket.
 *
 * Invoked by the schedule with `{}` (one run does everything) or, above the fan-out threshold,
 * by the state machine once per phase: `organization`, `accounts` (one batch), `merge`.
 */
import * as path from 'path';
import { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { LandingZone } from '../../model/landing-zone';
import { loadLandingZoneOrThrow } from '../../model/load';
import type { CollectOptions } from '../collect';
import { detectDrift } from '../drift';
import { accountsToCollect, collectBatch, collectOrganization, mergeSnapshots, splitIntoBatches } from '../fanout';
import { collectSnapshot } from '../collect';
import type { Snapshot } from '../snapshot';
import { bucketStore, securityHubExporter, snsPublisher } from './aws';
import { publishRun, type ReportStore, type RunOutcome } from './run';

/** What the stack passes in the function's environment. */
export interface FunctionSettings {
  readonly reportBucket: string;
  readonly topicArn: string;
  readonly auditRoleName: string;
  readonly managementAccountId: string;
  readonly auditAccountId: string;
  readonly securityHubExport: boolean;
  readonly batchSize: number;
  readonly region: string;
}

export type AuditEvent =
  | { readonly phase?: undefined }
  | { readonly phase: 'organization'; readonly runId: string }
  | { readonly phase: 'accounts'; readonly runId: string; readonly batch: number; readonly accounts: readonly string[] }
  | { readonly phase: 'merge'; readonly runId: string; readonly batchCount: number };

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): FunctionSettings {
  const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new Error(`the audit function needs ${k} in its environment (set by the audit stack)`);
    return v;
  };
  return {
    reportBucket: need('LZKIT_REPORT_BUCKET'), topicArn: need('LZKIT_TOPIC_ARN'), auditRoleName: need('LZKIT_AUDIT_ROLE'),
    managementAccountId: need('LZKIT_MANAGEMENT_ACCOUNT_ID'), auditAccountId: need('LZKIT_AUDIT_ACCOUNT_ID'),
    securityHubExport: env.LZKIT_SECURITY_HUB_EXPORT === 'true', batchSize: Number(env.LZKIT_BATCH_SIZE ?? '25'),
    region: env.AWS_REGION ?? need('LZKIT_REGION'),
  };
}

/**
 * How the function reads: the management account through its audit role, member accounts
 * entered as itself, and the declaration's logging, network and identity sections read once per
 * run (the organization phase when fanning out) — without `declaration` they would be skipped.
 */
export function collectOptions(lz: LandingZone, s: FunctionSettings, own: AwsCredentialIdentityProvider): CollectOptions {
  return {
    declaration: lz,
    region: s.region,
    auditRoleName: s.auditRoleName,
    credentials: fromTemporaryCredentials({
      masterCredentials: own, params: { RoleArn: `arn:aws:iam::${s.managementAccountId}:role/${s.auditRoleName}`, RoleSessionName: 'lzkit-audit' },
    }),
    entryCredentials: own,
  };
}

export async function handler(event: AuditEvent = {}): Promise<unknown> {
  const s = settingsFromEnv();
  const own = fromNodeProviderChain();
  const lz = bundledLandingZone();
  const collect = collectOptions(lz, s, own);
  const store = bucketStore(new S3Client({ region: s.region, credentials: own }), s.reportBucket);
  const runKey = (runId: string, part: string): string => `runs/${runId}/${part}.json`;

  switch (event.phase) {
    case 'organization': {
      const organization = await collectOrganization(collect);
      await store.put(runKey(event.runId, 'organization'), JSON.stringify(organization), 'application/json');
      const batches = splitIntoBatches(accountsToCollect(organization), s.batchSize);
      return { runId: event.runId, batchCount: batches.length, batches: batches.map((accounts, batch) => ({ batch, accounts })) };
    }
    case 'accounts': {
      const part = await collectBatch(collect, event.accounts);
      await store.put(runKey(event.runId, `batch-${event.batch}`), JSON.stringify(part), 'application/json');
      return { batch: event.batch, accounts: event.accounts.length };
    }
    case 'merge': {
      const organization = await readJson<Snapshot>(store, runKey(event.runId, 'organization'));
      const parts: Snapshot[] = [];
      for (let i = 0; i < event.batchCount; i++) {
        const part = await store.get(runKey(event.runId, `batch-${i}`));
        if (part) parts.push(JSON.parse(part) as Snapshot); // a missing batch becomes unauditable accounts in the merge
      }
      return audit(lz, mergeSnapshots(organization, parts), s, store, own);
    }
    default:
      return audit(lz, (await collectSnapshot(collect)).snapshot, s, store, own);
  }
}

/** The declaration bundled next to the handler (stacks/audit-bundle.ts), validated as `lzkit validate` does. */
export function bundledLandingZone(): LandingZone {
  return loadLandingZoneOrThrow(path.join(__dirname, 'declaration'));
}

async function audit(lz: LandingZone, snapshot: Snapshot, s: FunctionSettings, store: ReportStore, own: ReturnType<typeof fromNodeProviderChain>): Promise<RunOutcome> {
  const findings = detectDrift(lz, snapshot);
  return publishRun(lz, snapshot, findings, {
    store,
    notify: snsPublisher(s.topicArn, s.region, own),
    exportFindings: s.securityHubExport ? securityHubExporter(s.region, s.auditAccountId, own) : undefined,
  });
}

async function readJson<T>(store: ReportStore, key: string): Promise<T> {
  const text = await store.get(key);
  if (text === undefined) throw new Error(`s3 object ${key} is missing: the organization phase of this run did not finish`);
  return JSON.parse(text) as T;
}
