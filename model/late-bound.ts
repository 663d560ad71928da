/**
 * Values a policy needs that do not exist until deployment (the id of an organization or an
 * account that lzkit creates). The model writes a marker in their place; the stacks replace
 * each marker with a cross-stack reference, the simulator with a stable placeholder.
 */
const PREFIX = 'lzkit:late-bound:';
const MARKER = /lzkit:late-bound:(organization-id|account-id\/[a-z0-9-]+)/g;

export function lateBoundOrganizationId(): string {
  return `${PREFIX}organization-id`;
}

export function lateBoundAccountId(accountName: string): string {
  return `${PREFIX}account-id/${accountName}`;
}

export type LateBound = { kind: 'organization-id' } | { kind: 'account-id'; account: string };

/** Replaces every marker in `text`. */
export function resolveLateBound(text: string, resolve: (v: LateBound) => string): string {
  return text.replace(MARKER, (_m, what: string) =>
    what === 'organization-id' ? resolve({ kind: 'organization-id' }) : resolve({ kind: 'account-id', account: what.slice('account-id/'.length) }));
}

export function hasLateBound(text: string): boolean {
  return text.includes(PREFIX);
}

/** A stable fake 12-digit id for an account that does not exist yet (simulation only). */
export function placeholderAccountId(accountName: string): string {
  return `9${String(stableHash(accountName)).padStart(11, '0').slice(-11)}`;
}

export const PLACEHOLDER_ORGANIZATION_ID = 'o-lzkitpending';

/** A stable fake root id (`r-` and 4 characters) for an organization whose root id is not declared (simulation only). */
export function placeholderRootId(organizationId: string): string {
  return `r-${stableHash(organizationId).toString(36).padStart(4, '0').slice(-4)}`;
}

/** A stable fake OU id for an OU that does not exist yet, under root `rootId` (simulation only). */
export function placeholderOuId(rootId: string, ouPath: string): string {
  return `ou-${rootId.slice(2)}-${stableHash(ouPath).toString(36).padStart(8, '0').slice(-8)}`;
}

function stableHash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
