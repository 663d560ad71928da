/**
 * Values lzkit deploys that do not exist until deployment: the id of an organization, account or
 * OU that lzkit creates, the ARN of a KMS key (its key id is random). The model and the desired
 * state write a marker in their place; each consumer resolves the markers its own way - the stacks
 * to Terraform references, the drift audit to the ids it read, the sandbox and the simulator to
 * stable placeholders.
 */
const PREFIX = 'lzkit:late-bound:';
// Arguments are percent-encoded (OU paths hold '/' and spaces), so a marker ends where the
// encoded alphabet does: it can sit inside a longer string such as an ARN.
const MARKER = /lzkit:late-bound:(organization-id|account-id\/[A-Za-z0-9%._~-]+|ou-id\/[A-Za-z0-9%._~-]+|kms-key-arn\/[A-Za-z0-9%._~-]+\/[A-Za-z0-9%._~-]+)/g;

export type LateBound =
  | { readonly kind: 'organization-id' }
  | { readonly kind: 'account-id'; readonly account: string }
  /** `Root` is the organization's root id (`r-xxxx`). */
  | { readonly kind: 'ou-id'; readonly path: string }
  /** The key lzkit names `key` (its Terraform name stem) in account `account`. */
  | { readonly kind: 'kms-key-arn'; readonly account: string; readonly key: string };

export function lateBoundOrganizationId(): string {
  return `${PREFIX}organization-id`;
}

export function lateBoundAccountId(accountName: string): string {
  return `${PREFIX}account-id/${encodeURIComponent(accountName)}`;
}

export function lateBoundOuId(path: string): string {
  return `${PREFIX}ou-id/${encodeURIComponent(path)}`;
}

export function lateBoundKeyArn(account: string, key: string): string {
  return `${PREFIX}kms-key-arn/${encodeURIComponent(account)}/${encodeURIComponent(key)}`;
}

function parse(what: string): LateBound {
  if (what === 'organization-id') return { kind: 'organization-id' };
  const [kind, ...args] = what.split('/');
  const arg = args.map(decodeURIComponent);
  if (kind === 'account-id') return { kind, account: arg[0] };
  if (kind === 'ou-id') return { kind, path: arg[0] };
  return { kind: 'kms-key-arn', account: arg[0], key: arg[1] };
}

/** Replaces every marker in `text`. */
export function resolveLateBound(text: string, resolve: (v: LateBound) => string): string {
  return text.replace(MARKER, (_m, what: string) => resolve(parse(what)));
}

/** Replaces every marker in every string of a JSON-like value (objects and arrays are copied). */
export function resolveLateBoundDeep<T>(value: T, resolve: (v: LateBound) => string): T {
  if (typeof value === 'string') return (hasLateBound(value) ? resolveLateBound(value, resolve) : value) as T;
  if (Array.isArray(value)) return value.map((v) => resolveLateBoundDeep(v, resolve)) as T;
  if (value && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveLateBoundDeep(v, resolve)])) as T;
  }
  return value;
}

/** A JSON-like object (from any realm: a structured clone's prototype is not this realm's Object.prototype). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null || proto.constructor?.name === 'Object';
}

/** Every marker in `text`, in order of appearance. */
export function lateBoundIn(text: string): LateBound[] {
  return [...text.matchAll(MARKER)].map((m) => parse(m[1]));
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
