import type { ResourceActions } from '../actions/table';

export type Operation = 'create' | 'update' | 'destroy';

/** Verbs that undo or tear down: pike lists some under apply (cleanup of a failed create). */
const DESTRUCTIVE = /^(Delete|Close|Detach|Disassociate|Remove|Disable|Deregister|Revoke|Untag|Cancel|Terminate|Release|Reject|Deactivate|Leave|Stop)/;

/**
 * The actions of each Terraform operation: create is plan + apply (with the actions of every
 * argument it sets; tags always, since the providers set default tags), update is modify,
 * destroy is destroy plus the tear-down verbs pike files under apply.
 */
export function actionsByOperation(entry: ResourceActions, setArguments: ReadonlySet<string>): Record<Operation, string[]> {
  const name = (a: string) => a.split(':')[1] ?? a;
  const attributes = Object.entries(entry.attributes).filter(([k]) => k === 'tags' || setArguments.has(k)).flatMap(([, v]) => v);
  const create = new Set<string>();
  const update = new Set<string>();
  const destroy = new Set<string>(entry.destroy);
  for (const a of [...entry.plan, ...entry.apply, ...attributes]) (DESTRUCTIVE.test(name(a)) ? destroy : create).add(a);
  for (const a of [...entry.modify, ...attributes]) if (!DESTRUCTIVE.test(name(a))) update.add(a);
  return { create: [...create].sort(), update: [...update].filter((a) => !create.has(a)).sort(), destroy: [...destroy].sort() };
}

/** CloudFormation properties that call for the same extra actions as a Terraform argument. */
export const TEMPLATE_PROPERTY_ARGUMENT: Readonly<Record<string, string>> = {
  Policies: 'inline_policy', Tags: 'tags', Description: 'description', ManagedPolicyArns: 'managed_policy_arns', PermissionsBoundary: 'permissions_boundary',
};
