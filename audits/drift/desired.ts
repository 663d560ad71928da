import type { LateBound } from '../../model/late-bound';

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

/** A KMS key an area read, as the desired state names it: its owner account (name), its name stem, its ARN. */
export interface LiveKeyArn {
  readonly account: string;
  readonly key: string;
  readonly arn: string;
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
