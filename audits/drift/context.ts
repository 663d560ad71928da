import type { DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { Severity, SourceLocation } from '../../model/types';
import { CATEGORIES, type Finding } from './finding';
import type { Correspondence } from './match';
import type { SnapshotView } from './unread';

/** What every drift check reads: the declaration, the snapshot and how they correspond. */
export interface DriftContext {
  readonly lz: LandingZone;
  /** What lzkit deploys for `lz`: the checks compare the live organization with it. */
  readonly desired: DesiredState;
  /** The snapshot; reading a part that was not read stops the check (see ReadView). */
  readonly snapshot: SnapshotView;
  /** Computed on first use; needs the OU and account lists, so it stops a check when those were not read. */
  readonly match: Correspondence;
  /** Accounts (live ids) with a recorded account-scope error. */
  readonly unreadable: ReadonlySet<string>;
  /**
   * Runs `unit` once per item and concatenates the findings. An item whose unit reads a part
   * that was not read reports nothing (that part is reported unauditable instead); the other
   * items still report. Without it, such a read stops the whole check.
   */
  each<T>(items: Iterable<T>, unit: (item: T) => Finding[]): Finding[];
}

/** A drift check: a pure function of the context. */
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
