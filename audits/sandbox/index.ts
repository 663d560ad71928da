import type { LandingZone } from '../../model/landing-zone';
import { readSnapshot, type Snapshot } from '../snapshot';
import { applyDrift } from './scenarios';
import { snapshotFromDeclaration } from './seed';

export { startSandbox, type Sandbox, type SandboxOptions, type SandboxStats } from './server';
export { applyDrift, DRIFT_SCENARIOS, type DriftScenario } from './scenarios';
export { snapshotFromDeclaration, fakeAccountId } from './seed';

/** The organization a sandbox serves: a saved snapshot, or the declaration deployed perfectly, then drifted. */
export function sandboxOrganization(source: { snapshotFile: string; onNote?: (note: string) => void } | { lz: LandingZone }, drift: readonly string[] = []): Snapshot {
  const base = 'snapshotFile' in source ? readSnapshot(source.snapshotFile, source.onNote) : snapshotFromDeclaration(source.lz);
  return applyDrift(base, drift);
}
