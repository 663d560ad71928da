import { CORE, RUNNING_AREAS } from '../areas';
import { isNotRead } from '../readable';
import type { Snapshot } from '../snapshot';
import type { DriftScenario, MutableSnapshot, ScenarioContext } from './scenario';

export type { DriftScenario, MutableSnapshot } from './scenario';

/** Scenarios by name: the organization core's, then each area's (audits/areas/index.ts). */
export const DRIFT_SCENARIOS: ReadonlyMap<string, DriftScenario> = new Map([...CORE.scenarios, ...RUNNING_AREAS.flatMap((a) => a.scenarios)].map((x) => [x.name, x]));

const context: ScenarioContext = {
  accountsEnteredByAreas(s) {
    const out = new Set<string>();
    for (const area of RUNNING_AREAS) {
      const part = s[area.key];
      if (part === undefined || isNotRead(part)) continue;
      for (const id of area.accountsEntered?.(part) ?? []) out.add(id);
    }
    return out;
  },
};

/** Applies the named scenarios in order to a copy of `snapshot`. */
export function applyDrift(snapshot: Snapshot, names: readonly string[]): Snapshot {
  const copy = structuredClone(snapshot) as unknown as MutableSnapshot;
  for (const name of names) {
    const scenario = DRIFT_SCENARIOS.get(name);
    if (!scenario) throw new Error(`unknown drift scenario '${name}'; known: ${[...DRIFT_SCENARIOS.keys()].join(', ')}`);
    scenario.apply(copy, context);
  }
  return copy as unknown as Snapshot;
}
