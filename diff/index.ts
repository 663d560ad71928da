import { matrixRegions } from '../model/simulate';
import { diffAccess } from './access';
import { actionsOfChangedStatements } from './actions';
import { diffDecisions } from './decisions';
import { diffNetwork } from './network';
import { diffOrganization } from './organization';
import { diffResources } from './resources';
import type { SourceLocation } from '../model/types';
import { sideLocation, type DiffReport, type DiffSide, type ResourceAction, type ResourceChange } from './types';

export type * from './types';
export { sideLocation } from './types';

/**
 * What changing the declaration from `base` to `head` does to the organization, section by
 * section: guardrail decisions, the organization, access, network, and the synthesized resources.
 * Pure: two loaded sides in, a report out.
 */
export function diffDeclarations(base: DiffSide, head: DiffSide): DiffReport {
  const actions = [...new Set([
    ...base.matrixActions, ...head.matrixActions, ...base.criticalActions, ...head.criticalActions,
    ...actionsOfChangedStatements(base.lz.guardrails.policies, head.lz.guardrails.policies),
  ])];
  const regions = [...new Set([...matrixRegions(base.lz), ...matrixRegions(head.lz)])];
  const decisions = diffDecisions(base, head, actions, regions);
  const organization = diffOrganization(base, head);
  const access = diffAccess(base, head);
  const network = diffNetwork(base, head);
  const resources = base.stacks && head.stacks ? diffResources(base.stacks, head.stacks).map((r) => (r.protected ? { ...r, location: protectedLocation(base, head, r) } : r)) : [];

  const isDenied = (d: string) => d !== 'Allowed';
  const widened = decisions.changes.filter((c) => isDenied(c.before) && c.after === 'Allowed').length;
  const narrowed = decisions.changes.filter((c) => c.before === 'Allowed' && isDenied(c.after)).length;
  const counts: Record<ResourceAction, number> = { create: 0, import: 0, update: 0, replace: 0, destroy: 0, move: 0 };
  for (const r of resources) counts[r.action]++;
  const errors = resources.filter((r) => r.protected).map((r) => (r.action === 'replace'
    ? `${r.stack}: ${r.address} has prevent_destroy and ${r.forcedBy?.join(', ')} force${r.forcedBy?.length === 1 ? 's' : ''} its replacement: Terraform refuses the plan`
    : r.action === 'move'
      ? `${r.stack}: ${r.address} moves from stack ${r.from}, but an account is imported into its new stack by its id and the declaration gives none: lzkit synth refuses the move until accounts.yaml gives the account's id`
      : `${r.stack}: ${r.address} is protected (prevent_destroy) but its resource block is gone, so Terraform destroys it without asking`));
  const changed = decisions.changes.length + organization.length + access.length + network.length + resources.length > 0;
  return {
    schemaVersion: 1,
    base: base.origin,
    head: head.origin,
    summary: {
      changed, widened: widened > 0,
      decisionsChanged: decisions.changes.length, decisionsWidened: widened, decisionsNarrowed: narrowed,
      organization: organization.length, access: access.length, network: network.length,
      resources: counts, errors,
      evaluated: { actions: actions.length, regions: regions.length, chains: decisions.chains, evaluations: decisions.evaluations },
    },
    decisions: decisions.changes,
    organization, access, network, resources,
  };
}

/**
 * Where a protected resource is declared: an account's line (head side, or base side when the
 * account is gone), found by the name the synthesized account carries; else the organization.
 */
function protectedLocation(base: DiffSide, head: DiffSide, r: ResourceChange): SourceLocation {
  const side = r.action === 'destroy' ? base : head;
  // A moved resource is found under its new stack on the head side.
  if (r.address.startsWith('aws_organizations_account.')) {
    const block = side.stacks?.get(r.stack)?.resource?.aws_organizations_account?.[r.address.slice('aws_organizations_account.'.length)];
    const name = typeof block?.name === 'string' ? block.name : undefined;
    const account = name ? head.lz.accounts.get(name) ?? base.lz.accounts.get(name) : undefined;
    if (account) return sideLocation(head.lz.accounts.has(account.name) ? head : base, account.source);
  }
  return sideLocation(head, head.lz.organization.source);
}
