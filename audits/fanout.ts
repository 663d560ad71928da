import { collectSnapshot, type CollectOptions } from './collect';
import { isRead, notRead, type CollectionError, type Snapshot } from './snapshot';

/**
 * The fan-out of a large organization's audit (the audit stack's Step Functions Distributed Map):
 * the organization is read once, the accounts in batches that run in parallel (each within one
 * function's time limit), and the partial snapshots merged into one before the drift engine runs.
 * Each step is a plain function, so the whole flow runs locally against the sandbox.
 */

/** Splits `items` into consecutive batches of at most `size`, in order (the Map's items). */
export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The accounts a batch can enter: active ones (suspended accounts are reported from the
 * organization read). None when the organization read could not list the accounts: the drift
 * engine then reports the accounts unauditable, not a batch.
 */
export function accountsToCollect(organization: Snapshot): string[] {
  return isRead(organization.accounts) ? organization.accounts.filter((a) => a.state === 'ACTIVE').map((a) => a.id).sort() : [];
}

/** Step 1: the organization-level read (tree, policies, delegated administrators), entering no account. */
export async function collectOrganization(options: CollectOptions): Promise<Snapshot> {
  return (await collectSnapshot({ ...options, accountIds: new Set() })).snapshot;
}

/** Step 2, once per batch: enters only the batch's accounts; the rest of the snapshot is ignored at merge. */
export async function collectBatch(options: CollectOptions, accountIds: readonly string[]): Promise<Snapshot> {
  return (await collectSnapshot({ ...options, accountIds: new Set(accountIds), readAreas: false })).snapshot;
}

/**
 * Step 3: one snapshot from the organization read and the batches: the organization's parts and
 * organization-scope errors from the organization read, account states and account-scope errors
 * from the batches (each account belongs to exactly one batch). An account no batch reported is
 * recorded as an error, so the drift engine reports it unauditable instead of passing it.
 */
export function mergeSnapshots(organization: Snapshot, batches: readonly Snapshot[], expected: readonly string[] = accountsToCollect(organization)): Snapshot {
  const accountStates: Record<string, Snapshot['accountStates'][string]> = {};
  const errors: CollectionError[] = organization.errors.filter((e) => e.scope === 'organization');
  const reported = new Set<string>();
  for (const batch of batches) {
    for (const [id, state] of Object.entries(batch.accountStates)) {
      accountStates[id] = state;
      reported.add(id);
    }
    for (const e of batch.errors) {
      if (e.scope !== 'account') continue;
      errors.push(e);
      if (e.resourceId) reported.add(e.resourceId);
    }
  }
  for (const id of expected) {
    if (!reported.has(id)) {
      accountStates[id] = notRead(['sts:AssumeRole']);
      errors.push({ scope: 'account', resourceId: id, api: 'sts:AssumeRole', code: 'BatchMissing', message: 'no fan-out batch reported this account (the batch failed or timed out)' });
    }
  }
  const sorted = Object.fromEntries(Object.keys(accountStates).sort().map((k) => [k, accountStates[k]]));
  return {
    ...organization,
    accountStates: sorted,
    errors: errors.sort((a, b) => `${a.resourceId ?? ''}${a.api}`.localeCompare(`${b.resourceId ?? ''}${b.api}`)),
  };
}

/** The whole fan-out in one process (tests, and what the state machine does step by step). */
export async function collectInBatches(options: CollectOptions, batchSize: number): Promise<{ snapshot: Snapshot; batches: number }> {
  const organization = await collectOrganization(options);
  const batches = splitIntoBatches(accountsToCollect(organization), batchSize);
  const parts = await Promise.all(batches.map((b) => collectBatch(options, b)));
  return { snapshot: mergeSnapshots(organization, parts), batches: batches.length };
}
