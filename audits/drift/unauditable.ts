import type { LandingZone } from '../../model/landing-zone';
import type { SourceLocation } from '../../model/types';
import { RUNNING_AREAS } from '../areas';
import { readOr, type CollectionError } from '../readable';
import type { Snapshot } from '../snapshot';
import { fileLocation } from './context';
import { findingsOf, UNAUDITABLE, type Finding } from './finding';

const finding = findingsOf(UNAUDITABLE);

/** What the engine knows when it reports what it could not read. */
export interface UnreadContext {
  readonly lz: LandingZone;
  /** A complete snapshot (completeSnapshot): every unread part has its error. */
  readonly snapshot: Snapshot;
  /** Declared account of a live id, when the tree was read. */
  readonly declaredAccount: (id: string) => { readonly name: string; readonly source: SourceLocation } | undefined;
  /** Per unread API, the checks it stopped. */
  readonly blocked: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Everything the audit could not read: one finding per account that could not be read (every
 * failed read inside it folded in), and one per other unread input (API and what it was about).
 * Never silently a pass: these make the exit code 2.
 */
export function unauditableFindings({ lz, snapshot: s, declaredAccount, blocked }: UnreadContext): Finding[] {
  const out: Finding[] = [];
  const byAccount = new Map<string, CollectionError[]>();
  const enteredNot = new Set(s.errors.filter((e) => e.scope === 'account' && e.resourceId).map((e) => e.resourceId!));
  const stopped = (apis: readonly string[]): string => {
    const checks = [...new Set(apis.flatMap((api) => [...(blocked.get(api) ?? [])]))].sort();
    return checks.length ? `; not audited: ${checks.join(', ')}` : '';
  };
  const seen = new Set<string>();
  for (const e of s.errors) {
    // An area read inside an account the audit could not enter belongs to that account's one finding.
    if (e.resourceId && (e.scope === 'account' || enteredNot.has(e.resourceId))) {
      byAccount.set(e.resourceId, [...(byAccount.get(e.resourceId) ?? []), e]);
      continue;
    }
    const key = `${e.api} ${e.resourceId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // An area the snapshot holds nothing of is reported where the declaration has it.
    const area = RUNNING_AREAS.find((a) => a.key === e.api)?.declaredAt(lz);
    out.push(finding({
      category: 'unauditable', resource: { type: 'organization', id: e.resourceId ?? s.organization.id, name: e.api }, about: e.api,
      expected: 'readable', actual: `${e.code}: ${e.message}`, location: area ?? fileLocation('accounts/organization.yaml'),
      message: `could not read ${e.api}${e.resourceId ? ` for ${e.resourceId}` : ''}: ${e.code}${stopped([e.api])}`,
      remediation: area
        ? 'collect a new snapshot with this lzkit (lzkit audit --save-snapshot FILE) from the management account'
        : e.api.startsWith('organizations:')
          ? 'grant the caller organizations:Describe*/List* in the management account and run the audit again'
          : `check that the audit role (deployed by the audit stack) exists in the account and allows ${e.api}, then run the audit again`,
    }));
  }
  for (const [id, errors] of byAccount) {
    const declared = declaredAccount(id);
    const name = declared?.name ?? readOr(s.accounts, []).find((a) => a.id === id)?.name ?? id;
    const problems = errors.map((e) => `${e.api}: ${e.code}: ${e.message}`);
    out.push(finding({
      category: 'unauditable', resource: { type: 'account', id, name },
      expected: 'readable', actual: problems, location: declared?.source ?? fileLocation('accounts/accounts.yaml'),
      message: `could not audit account ${name} (${id}): ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}${stopped(errors.map((e) => e.api))}`,
      remediation: `check that the audit role exists in ${id} and trusts the management account (deploy the audit stack), then run the audit again`,
    }));
  }
  return out;
}
