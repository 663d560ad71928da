import { isNotRead } from '../readable';
import type { CoreSnapshot } from '../snapshot-core';

export type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** A copy of the snapshot a scenario may change: its core, and each area's part under the area's key. */
export type MutableSnapshot = Mutable<CoreSnapshot> & { [area: string]: unknown };

/**
 * A named change to a perfectly deployed organization, as someone with console access would
 * make it. Each scenario picks its victim deterministically, so tests and demos can predict it.
 */
export interface DriftScenario {
  readonly name: string;
  readonly description: string;
  /** Mutates the copy it is given; throws when the organization offers nothing to drift. */
  apply(s: MutableSnapshot, context: ScenarioContext): void;
}

/** What a scenario may ask of the other areas. */
export interface ScenarioContext {
  /** Accounts the declared areas' reads enter (the log archive, the network hub, ...). */
  accountsEnteredByAreas(s: MutableSnapshot): ReadonlySet<string>;
}

/** A part of the organization to drift; a part the snapshot could not read offers nothing. */
export function read<T>(v: T | { notRead: string[] }, what: string): T {
  if (isNotRead(v)) throw new Error(`the snapshot could not read the ${what} (${v.notRead.join(', ')}): nothing to drift there`);
  return v as T;
}

/** Something the scenario needs; its absence means there is nothing to drift. */
export function need<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`the organization has no ${what} to drift`);
  return v;
}

/** An area's part of the copy, to change it: absent (not declared) or not read, there is nothing to drift. */
export function partOf<T>(s: MutableSnapshot, area: string, what: string): Mutable<T> {
  return read(need(s[area] as Mutable<T> | { notRead: string[] } | undefined, what), what);
}
