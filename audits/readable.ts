/**
 * What every part of the audit's snapshot is: read, or not read. The kernel every area and every
 * engine (collect, drift, sandbox, import) builds on; it imports nothing of them.
 */

/** A part of the snapshot the collectors could not read: the APIs whose failure left it unread. */
export interface NotRead {
  readonly notRead: readonly string[];
}

/** A part that was read (`T`, possibly empty) or could not be (`NotRead`). */
export type Readable<T> = T | NotRead;

export function notRead(apis: Iterable<string>): NotRead {
  return { notRead: [...new Set(apis)].sort() };
}

export function isNotRead(v: unknown): v is NotRead {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { notRead?: unknown }).notRead) && Object.keys(v).length === 1;
}

export function isRead<T>(v: Readable<T>): v is T {
  return !isNotRead(v);
}

/** The value when it was read, else `fallback` (for display; drift checks never need it). */
export function readOr<T, F>(v: Readable<T>, fallback: F): T | F {
  return isNotRead(v) ? fallback : v;
}

/** Something the audit could not read: it becomes an `unauditable` finding, never a pass. */
export interface CollectionError {
  /** `organization` for organization-wide APIs, `account` inside one member account. */
  readonly scope: 'organization' | 'account';
  /** The account (scope account) or the OU/policy the API was about, when there is one. */
  readonly resourceId?: string;
  readonly api: string;
  readonly code: string;
  readonly message: string;
}
