import { desiredState, type DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { SeedContext } from '../areas/area';
import { CORE, RUNNING_AREAS } from '../areas';
import type { Snapshot } from '../snapshot';
import type { LiveAccountState } from '../snapshot-core';

export { fakeAccountId } from '../areas';

/**
 * The organization as the desired state would leave it, deployed perfectly: the organization core
 * (audits/areas/organization/seed.ts), then every declared area as its stack deploys it, each
 * seeded from the desired state resolved with the sandbox's ids. `desired` is the model's desired
 * state unless a caller hands another.
 */
export function snapshotFromDeclaration(lz: LandingZone, desired: DesiredState = desiredState(lz)): Snapshot {
  const { core, ids, resolved } = CORE.seed(lz, desired);
  const ctx: SeedContext = { lz, desired: resolved, ids, managementAccountId: core.organization.managementAccountId };
  const declared = RUNNING_AREAS.filter((a) => a.declaredAt(lz) !== undefined);
  const parts: Record<string, unknown> = {};
  for (const area of declared) {
    const part = area.seed(ctx);
    if (part !== undefined) parts[area.key] = part;
  }
  // What the areas' account collectors read in each account of a perfect deployment.
  const accountStates = Object.fromEntries(Object.entries(core.accountStates).map(([id, state]) => {
    const extra = Object.fromEntries(declared.flatMap((a) => {
      const part = a.seedAccount?.(ctx, id);
      return part === undefined ? [] : [[a.key, part]];
    }));
    return [id, Object.keys(extra).length ? { ...(state as LiveAccountState), ...extra } : state];
  }));
  return { ...core, accountStates, ...parts } as Snapshot;
}
