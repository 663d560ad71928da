import type { LandingZone } from '../../model/landing-zone';
import { CORE, RUNNING_AREAS } from '../areas';
import { isRead, notRead, type CollectionError } from '../readable';
import { withErrorsForUnreadParts, type Snapshot } from '../snapshot';

/** Where NotInSnapshot parts come from: absent parts are not read, never empty. */
const ABSENT = 'NotInSnapshot';

/**
 * The snapshot with every part the checks need present: a declared area the snapshot holds
 * nothing of (saved without the declaration, or by an older lzkit), a setting of an area an older
 * lzkit did not read, a core part the declaration needs, and an active account without state are
 * marked not read, and every unread part has an error to report.
 */
export function completeSnapshot(lz: LandingZone, s: Snapshot): Snapshot {
  const errors: CollectionError[] = [];
  const areas: Record<string, unknown> = {};
  for (const area of RUNNING_AREAS) {
    if (!area.declaredAt(lz)) continue;
    const part = (s as unknown as Record<string, unknown>)[area.key];
    if (part !== undefined) {
      // Settings an older lzkit did not read yet are not read, never absent.
      const completed = isRead(part) ? area.complete?.(part as never, ABSENT) : undefined;
      if (completed?.errors.length) {
        areas[area.key] = completed.live;
        errors.push(...completed.errors);
      }
      continue;
    }
    areas[area.key] = notRead([area.key]);
    errors.push({ scope: 'organization', api: area.key, code: ABSENT, message: `${area.key} is declared but the snapshot holds nothing of it; collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE)` });
  }
  const core = CORE.complete(lz, s, ABSENT);
  errors.push(...core.errors);
  const states = { ...s.accountStates };
  if (isRead(s.accounts)) {
    for (const a of s.accounts) {
      if (a.state !== 'ACTIVE' || states[a.id] !== undefined) continue;
      states[a.id] = notRead(['sts:AssumeRole']);
      if (s.errors.some((e) => e.scope === 'account' && e.resourceId === a.id)) continue; // its own error says why
      errors.push({ scope: 'account', resourceId: a.id, api: 'sts:AssumeRole', code: ABSENT, message: 'the account was not read (the snapshot holds nothing of it)' });
    }
  }
  return withErrorsForUnreadParts({ ...s, ...areas, ...core.parts, accountStates: states, errors: [...s.errors, ...errors] });
}
