import type { LandingZone } from '../../model/landing-zone';
import type { CollectionError, NotRead } from '../readable';
import type { AnyClient, ClientClass, ClientPool } from './clients';

/** What an area's collector gets: the pool, the shared concurrency limit and the error recorder. */
export interface CollectContext {
  readonly pool: ClientPool;
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly record: (e: CollectionError) => void;
}

/**
 * What an area's plan is made from: the organization as read so far. A plan is tried while the
 * tree is still being walked (its reads then overlap the walk) and, if it names an account not
 * found yet, again once the walk is over; so a plan learns the organization only through idOf.
 */
export interface PlanContext {
  readonly lz: LandingZone;
  readonly managementAccountId: string;
  /** The region the audit runs in. */
  readonly region: string;
  /**
   * The live id of a declared account, or NotRead when it cannot be known: the tree was not read,
   * or the account is not in the organization (recorded against `api`; the account itself is
   * reported account-missing).
   */
  idOf(name: string, api: string): string | NotRead;
  readonly record: (e: CollectionError) => void;
}

/** What a per-account collector gets: clients already bound to the account's credentials. */
export interface AccountContext {
  readonly accountId: string;
  readonly isManagement: boolean;
  /** A client reading this account (the audit role; the caller's credentials in the management account). */
  client<C extends AnyClient>(service: ClientClass<C>, region?: string): C;
  readonly record: (e: CollectionError) => void;
}

/** One reader of every entered account; its result lands in `accountStates[id][key]`. */
export interface AccountCollector<T = unknown> {
  readonly key: string;
  collect(ctx: AccountContext): Promise<T>;
}

/** A failed read as the snapshot records it (credentials problems are not about the organization: they pass through). */
export function errorOf(scope: CollectionError['scope'], api: string, e: unknown, resourceId?: string): CollectionError {
  if ((e as Error)?.name === 'CredentialsProviderError') throw e;
  const err = e as Error & { Code?: string };
  return { scope, ...(resourceId ? { resourceId } : {}), api, code: err?.name ?? err?.Code ?? 'Error', message: oneLine(err?.message ?? String(e)) };
}

function oneLine(s: string): string {
  return s.split('\n')[0].slice(0, 300);
}
