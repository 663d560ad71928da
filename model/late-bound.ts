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
  let h = 0;
  for (const ch of accountName) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `9${String(h).padStart(11, '0').slice(-11)}`;
}

export const PLACEHOLDER_ORGANIZATION_ID = 'o-lzkitpending';
