import { resolveLateBound, resolveLateBoundDeep, type LateBound } from '../model/late-bound';
import type { StackContext } from './context';

/**
 * How the stacks resolve the desired state's late-bound values: ids of the organization, OUs
 * and accounts become the organization stack's references (literals where adopted); a KMS key's
 * ARN becomes the reference of the key resource built earlier in the same app.
 */
export function lateBoundInStacks(ctx: StackContext): (v: LateBound) => string {
  return (v) => {
    switch (v.kind) {
      case 'organization-id': return organizationRefs(ctx).organizationId;
      case 'account-id': return organizationRefs(ctx).accountId(v.account);
      case 'ou-id': return organizationRefs(ctx).ouId(v.path);
      case 'kms-key-arn': {
        const arn = ctx.keys.get(keyRef(v.account, v.key));
        if (!arn) throw new Error(`lzkit: the key ${v.key} of ${v.account} is used before its stack built it (stacks/app.ts order)`);
        return arn;
      }
    }
  };
}

/** The registry key of a KMS key built by a stack (account name, the key's name stem). */
export function keyRef(account: string, key: string): string {
  return `${account}/${key}`;
}

/** A desired-state value with every late-bound marker replaced by its Terraform reference. */
export function inStacks<T>(ctx: StackContext, value: T): T {
  return resolveLateBoundDeep(value, lateBoundInStacks(ctx));
}

/** One string, resolved. */
export function stringInStacks(ctx: StackContext, text: string): string {
  return resolveLateBound(text, lateBoundInStacks(ctx));
}

function organizationRefs(ctx: StackContext) {
  if (!ctx.refs.organization) throw new Error('lzkit: the organization stack must be built before the stacks that use its ids (stacks/app.ts order)');
  return ctx.refs.organization;
}
