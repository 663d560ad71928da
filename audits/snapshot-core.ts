import { isNotRead, type CollectionError, type Readable } from './readable';

/*
 * The core of the snapshot: what every audit reads, whatever the declaration holds
 * (the organization, its tree, policies, delegated administrators, root access, and IAM's account
 * settings inside every account). The areas add their parts beside it (audits/snapshot.ts).
 */

/**
 * The audit's collected live state: what the collectors read from AWS, as plain JSON. Every list
 * and every area is either read (possibly empty) or marked not read (`NotRead`, naming the APIs
 * that failed; their details are in `errors`). Nothing is ever absent because a read failed, so an
 * empty list always means "AWS said: none".
 */
export const SNAPSHOT_SCHEMA_VERSION = 2;

export type LivePolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'TAG_POLICY' | 'BACKUP_POLICY' | 'AISERVICES_OPT_OUT_POLICY' | string;

/**
 * Organizations' `Account.State` (enum AccountState of @aws-sdk/client-organizations). The SDK's
 * doc comment on `Account.Status` says it "will be retired on September 9, 2026 ... use the State
 * parameter instead of Status"; State also knows PENDING_ACTIVATION and CLOSED.
 */
export type AccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_ACTIVATION' | 'PENDING_CLOSURE' | 'CLOSED' | string;

export interface LiveOrganization {
  readonly id: string;
  readonly arn: string;
  readonly featureSet: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail?: string;
}

export interface LiveRoot {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  /** Policy types and their status on the root (`ENABLED`, `PENDING_ENABLE`, ...). */
  readonly policyTypes: readonly { readonly type: LivePolicyType; readonly status: string }[];
}

export interface LiveOrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly parentId: string;
  /** Names from the root down, `Workloads/Prod` (the model's OU path). */
  readonly path: string;
}

export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly arn?: string;
  readonly state: AccountState;
  /**
   * `Account.Paths`: the account's entity paths, `o-…/r-…/ou-…/…/<account id>/` (the
   * Organizations API reference's DescribeAccount example: `o-exampleorgid/r-examplerootid111/555555555555/`).
   */
  readonly paths: readonly string[];
  readonly parentId: string;
  readonly joinedMethod?: string;
}

export interface LivePolicy {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly description?: string;
  readonly type: LivePolicyType;
  readonly awsManaged: boolean;
  /** The document as Organizations returns it (a JSON string; DescribePolicy). */
  readonly content: Readable<string>;
  /** Root, OU and account ids the policy is attached to directly (ListTargetsForPolicy). */
  readonly targets: Readable<readonly string[]>;
}

export interface LiveDelegatedAdministrator {
  readonly accountId: string;
  readonly servicePrincipals: Readable<readonly string[]>;
}

/** IAM's account summary keys the audit reads (GetAccountSummary). */
export interface LiveAccountSummary {
  readonly accountMfaEnabled: boolean;
  readonly accountAccessKeysPresent: boolean;
  /** The root user has a password (console sign-in); absent in snapshots of older lzkit. */
  readonly accountPasswordPresent?: boolean;
}

/**
 * One account's effective management policy of one type, as Organizations computes it
 * (DescribeEffectivePolicy); `null`: no policy of the type reaches the account.
 */
export interface LiveEffectivePolicy {
  readonly accountId: string;
  /** Organizations' type (`TAG_POLICY`). */
  readonly type: string;
  readonly content: Readable<string | null>;
}

/** Centralized root access (iam:ListOrganizationsFeatures): the features enabled for member accounts. */
export interface LiveRootAccess {
  readonly enabledFeatures: readonly string[];
}

/** GetAccountPasswordPolicy's answer; `null` in LiveIam when the account has none. */
export interface LivePasswordPolicy {
  readonly minimumPasswordLength?: number;
  readonly requireSymbols?: boolean;
  readonly requireNumbers?: boolean;
  readonly requireUppercaseCharacters?: boolean;
  readonly requireLowercaseCharacters?: boolean;
  readonly maxPasswordAge?: number;
  readonly passwordReusePrevention?: number;
  readonly hardExpiry?: boolean;
  readonly allowUsersToChangePassword?: boolean;
}

export interface LiveIam {
  readonly summary: Readable<LiveAccountSummary>;
  readonly passwordPolicy: Readable<LivePasswordPolicy | null>;
}

/**
 * What the per-account collectors read inside one member account: IAM's account settings, and
 * the parts other areas read there (each under its area's key).
 */
export interface LiveAccountState {
  readonly iam: LiveIam;
  readonly [area: string]: unknown;
}

export interface CoreSnapshot {
  readonly schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  readonly collectedAt: string;
  readonly region: string;
  /** Without these two there is nothing to audit: the collection stops instead. */
  readonly organization: LiveOrganization;
  readonly root: LiveRoot;
  /** Service principals with trusted access (ListAWSServiceAccessForOrganization). */
  readonly trustedServices: Readable<readonly string[]>;
  readonly delegatedAdministrators: Readable<readonly LiveDelegatedAdministrator[]>;
  /** Not read when any OU listing failed (the tree below it is unknown). */
  readonly organizationalUnits: Readable<readonly LiveOrganizationalUnit[]>;
  /** Not read when any OU or account listing failed. */
  readonly accounts: Readable<readonly LiveAccount[]>;
  /** Not read when ListPolicies failed for any type. */
  readonly policies: Readable<readonly LivePolicy[]>;
  /** Per ACTIVE account id, what was read inside it (not read: the account could not be entered). */
  readonly accountStates: Readonly<Record<string, Readable<LiveAccountState>>>;
  /** Every read that failed, with its details; each also marks the part it left unread. */
  readonly errors: readonly CollectionError[];
  /** Centralized root access (read, or not read with the reason); absent in snapshots of older lzkit. */
  readonly rootAccess?: Readable<LiveRootAccess>;
  /**
   * Effective management policies of one account per distinct chain of attachments (what
   * Organizations merged); absent when the declaration attaches no management policy.
   */
  readonly effectivePolicies?: Readable<readonly LiveEffectivePolicy[]>;
}


/** A snapshot file that cannot be used: message is one line for the user. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Every part of `s` marked not read, with where it is (`accounts`, `accountStates.111111111111.iam.summary`). */
export function unreadParts(s: unknown): { readonly path: string; readonly apis: readonly string[] }[] {
  const out: { path: string; apis: readonly string[] }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (isNotRead(v)) { out.push({ path, apis: v.notRead }); return; }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(s, '');
  return out;
}

/**
 * The snapshot with an error recorded for every unread part that has none (a part found absent,
 * an older snapshot): each unread part is then reported, never passed. Parts inside
 * `accountStates.<id>` belong to that account.
 */
export function withErrorsForUnreadParts<S extends CoreSnapshot>(s: S, why = 'the snapshot holds nothing of it and records no error'): S {
  const added: CollectionError[] = [];
  const recorded = (api: string, account: string | undefined): boolean =>
    [...s.errors, ...added].some((e) => e.api === api && (account === undefined || e.resourceId === account));
  for (const part of unreadParts(s)) {
    const account = /^accountStates\.(\d{12})(?:\.|$)/.exec(part.path)?.[1];
    for (const api of part.apis) {
      if (recorded(api, account)) continue;
      added.push({ scope: account ? 'account' : 'organization', ...(account ? { resourceId: account } : {}), api, code: 'NotRead', message: `${part.path}: ${why}` });
    }
  }
  return added.length ? { ...s, errors: [...s.errors, ...added] } : s;
}
