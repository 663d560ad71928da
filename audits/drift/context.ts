import type { DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { SourceLocation } from '../../model/types';
import type { LiveIds } from './desired';
import type { Finding } from './finding';
import type { Correspondence } from './match';
import type { ReadView, SnapshotView } from './unread';

/** What every drift check reads: the declaration, the snapshot and how they correspond. */
export interface DriftContext {
  readonly lz: LandingZone;
  /** What lzkit deploys for `lz`: the checks compare the live organization with it. */
  readonly desired: DesiredState;
  /** The desired state with the audited organization's ids in place of late-bound values (computed on first use). */
  readonly resolved: DesiredState;
  /** The ids the audit read, by declared name (computed on first use). */
  readonly liveIds: LiveIds;
  /** The core of the snapshot; reading a part that was not read stops the check (see ReadView). */
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
  each<T, F extends Finding = Finding>(items: Iterable<T>, unit: (item: T) => F[]): F[];
}

/** What an area's check reads besides: the area's own part of the snapshot (reading it when it was not read stops the check). */
export interface AreaDriftContext<Live> extends DriftContext {
  readonly live: ReadView<Live>;
}

/** A drift check of the organization core: a pure function of the context. */
export type DriftCheck<C extends string = string> = (ctx: DriftContext) => Finding<C>[];

/** A drift check of an area: it runs only where the declaration has the area's section. */
export type AreaCheck<C extends string, Live> = (ctx: AreaDriftContext<Live>) => Finding<C>[];

/** The desired state with the audited organization's ids in place of late-bound values. */
export function desiredForAudit(ctx: DriftContext): DesiredState {
  return ctx.resolved;
}

/** Where findings about things the declaration does not name are shown (the file that would declare them). */
export function fileLocation(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}
