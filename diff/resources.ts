import { forcesReplacement } from './replacement';
import type { ResourceChange, TerraformBlock, TerraformJson } from './types';

/**
 * Per stack, what Terraform would do to each resource when the head side's synthesized Terraform
 * replaces the base side's: compared by address (`TYPE.NAME`), as Terraform plans.
 * https://developer.hashicorp.com/terraform/language/resources/behavior#resource-behavior
 */

/** Keys of a resource block that are meta-arguments or cdktf bookkeeping, not arguments sent to the provider. */
const NOT_ARGUMENTS = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

interface Located {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly block: TerraformBlock;
}

/** Every resource of every stack, by `stack|TYPE.NAME`. */
function resourcesOf(stacks: ReadonlyMap<string, TerraformJson>): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const [stack, json] of stacks) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, block] of Object.entries(byName)) out.set(`${stack}|${type}.${name}`, { stack, type, name, block });
    }
  }
  return out;
}

/** The resources of `stacks` of one type that satisfy `match` (e.g. the account named X). */
export function findResources(stacks: ReadonlyMap<string, TerraformJson> | undefined, type: string, match: (block: TerraformBlock) => boolean): { stack: string; address: string; block: TerraformBlock }[] {
  const out: { stack: string; address: string; block: TerraformBlock }[] = [];
  for (const [stack, json] of stacks ?? []) {
    for (const [name, block] of Object.entries(json.resource?.[type] ?? {})) if (match(block)) out.push({ stack, address: `${type}.${name}`, block });
  }
  return out;
}

const lifecycle = (b: TerraformBlock) => (b.lifecycle ?? {}) as { prevent_destroy?: boolean; ignore_changes?: string[] | string };

/** Whether Terraform refuses to destroy the resource while its block says so. */
export function isProtected(b: TerraformBlock): boolean {
  return lifecycle(b).prevent_destroy === true;
}

/** Argument names whose value differs, ignoring what `lifecycle.ignore_changes` of the head side names. */
function changedArguments(before: TerraformBlock, after: TerraformBlock): string[] {
  const ignore = lifecycle(after).ignore_changes;
  if (ignore === 'all') return [];
  const ignored = new Set(Array.isArray(ignore) ? ignore : []);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !NOT_ARGUMENTS.has(k) && !ignored.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Whether `value` holds a reference to one of `addresses` (`${aws_x.name.id}`). */
function refersTo(value: unknown, addresses: ReadonlySet<string>): boolean {
  const text = JSON.stringify(value ?? null);
  for (const m of text.matchAll(/\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./g)) if (addresses.has(m[1])) return true;
  return false;
}

/**
 * Resource changes between two synthesized apps. An address only on the base side is destroyed;
 * only on the head side it is created, or imported when an import block adopts it; on both,
 * changed arguments are an update, or a replacement when one of them forces a new resource
 * (diff/replacement.ts) - also when such an argument refers to a resource being replaced in the
 * same stack, whose id is unknown until then. Replacing or destroying a resource the base side
 * protects with prevent_destroy is flagged `protected`. An address that leaves one stack for
 * another (the shard rule, an account in another top-level OU) is one `move`, not a destroy and a
 * create: lzkit synth writes a `removed` block in the old stack and an import block in the new one
 * (stacks/moves.ts). An account can only be imported by its id: moving one the head side does not
 * adopt by id is flagged `protected` (synth refuses it).
 */
export function diffResources(base: ReadonlyMap<string, TerraformJson>, head: ReadonlyMap<string, TerraformJson>): ResourceChange[] {
  const b = resourcesOf(base);
  const h = resourcesOf(head);
  const imported = new Set<string>();
  for (const [stack, json] of head) for (const i of json.import ?? []) imported.add(`${stack}|${i.to}`);

  const out = new Map<string, ResourceChange>();
  const pending: { key: string; after: Located }[] = [];
  for (const [key, after] of h) {
    const before = b.get(key);
    const address = `${after.type}.${after.name}`;
    if (!before) {
      out.set(key, { stack: after.stack, address, action: imported.has(key) ? 'import' : 'create' });
      continue;
    }
    pending.push({ key, after });
    const changed = changedArguments(before.block, after.block);
    if (!changed.length) continue;
    const forcedBy = changed.filter((arg) => forcesReplacement(after.type, arg));
    out.set(key, forcedBy.length
      ? { stack: after.stack, address, action: 'replace', forcedBy, ...(isProtected(after.block) ? { protected: true } : {}) }
      : { stack: after.stack, address, action: 'update' });
  }
  // Replacement travels along references: a forcing argument that names a replaced resource's id.
  for (let grew = true; grew;) {
    grew = false;
    const replaced = new Map<string, Set<string>>();
    for (const c of out.values()) if (c.action === 'replace') replaced.set(c.stack, (replaced.get(c.stack) ?? new Set()).add(c.address));
    if (!replaced.size) break;
    for (const p of pending) {
      const inStack = replaced.get(p.after.stack);
      if (!inStack || out.get(p.key)?.action === 'replace') continue;
      const forcing = Object.keys(p.after.block).filter((arg) => !NOT_ARGUMENTS.has(arg) && forcesReplacement(p.after.type, arg) && refersTo(p.after.block[arg], inStack));
      if (forcing.length) {
        out.set(p.key, { stack: p.after.stack, address: `${p.after.type}.${p.after.name}`, action: 'replace', forcedBy: forcing, ...(isProtected(p.after.block) ? { protected: true } : {}) });
        grew = true;
      }
    }
  }
  for (const [key, before] of b) {
    if (h.has(key)) continue;
    out.set(key, { stack: before.stack, address: `${before.type}.${before.name}`, action: 'destroy', ...(isProtected(before.block) ? { protected: true } : {}) });
  }
  return [...movesOf(out, imported).values()].sort((x, y) => x.stack.localeCompare(y.stack) || x.address.localeCompare(y.address));
}

/**
 * Pairs a destroy in one stack with a create or import of the same address in another into a
 * move. Addresses that more than one stack holds on a side (per-spoke stacks reuse names) are
 * not paired: which one went where cannot be told.
 */
function movesOf(changes: Map<string, ResourceChange>, imported: ReadonlySet<string>): Map<string, ResourceChange> {
  const byAddress = new Map<string, ResourceChange[]>();
  for (const c of changes.values()) if (c.action === 'destroy' || c.action === 'create' || c.action === 'import') byAddress.set(c.address, [...(byAddress.get(c.address) ?? []), c]);
  for (const [address, cs] of byAddress) {
    const gone = cs.filter((c) => c.action === 'destroy');
    const added = cs.filter((c) => c.action !== 'destroy');
    if (gone.length !== 1 || added.length !== 1) continue;
    const [from, to] = [gone[0], added[0]];
    changes.delete(`${from.stack}|${address}`);
    const unimportable = address.startsWith('aws_organizations_account.') && !imported.has(`${to.stack}|${address}`);
    changes.set(`${to.stack}|${address}`, { stack: to.stack, address, action: 'move', from: from.stack, ...(unimportable ? { protected: true } : {}) });
  }
  return changes;
}
