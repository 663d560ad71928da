import { randomBytes } from 'crypto';
import type { LiveAccount, LiveOrganizationalUnit, LivePolicy, Snapshot } from '../snapshot';

/** Temporary credentials the sandbox issued: later calls signed with them act in `accountId`. */
export interface IssuedCredentials {
  readonly accountId: string;
  readonly expiresAt: number;
}

/**
 * The organization the sandbox serves (a snapshot, indexed for the handlers) and the session
 * credentials it handed out. Read-only APIs only: nothing here changes the organization.
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

  constructor(
    readonly snapshot: Snapshot,
    /** Accounts whose AssumeRole is denied (`--fail-accounts`), besides those the snapshot could not read. */
    readonly failAccounts: ReadonlySet<string> = new Set(),
    /** Lifetime of issued credentials; shorter than DurationSeconds to test refreshing. */
    readonly credentialLifetimeMs?: number,
  ) {
    this.parents.add(snapshot.root.id);
    for (const ou of snapshot.organizationalUnits) {
      this.parents.add(ou.id);
      this.ousByParent.set(ou.parentId, [...(this.ousByParent.get(ou.parentId) ?? []), ou]);
    }
    for (const a of snapshot.accounts) {
      this.accounts.set(a.id, a);
      this.accountsByParent.set(a.parentId, [...(this.accountsByParent.get(a.parentId) ?? []), a]);
    }
    for (const p of snapshot.policies) this.policies.set(p.id, p);
  }

  get managementAccountId(): string {
    return this.snapshot.organization.managementAccountId;
  }

  /** Whether the audit role of `accountId` can be assumed. */
  canEnter(accountId: string): boolean {
    const a = this.accounts.get(accountId);
    if (!a || a.status !== 'ACTIVE' || this.failAccounts.has(accountId)) return false;
    return !this.snapshot.errors.some((e) => e.resourceId === accountId && e.api === 'sts:AssumeRole');
  }

  issue(accountId: string, durationSeconds: number): { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiresAt: number } {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiresAt = Date.now() + (this.credentialLifetimeMs ?? durationSeconds * 1000);
    this.issued.set(accessKeyId, { accountId, expiresAt });
    this.assumeRoleCount.set(accountId, (this.assumeRoleCount.get(accountId) ?? 0) + 1);
    return { accessKeyId, secretAccessKey: randomBytes(20).toString('base64'), sessionToken: randomBytes(32).toString('base64'), expiresAt };
  }

  /** The account a call acts in: issued keys name theirs; any other key is the caller's own (management). */
  callerOf(accessKeyId: string | undefined): { accountId: string; expired: boolean } {
    const c = accessKeyId ? this.issued.get(accessKeyId) : undefined;
    if (!c) return { accountId: this.managementAccountId, expired: false };
    return { accountId: c.accountId, expired: Date.now() >= c.expiresAt };
  }

  targetType(id: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' {
    return id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
  }

  targetName(id: string): string {
    if (id === this.snapshot.root.id) return this.snapshot.root.name;
    return this.snapshot.organizationalUnits.find((o) => o.id === id)?.name ?? this.accounts.get(id)?.name ?? id;
  }
}
