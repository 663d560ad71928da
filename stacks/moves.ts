import * as fs from 'fs';
import * as path from 'path';
import type { SourceLocation } from '../model/types';
import type { App, TerraformProvider, TerraformResource, TerraformStack } from './cdktf';

/**
 * Moving resources between stacks. A shard rule change (or an account that changes top-level OU)
 * puts a resource in another stack, hence another Terraform state; `moved` blocks do not cross
 * states. So the stack that held it gets a `removed` block that forgets it without destroying it
 * (Terraform >= 1.7), and the stack that holds it now an `import` block that adopts it (>= 1.5; an
 * id built from references needs >= 1.6). Both are no-ops once applied (Terraform imports only
 * what is not in state, and forgets only what is), so they stay until the lock is settled.
 * https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
 * https://developer.hashicorp.com/terraform/language/import
 *
 * Synth knows only the new declaration; where each resource was is the lock file
 * (stacks.lock.json beside accounts/, committed like a package lock): the stack of every movable
 * resource at the last synth, and the stacks it left whose removal has not been settled.
 */
export const STACK_LOCK_FILE = 'stacks.lock.json';

export interface StackLock {
  readonly version: 1;
  /** Address (`TYPE.NAME`) -> the stack holding it. */
  readonly stacks: Readonly<Record<string, string>>;
  /** Address -> stacks it left whose state may still hold it (each gets a `removed` block). */
  readonly formerly: Readonly<Record<string, readonly string[]>>;
  /**
   * Address -> the stack an lzkit without shards kept it in, guarded by a `removed` block since the
   * first lock (GUARD_UNSHARDED): forgotten there if present, never imported from there.
   */
  readonly guarded?: Readonly<Record<string, readonly string[]>>;
}

/** A resource whose stack follows the shard rule, so it may move between stacks. */
export interface Movable {
  /** `TYPE.NAME`, unique across the app (derived from declared names only). */
  readonly address: string;
  readonly stack: TerraformStack;
  readonly resource: TerraformResource;
  /** Already adopted by an import block (its declared id). */
  readonly imported: boolean;
  /** The id `terraform import` takes (literal or built from references), when lzkit can know it before the move. */
  readonly importId?: string;
  /** The provider the resource uses, when not the stack's default one. */
  readonly provider?: TerraformProvider;
  /** Why it cannot be imported, and the declaration line to fix (when importId is absent). */
  readonly noImportId?: { readonly reason: string; readonly source: SourceLocation };
  /** The stack an lzkit without shards put it in (`organization` or `guardrails`). */
  readonly unshardedStack: string;
}

/** One resource that changes stack. */
export interface StackMove {
  readonly address: string;
  readonly to: string;
  readonly from: readonly string[];
}

/** A move synth cannot write: the new stack cannot import the resource. */
export class MoveError extends Error {
  constructor(readonly problems: readonly { readonly source: SourceLocation; readonly message: string }[]) {
    super(problems.map((p) => `${p.source.file}:${p.source.line}:${p.source.column} MOVE_NEEDS_ID ${p.message}`).join('\n'));
    this.name = 'MoveError';
  }
}

/** The lock in `dir`, or undefined when there is none; a broken one is an error naming the file. */
export function readStackLock(dir: string): StackLock | undefined {
  const file = path.join(dir, STACK_LOCK_FILE);
  if (!fs.existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StackLockError(`${STACK_LOCK_FILE}:1:1 BAD_STACK_LOCK is not JSON (${(e as Error).message}): restore it from version control (lzkit synth writes it)`);
  }
  const lock = data as Partial<StackLock>;
  if (lock.version !== 1 || typeof lock.stacks !== 'object' || typeof lock.formerly !== 'object') {
    throw new StackLockError(`${STACK_LOCK_FILE}:1:1 BAD_STACK_LOCK is not an lzkit stack lock (version 1 with stacks and formerly): restore it from version control`);
  }
  return lock as StackLock;
}

export class StackLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackLockError';
  }
}

/**
 * Writes the lock (sorted, one entry a line, so version control shows what moved), whole or not
 * at all: written beside and renamed, so a synth running at the same time never reads half of it.
 */
