import * as path from 'path';
import { collectSnapshot, type CollectOptions } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { startSandbox, type SandboxOptions } from '../../audits/sandbox';
import { loadLandingZoneOrThrow } from '../../model';
import type { LandingZone } from '../../model/landing-zone';
import type { ReadView } from '../../audits/drift';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { isNotRead, unreadParts, type Readable, type Snapshot } from '../../audits/snapshot';

/** The example declaration of the repository: expectations are derived from it, never hard-coded. */
export const ROOT_DIR = path.resolve(__dirname, '..', '..');

let cached: LandingZone | undefined;
export function exampleLandingZone(): LandingZone {
  cached ??= loadLandingZoneOrThrow(ROOT_DIR);
  return cached;
}

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** A snapshot every part of which was read (a seeded one), typed so that a test can drift it directly. */
export type ReadSnapshot = Mutable<ReadView<Snapshot>>;

/** A fresh, perfectly deployed copy of the example organization to drift in a test. */
export function deployed(): ReadSnapshot {
  return structuredClone(snapshotFromDeclaration(exampleLandingZone())) as unknown as ReadSnapshot;
}

/**
 * The example organization deployed perfectly, with a user assigned a permission set: every read
 * the collectors can make then happens (ListUsers runs only when a user is assigned).
 */
export function everyReadDeployed(): Snapshot {
  const s = deployed();
  const identity = s.identity!;
  const ps = identity.permissionSets.find((p) => p.provisionedAccounts.length)!;
  identity.users = [{ id: 'u-0000000001', name: 'alice' }];
  identity.assignments.push({ accountId: ps.provisionedAccounts[0], permissionSetArn: ps.arn, principalType: 'USER', principalId: 'u-0000000001' });
  return s as unknown as Snapshot;
}

/** A snapshot the test knows was read whole, typed as such (fails the test when a part was not read). */
export function asRead(s: Snapshot): ReadSnapshot {
  const unread = unreadParts(s);
  if (unread.length) throw new Error(`expected a snapshot read whole; not read: ${unread.map((u) => `${u.path} (${u.apis.join(', ')})`).join('; ')}`);
  return s as unknown as ReadSnapshot;
}

/** A part of a snapshot that the test knows was read (a seeded or clean collected one). */
export function got<T>(v: Readable<T> | undefined): T {
  if (v === undefined || isNotRead(v)) throw new Error(`expected a part that was read, got ${JSON.stringify(v)}`);
  return v;
}

/** A member account (not the management account) that the declaration places in an OU. */
export function memberInOu(s: Snapshot | ReadSnapshot): ReadSnapshot['accounts'][number] {
  const a = got(s.accounts as Snapshot['accounts']).find((x) => x.id !== s.organization.managementAccountId && x.parentId !== s.root.id);
  if (!a) throw new Error('the example declaration has no member account in an OU');
  return a as ReadSnapshot['accounts'][number];
}

export const STATIC_CREDENTIALS = { accessKeyId: 'AKIDLZKITTEST', secretAccessKey: 'not-a-secret' } as const;

/**
 * Runs the real collectors (with the declaration) against an in-process sandbox over loopback,
 * then stops it: what `lzkit audit` does, minus the CLI.
 */
export async function auditAgainstSandbox(sandbox: Partial<SandboxOptions> & { snapshot: Snapshot }, collect: Partial<CollectOptions> = {}, lz: LandingZone = exampleLandingZone()) {
  const sb = await startSandbox(sandbox);
  try {
    const r = await collectSnapshot({
      region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit, declaration: lz, ...collect,
    });
    return { ...r, findings: detectDrift(lz, r.snapshot), sandbox: sb.stats(), world: sb.world };
  } finally {
    await sb.stop();
  }
}
