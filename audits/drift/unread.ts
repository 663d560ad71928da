import { isNotRead, type NotRead } from '../readable';
import type { CoreSnapshot } from '../snapshot-core';

/**
 * What the drift checks see of a snapshot: the same shape with every NotRead part replaced by
 * its value type. Reading a part that was not read throws NotReadSignal instead of returning
 * anything, so a check can never mistake "not read" for "empty" or "absent": the engine stops
 * that check (or that unit of it) and the part's unread APIs are reported as `unauditable`.
 */
export type ReadView<T> = T extends NotRead ? never
  : T extends readonly (infer U)[] ? readonly ReadView<U>[]
    : T extends object ? { readonly [K in keyof T]: ReadView<T[K]> }
      : T;

/** The core of the snapshot as checks see it (an area's check sees its own part as `ctx.live`). */
export type SnapshotView = ReadView<CoreSnapshot>;

/** Thrown when a check reads a part of the snapshot that was not read. */
export class NotReadSignal extends Error {
  constructor(readonly part: string, readonly apis: readonly string[]) {
    super(`${part} was not read (${apis.join(', ')})`);
    this.name = 'NotReadSignal';
  }
}

/** The view of `s`: a copy where each NotRead part is a getter that throws NotReadSignal. */
export function readView<T>(s: T): ReadView<T> {
  return copy(s, '') as ReadView<T>;
}

function copy(v: unknown, path: string): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    v.forEach((x, i) => place(out as unknown as Record<number, unknown>, i, x, `${path}[${i}]`));
    return out;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) place(out, k, x, path ? `${path}.${k}` : k);
    return out;
  }
  return v;
}

function place(target: Record<string | number, unknown>, key: string | number, value: unknown, path: string): void {
  if (isNotRead(value)) {
    Object.defineProperty(target, key, { enumerable: true, get: () => { throw new NotReadSignal(path, value.notRead); } });
  } else {
    target[key] = copy(value, path);
  }
}