export function writeStackLock(dir: string, lock: StackLock): void {
  const sorted = <T>(o: Readonly<Record<string, T>>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const body = { version: 1, stacks: sorted(lock.stacks), formerly: sorted(lock.formerly), ...(lock.guarded && Object.keys(lock.guarded).length ? { guarded: sorted(lock.guarded) } : {}) };
  const file = path.join(dir, STACK_LOCK_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(body, null, 1)}\n`);
  fs.renameSync(temp, file);
}

/**
 * Without a lock nothing says whether an lzkit without shards deployed this organization. If it
 * did, the stacks that held the accounts, delegations and attachments would destroy them once they
 * left (Terraform destroys what leaves the configuration, `prevent_destroy` or not). So a first
 * synth guards them: a `removed` block (destroy = false) in the stack lzkit without shards used,
 * which forgets what is there and is a no-op where nothing is, kept in the lock until settled.
 * It writes no import blocks (an import of what does not exist fails): a deployment made before
 * shards is moved with `--from-unsharded`, and until then its new stacks fail loudly on creating
 * what exists, never destroy it.
 */
export const GUARD_UNSHARDED = 'guard-unsharded';

/** What synth says when it writes the first stacks.lock.json. */
export const FIRST_LOCK_NOTE = 'wrote stacks.lock.json (commit it): with no lock before it, organization and guardrails keep removed blocks (destroy = false) for the accounts and attachments in shard stacks, so nothing is destroyed; if an lzkit without stack shards deployed this organization, run `lzkit synth --from-unsharded` before deploying (docs/stacks.md)';

/** The lock an lzkit without shards would have written: accounts and delegations in organization, attachments in guardrails. */
export function unshardedLock(movables: readonly Movable[]): StackLock {
  return { version: 1, stacks: Object.fromEntries(movables.map((m) => [m.address, m.unshardedStack])), formerly: {} };
}

/**
 * The moves from `previous` to where the movables are now, and the lock to write: a resource's
 * former stacks are the one the previous lock had it in (when different) and those not yet
 * settled. `settle` drops the former stacks (after every stack was deployed).
 */
export function planMoves(movables: readonly Movable[], previous: StackLock | undefined, settle = false, guardUnsharded = false): { moves: StackMove[]; guards: StackMove[]; lock: StackLock } {
  const stacks: Record<string, string> = {};
  const formerly: Record<string, string[]> = {};
  const guarded: Record<string, string[]> = {};
  const moves: StackMove[] = [];
  const guards: StackMove[] = [];
  for (const m of movables) {
    const to = m.stack.node.id;
    stacks[m.address] = to;
    if (settle) continue;
    const before = previous?.stacks[m.address];
    const from = [...new Set([...(previous?.formerly[m.address] ?? []), ...(before ? [before] : [])])].filter((s) => s !== to).sort();
    if (from.length) {
      formerly[m.address] = from;
      moves.push({ address: m.address, to, from });
    }
    const guard = [...new Set([...(previous?.guarded?.[m.address] ?? []), ...(guardUnsharded ? [m.unshardedStack] : [])])].filter((s) => s !== to && !from.includes(s));
    if (guard.length) {
      guarded[m.address] = guard;
      guards.push({ address: m.address, to, from: guard });
    }
  }
  return { moves, guards, lock: { version: 1, stacks, formerly, guarded } };
}

/**
 * Writes the moves into the app: `removed` (destroy = false) in each stack a resource left (a
 * stack left empty is still built, with `newStack`, to carry them) and an import block in its new
 * stack. A resource that cannot be imported is an error naming its declaration line.
 */
export function applyMoves(app: App, movables: readonly Movable[], moves: readonly StackMove[], newStack: (name: string) => TerraformStack, guards: readonly StackMove[] = []): void {
  const byAddress = new Map(movables.map((m) => [m.address, m]));
  const problems: { source: SourceLocation; message: string }[] = [];
  const removed = new Map<string, string[]>();
  for (const guard of guards) for (const from of guard.from) removed.set(from, [...(removed.get(from) ?? []), guard.address]);
  for (const move of moves) {
    const m = byAddress.get(move.address)!;
    for (const from of move.from) removed.set(from, [...(removed.get(from) ?? []), move.address]);
    if (m.imported) continue;
    if (m.importId !== undefined) m.resource.importFrom(m.importId, m.provider);
    else if (m.noImportId) problems.push({ source: m.noImportId.source, message: `${move.address} moves from stack ${move.from.join(', ')} to ${move.to}, ${m.noImportId.reason}` });
  }
  if (problems.length) throw new MoveError(problems);
  for (const [name, addresses] of removed) {
    const found = app.node.tryFindChild(name) as TerraformStack | undefined;
    const stack = found ?? newStack(name);
    stack.addOverride('removed', [...new Set(addresses)].sort().map((from) => ({ from, lifecycle: { destroy: false } })));
  }
}
