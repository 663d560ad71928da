import { randomBytes } from 'crypto';
import { AUDIT_ROLE_SESSION_SECONDS } from '../collect/session';
import { isNotRead, readOr, type Readable } from '../readable';
import type { CoreSnapshot, LiveAccount, LiveOrganizationalUnit, LivePolicy } from '../snapshot-core';
import { AccessDenied } from './protocol';

/** The snapshot a sandbox serves: its core, and each area's part under the area's key. */
export type WorldSnapshot = CoreSnapshot & { readonly [area: string]: unknown };

/** Temporary credentials the sandbox issued: later calls signed with them act in `accountId`, as that role session. */
export interface IssuedCredentials {
  readonly accountId: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly expiresAt: number;
}

/** How the sandbox's credentials behave. */
export interface CredentialOptions {
  /** Accounts whose AssumeRole is denied (`--fail-accounts`), besides those the snapshot could not enter. */
  readonly failAccounts?: ReadonlySet<string>;
  /** Lifetime of issued credentials, overriding DurationSeconds (and said so in Expiration): tests of refreshing. */
  readonly credentialLifetimeMs?: number;
  /** Issued credentials stop working this long after issue whatever their Expiration says (`--expire-credentials-after`). */
  readonly expireAfterMs?: number;
  /** The roles' MaxSessionDuration. @default AUDIT_ROLE_SESSION_SECONDS (the audit role's) */
  readonly roleMaxSessionSeconds?: number;
}

/**
 * The organization the sandbox serves (a snapshot, indexed for the handlers) and the session
 * credentials it handed out. Read-only APIs only: nothing here changes the organization. A part
 * the snapshot could not read is served as AWS answered then: access denied (`served`).
 */
export class SandboxWorld {
  readonly ousByParent = new Map<string, LiveOrganizationalUnit[]>();
  readonly accountsByParent = new Map<string, LiveAccount[]>();
  readonly accounts = new Map<string, LiveAccount>();
  readonly policies = new Map<string, LivePolicy>();
  readonly parents = new Set<string>();
  private readonly issued = new Map<string, IssuedCredentials>();
  /** AssumeRole calls answered, per target account (tests read it to see refreshes). */
  readonly assumeRoleCount = new Map<string, number>();

  constructor(readonly snapshot: WorldSnapshot, readonly credentials: CredentialOptions = {}) {
    this.parents.add(snapshot.root.id);
    for (const ou of readOr(snapshot.organizationalUnits, [])) {
      this.parents.add(ou.id);
      this.ousByParent.set(ou.parentId, [...(this.ousByParent.get(ou.parentId) ?? []), ou]);
    }
    for (const a of readOr(snapshot.accounts, [])) {
      this.accounts.set(a.id, a);
      this.accountsByParent.set(a.parentId, [...(this.accountsByParent.get(a.parentId) ?? []), a]);
    }
    for (const p of readOr(snapshot.policies, [])) this.policies.set(p.id, p);
  }

  /** An area's part of the snapshot: undefined when the snapshot has none, NotRead when it could not be read. */
  part<T>(area: string): Readable<T> | undefined {
    return this.snapshot[area] as Readable<T> | undefined;
  }

  get roleMaxSessionSeconds(): number {
    return this.credentials.roleMaxSessionSeconds ?? AUDIT_ROLE_SESSION_SECONDS;
  }

  get managementAccountId(): string {
    return this.snapshot.organization.managementAccountId;
  }

  /** Whether the audit role of `accountId` can be assumed: an active account the snapshot could enter. */
  canEnter(accountId: string): boolean {
    const a = this.accounts.get(accountId);
    if (!a || a.state !== 'ACTIVE' || this.credentials.failAccounts?.has(accountId)) return false;
    return !isNotRead(this.snapshot.accountStates[accountId]);
  }

  issue(accountId: string, roleName: string, sessionName: string, durationSeconds: number): { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number } {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiration = Date.now() + (this.credentials.credentialLifetimeMs ?? durationSeconds * 1000);
    const expiresAt = Math.min(expiration, Date.now() + (this.credentials.expireAfterMs ?? Infinity));
    this.issued.set(accessKeyId, { accountId, roleName, sessionName, expiresAt });
    this.assumeRoleCount.set(accountId, (this.assumeRoleCount.get(accountId) ?? 0) + 1);
    return { accessKeyId, secretAccessKey: randomBytes(20).toString('base64'), sessionToken: randomBytes(32).toString('base64'), expiration };
  }

  /** Who signed a call: issued keys are their role session; any other key is the caller's own (a user of the management account). */
  callerOf(accessKeyId: string | undefined): { accountId: string; expired: boolean; session?: IssuedCredentials } {
    const c = accessKeyId ? this.issued.get(accessKeyId) : undefined;
    if (!c) return { accountId: this.managementAccountId, expired: false };
    return { accountId: c.accountId, expired: Date.now() >= c.expiresAt, session: c };
  }

  targetType(id: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' {
    return id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
  }

  targetName(id: string): string {
    if (id === this.snapshot.root.id) return this.snapshot.root.name;
    return readOr(this.snapshot.organizationalUnits, []).find((o) => o.id === id)?.name ?? this.accounts.get(id)?.name ?? id;
  }
}

/** A part of the snapshot as the API that read it answers: the value, or access denied when the snapshot could not read it. */
export function served<T>(v: Readable<T>, operation: string): T {
  if (isNotRead(v)) throw new AccessDenied(operation);
  return v;
}

/** An area's part as its APIs answer: undefined when the snapshot has none, denied when it could not be read. */
export function section<T>(v: Readable<T> | undefined, operation: string): T | undefined {
  return v === undefined ? undefined : served(v, operation);
}
