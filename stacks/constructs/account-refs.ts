import { lateBoundAccountId, lateBoundOrganizationId } from '../../model';
import type { StackContext } from '../context';

/**
 * An account's id as a stack may use it: its account shard's reference when one was published
 * (created accounts), else the declared literal id (adopted accounts), else a late-bound
 * marker that the deployment replaces. Preferring refs keeps one source of truth once the
 * organization and account stacks are built.
 */
export function accountIdOf(ctx: StackContext, name: string): string {
  const fromRefs = ctx.refs.organization?.accountId(name);
  if (fromRefs) return fromRefs;
  return ctx.lz.accounts.get(name)?.id ?? lateBoundAccountId(name);
}

/** The organization id, by the same preference: refs, declared id, late-bound marker. */
export function organizationIdOf(ctx: StackContext): string {
  return ctx.refs.organization?.organizationId ?? ctx.lz.organization.id ?? lateBoundOrganizationId();
}
