import { desiredState } from '../../desired';
import { MANAGEMENT_POLICY_TYPES } from '../../model/policy-types';
import type { PolicyType } from '../../model/types';
import type { LandingZone } from '../../model/landing-zone';
import { isNotRead, isRead, notRead, withErrorsForUnreadParts, type CollectionError, type NotRead, type Snapshot } from '../snapshot';

/**
 * What the drift checks see of a snapshot: the same shape with every NotRead part replaced by
 * its value type. Reading a part that was not read throws NotReadSignal instead of returning
 * anything, so a check can never mistake "not read" for "empty" or "absent": the engine stops
 * that check (or that unit of it) and the part's unread APIs are reported as `unauditable`.
 */
export type ReadView<T> = T extends NotRead ? never
  : T extends readonly (infer U)[] ? readonly ReadView<U>[]
    : T extends object ? { readonly [K in keyof T]: ReadView<T[K]> }
      : T;

export type SnapshotView = ReadView<Snapshot>;

/** Thrown when a check reads a part of the snapshot that was not read. */
export class NotReadSignal extends Error {
  constructor(readonly part: string, readonly apis: readonly string[]) {
    super(`${part} was not read (${apis.join(', ')})`);
    this.name = 'NotReadSignal';
  }
}

/** The view of `s`: a copy where each NotRead part is a getter that throws NotReadSignal. */
export function readView(s: Snapshot): SnapshotView {
  return copy(s, '') as SnapshotView;
}

function copy(v: unknown, path: string): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    v.forEach((x, i) => place(out as unknown as Record<number, unknown>, i, x, `${path}[${i}]`));
    return out;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) place(out, k, x, path ? `${path}.${k}` : k);
    return out;
  }
  return v;
}

function place(target: Record<string | number, unknown>, key: string | number, value: unknown, path: string): void {
  if (isNotRead(value)) {
    Object.defineProperty(target, key, { enumerable: true, get: () => { throw new NotReadSignal(path, value.notRead); } });
  } else {
    target[key] = copy(value, path);
  }
}

/** Where NotInSnapshot parts come from: absent parts are not read, never empty. */
const ABSENT = 'NotInSnapshot';

/**
 * The snapshot with every part the checks need present: a declared area the snapshot holds
 * nothing of (saved without the declaration, or by an older lzkit) and an active account
 * without state are marked not read, and every unread part has an error to report.
 */
export function completeSnapshot(lz: LandingZone, s: Snapshot): Snapshot {
  const errors: CollectionError[] = [];
  const areas: Partial<Record<'logging' | 'network' | 'identity', NotRead>> = {};
  for (const area of ['logging', 'network', 'identity'] as const) {
    if (!lz[area] || s[area] !== undefined) continue;
    areas[area] = notRead([area]);
    errors.push({ scope: 'organization', api: area, code: ABSENT, message: `${area} is declared but the snapshot holds nothing of it; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)` });
  }
  let rootAccess = s.rootAccess;
  if (desiredState(lz).organization.rootAccessFeatures.length && rootAccess === undefined) {
    rootAccess = notRead(['iam:ListOrganizationsFeatures']);
    errors.push({ scope: 'organization', api: 'iam:ListOrganizationsFeatures', code: ABSENT, message: 'centralized root access is declared but the snapshot holds nothing of it; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)' });
  }
  let effectivePolicies = s.effectivePolicies;
  const managementAttached = lz.guardrails.attachments.some((a) => MANAGEMENT_POLICY_TYPES.includes(lz.guardrails.policies.get(a.policyId)?.type as PolicyType));
  if (managementAttached && effectivePolicies === undefined) {
    effectivePolicies = notRead(['organizations:DescribeEffectivePolicy']);
    errors.push({ scope: 'organization', api: 'organizations:DescribeEffectivePolicy', code: ABSENT, message: 'management policies are declared but the snapshot holds no effective policy; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)' });
  }
  const states = { ...s.accountStates };
  if (isRead(s.accounts)) {
    for (const a of s.accounts) {
      if (a.state !== 'ACTIVE' || states[a.id] !== undefined) continue;
      states[a.id] = notRead(['sts:AssumeRole']);
      if (s.errors.some((e) => e.scope === 'account' && e.resourceId === a.id)) continue; // its own error says why
      errors.push({ scope: 'account', resourceId: a.id, api: 'sts:AssumeRole', code: ABSENT, message: 'the account was not read (the snapshot holds nothing of it)' });
    }
  }
  return withErrorsForUnreadParts({ ...s, ...areas, ...(rootAccess !== undefined ? { rootAccess } : {}), ...(effectivePolicies !== undefined ? { effectivePolicies } : {}), accountStates: states, errors: [...s.errors, ...errors] });
}
