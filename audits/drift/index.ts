import { createHash } from 'crypto';
import { desiredState, type DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import { resolveLateBoundDeep } from '../../model/late-bound';
import { ROOT } from '../../model/organization';
import { CATEGORY_INFO, CORE, RUNNING_AREAS, type Category } from '../areas';
import type { Snapshot } from '../snapshot';
import { completeSnapshot } from './complete';
import type { DriftCheck, DriftContext } from './context';
import { lateBoundFromLive, type LiveIds } from './desired';
import { SEVERITY_ORDER, type CategoryInfo, type Finding as AnyFinding } from './finding';
import { correspond, type Correspondence } from './match';
import { unauditableFindings } from './unauditable';
import { NotReadSignal, readView } from './unread';

export { SEVERITY_ORDER, type CategoryInfo } from './finding';
export type { Category } from '../areas';
export type { AreaCheck, AreaDriftContext, DriftCheck, DriftContext } from './context';
export { normalizePolicy } from './normalize';
export type { ReadView, SnapshotView } from './unread';

/** A finding of the audit: its category is one of the closed union `Category`. */
export type Finding = AnyFinding<Category>;

/** Every category with its severity, title and description, by id (SARIF rules, JUnit sections). */
export const CATEGORIES: ReadonlyMap<Category, CategoryInfo<Category>> = new Map(CATEGORY_INFO.map((c) => [c.id, c]));

export interface DriftOptions {
  /** Checks run after the core's and the areas' (tests of the engine itself). @default none */
  readonly extraChecks?: readonly DriftCheck[];
}

/**
 * Declared vs observed: every drift as a finding, most severe first. Pure: reads nothing else.
 * The organization core's checks run first, then each declared area's (audits/areas/index.ts).
 * A check never sees a part of the snapshot that was not read (it is stopped there); every such
 * part is reported as `unauditable` instead, naming the API that failed and the checks it stopped.
 * `desired` is the model's desired state unless a caller hands another.
 */
export function detectDrift(lz: LandingZone, snapshot: Snapshot, desired: DesiredState = desiredState(lz), options: DriftOptions = {}): Finding[] {
  const complete = completeSnapshot(lz, snapshot);
  const view = readView(complete);
  const blocked = new Map<string, Set<string>>();
  let current = '';
  const guarded = <F extends AnyFinding>(run: () => F[]): F[] => {
    try {
      // A finding that carries a part that was not read is about it: copying it out of the view reads it.
      return run().map((f) => ({ ...f, expected: plain(f.expected), actual: plain(f.actual) }));
    } catch (e) {
      if (!(e instanceof NotReadSignal)) throw e;
      for (const api of e.apis) blocked.set(api, (blocked.get(api) ?? new Set()).add(current));
      return [];
    }
  };
  let match: Correspondence | undefined;
  let ids: LiveIds | undefined;
  let resolved: DesiredState | undefined;
  const ctx: DriftContext = {
    lz,
    desired,
    snapshot: view,
    get match() {
      match ??= correspond(lz, view);
      return match;
    },
    get liveIds() {
      ids ??= liveIds(view, () => ctx.match, desired, areaViews);
      return ids;
    },
    get resolved() {
      resolved ??= resolveLateBoundDeep(desired, lateBoundFromLive(ctx.liveIds));
      return resolved;
    },
    unreadable: new Set(complete.errors.filter((e) => e.scope === 'account' && e.resourceId).map((e) => e.resourceId!)),
    each: <T, F extends AnyFinding = AnyFinding>(items: Iterable<T>, unit: (item: T) => F[]): F[] => {
      // By index, so that reading an unread element stops only that element's unit.
      const list = items as unknown as readonly T[];
      if (!Array.isArray(list)) return [...items].flatMap((item) => guarded(() => unit(item)));
      return Array.from({ length: list.length }, (_, i) => guarded(() => unit(list[i]))).flat();
    },
  };
  // Each declared area's part of the view, read lazily (reading it when it was not read stops the reader).
  const declared = RUNNING_AREAS.filter((a) => a.declaredAt(lz) !== undefined);
  const areaViews = declared.map((area) => ({ area, live: () => (view as unknown as Record<string, unknown>)[area.key] }));
  const findings: AnyFinding[] = [];
  for (const check of [...CORE.checks, ...(options.extraChecks ?? [])]) {
    current = check.name || 'check';
    findings.push(...guarded(() => check(ctx)));
  }
  for (const { area, live } of areaViews) {
    const areaCtx = Object.create(ctx, { live: { get: live, enumerable: true } }) as Parameters<(typeof area.checks)[number]>[0];
    for (const check of area.checks) {
      current = check.name || area.key;
      findings.push(...guarded(() => check(areaCtx)));
    }
  }
  const declaredAccount = (id: string) => {
    try {
      return ctx.match.declaredAccounts.get(id);
    } catch (e) {
      if (e instanceof NotReadSignal) return undefined;
      throw e;
    }
  };
  findings.push(...unauditableFindings({ lz, snapshot: complete, declaredAccount, blocked }));
  const rank = (f: AnyFinding) => SEVERITY_ORDER.indexOf(f.severity);
  return (uniqueIds(findings) as Finding[]).sort((a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}

/**
 * The ids of one snapshot as the correspondence of declared and live elements gives them; a KMS
 * key's ARN from the area that read it (a key that was not read has no id to compare with: values
 * holding it are not compared, and that area reports it unauditable).
 */
function liveIds(
  s: DriftContext['snapshot'], match: () => Correspondence, desired: DesiredState,
  areas: readonly { area: (typeof RUNNING_AREAS)[number]; live: () => unknown }[],
): LiveIds {
  let keys: { account: string; key: string; arn: string }[] | undefined;
  const liveKeys = () => {
    keys ??= areas.flatMap(({ area, live }) => {
      try {
        return [...(area.liveKeys?.(desired, live() as never) ?? [])];
      } catch (e) {
        if (e instanceof NotReadSignal) return [];
        throw e;
      }
    });
    return keys;
  };
  return {
    organizationId: s.organization.id,
    accountId: (name) => match().accounts.get(name)?.id,
    ouId: (path) => (path === ROOT ? s.root.id : match().ouIds.get(path)),
    keyArn: (account, key) => liveKeys().find((k) => k.account === account && k.key === key)?.arn,
  };
}

/** A value out of the view: plain JSON, reading every part on the way. */
function plain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as unknown;
}

/**
 * Finding ids are unique (SARIF fingerprints and the scheduled audit's change detection rely on
 * them): a finding repeated exactly is reported once, and findings that share an id but differ
 * get a suffix from what they say, stable across runs.
 */
export function uniqueIds<F extends AnyFinding>(findings: readonly F[]): F[] {
  const byId = new Map<string, F[]>();
  for (const f of findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  const out: F[] = [];
  for (const [id, group] of byId) {
    const distinct = new Map<string, F>();
    for (const f of group) distinct.set(JSON.stringify([f.category, f.resource, f.message, f.expected, f.actual]), f);
    if (distinct.size === 1) {
      out.push(group[0]);
      continue;
    }
    for (const [key, f] of distinct) out.push({ ...f, id: `${id}#${createHash('sha256').update(key).digest('hex').slice(0, 8)}` });
  }
  return out;
}
