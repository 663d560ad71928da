import type { DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { Severity, SourceLocation } from '../../model/types';
import type { Snapshot } from '../snapshot';
import { CATEGORIES, type Finding } from './finding';
import type { Correspondence } from './match';

/** What every drift check reads: the declaration, the snapshot and how they correspond. */
export interface DriftContext {
  readonly lz: LandingZone;
  /** What lzkit deploys for `lz`: the checks compare the live organization with it. */
  readonly desired: DesiredState;
  readonly snapshot: Snapshot;
  readonly match: Correspondence;
  /** Accounts (live ids) the audit could not read: their checks are replaced by `unauditable`. */
  readonly unreadable: ReadonlySet<string>;
}

/** A drift check: a pure function of the context. Part 2 adds logging, network and identity checks. */
export type DriftCheck = (ctx: DriftContext) => Finding[];

/** A finding as a check reports it: its id is derived, its severity defaults to the category's. */
export interface FindingInput extends Omit<Finding, 'id' | 'severity'> {
  /** Overrides the category's severity (guardrails carry their own). */
  readonly severity?: Severity;
  /** Distinguishes findings of one category on one resource (the target of a detached policy). */
  readonly about?: string;
}

export function finding(f: FindingInput): Finding {
  const { about, ...rest } = f;
  return {
    ...rest,
    id: `${f.category}:${f.resource.id}${about ? `:${about}` : ''}`,
    severity: f.severity ?? CATEGORIES.get(f.category)?.severity ?? 'medium',
  };
}

/** Where findings about things the declaration does not name are shown (the file that would declare them). */
export function fileLocation(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}
