import * as path from 'path';
import { collectSnapshot, type CollectOptions } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { startSandbox, type SandboxOptions } from '../../audits/sandbox';
import { loadLandingZoneOrThrow } from '../../model';
import type { LandingZone } from '../../model/landing-zone';
import type { MutableSnapshot } from '../../audits/sandbox/scenarios';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import type { Snapshot } from '../../audits/snapshot';

/** The example declaration of the repository: expectations are derived from it, never hard-coded. */
export const ROOT_DIR = path.resolve(__dirname, '..', '..');

let cached: LandingZone | undefined;
export function exampleLandingZone(): LandingZone {
  cached ??= loadLandingZoneOrThrow(ROOT_DIR);
  return cached;
}

/** A fresh, perfectly deployed copy of the example organization to drift in a test. */
export function deployed(): MutableSnapshot {
  return structuredClone(snapshotFromDeclaration(exampleLandingZone())) as MutableSnapshot;
}

/** A member account (not the management account) that the declaration places in an OU. */
export function memberInOu<S extends Snapshot | MutableSnapshot>(s: S): S['accounts'][number] {
  const a = s.accounts.find((x) => x.id !== s.organization.managementAccountId && x.parentId !== s.root.id);
  if (!a) throw new Error('the example declaration has no member account in an OU');
  return a;
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
