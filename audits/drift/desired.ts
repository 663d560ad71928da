import type { DesiredState } from '../../desired';
import { resolveLateBoundDeep, type LateBound } from '../../model/late-bound';
import { ROOT } from '../../model/organization';
import { NotReadSignal, type SnapshotView } from './unread';
import type { DriftContext } from './context';

/** Ids the audit read, by what the declaration calls them. */
export interface LiveIds {
  readonly organizationId: string;
  /** Declared account name -> live id (undefined when the account is not in the organization). */
  readonly accountId: (name: string) => string | undefined;
  /** Declared OU path -> live id (`Root`: the root's id). */
  readonly ouId: (path: string) => string | undefined;
  /** A KMS key's live ARN, by its owner account (name) and the key's name stem in the desired state. */
  readonly keyArn: (account: string, key: string) => string | undefined;
}

/**
 * Stands for a value the audit has no live id for (an account not in the organization, a key it
 * could not read). A desired value holding it cannot be compared: the check skips it, and what
 * made it unknown is reported on its own (account-missing, unauditable).
 */
const UNKNOWN = 'lzkit:unknown:';

/** Whether a resolved desired value (or any string inside it) holds an id the audit does not know. */
export function holdsUnknown(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(UNKNOWN);
}

/** How the audit resolves the desired state's late-bound values: to what it read. */
export function lateBoundFromLive(ids: LiveIds): (v: LateBound) => string {
  return (v) => {
    switch (v.kind) {
      case 'organization-id': return ids.organizationId;
      case 'account-id': return ids.accountId(v.account) ?? `${UNKNOWN}account/${v.account}`;
      case 'ou-id': return ids.ouId(v.path) ?? `${UNKNOWN}ou/${v.path}`;
      case 'kms-key-arn': return ids.keyArn(v.account, v.key) ?? `${UNKNOWN}key/${v.account}/${v.key}`;
    }
  };
}

/** The ids of one snapshot as the correspondence of declared and live elements gives them. */
export function liveIds(ctx: Pick<DriftContext, 'desired' | 'snapshot' | 'match'>): LiveIds {
  const { snapshot: s, match } = ctx;
  return {
    organizationId: s.organization.id,
    accountId: (name) => match.accounts.get(name)?.id,
    ouId: (path) => (path === ROOT ? s.root.id : match.ouIds.get(path)),
    keyArn: (account, key) => liveKey(ctx.desired, s, account, key),
  };
}

/**
 * The only key the audit reads is the one it checks: the log archive key (the collector finds it
 * by its desired alias). A key that was not read has no id to compare with: values holding it are
 * not compared, and the key check reports it unauditable.
 */
function liveKey(desired: DesiredState, s: SnapshotView, account: string, key: string): string | undefined {
  const want = desired.logging?.key;
  if (!want || want.account !== account || want.name !== key) return undefined;
  try {
    return s.logging?.key?.arn;
  } catch (e) {
    if (e instanceof NotReadSignal) return undefined;
    throw e;
  }
}

const resolved = new WeakMap<DriftContext, DesiredState>();

/** The desired state with the audited organization's ids in place of late-bound values. */
export function desiredForAudit(ctx: DriftContext): DesiredState {
  let d = resolved.get(ctx);
  if (!d) {
    d = resolveLateBoundDeep(ctx.desired, lateBoundFromLive(liveIds(ctx)));
    resolved.set(ctx, d);
  }
  return d;
}
