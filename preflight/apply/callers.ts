import type { Account, LandingZone } from '../../model';
import { simulatedAccountId } from '../../model/simulate';
import { providerOf, type StackView, type TerraformResourceJson } from '../synthesized';

/** Who calls AWS for a resource: the account it is created in and the principal that signs. */
export type Caller =
  | { readonly kind: 'management'; readonly region: string }
  | { readonly kind: 'member'; readonly account: Account; readonly principal: string; readonly region: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The caller of a resource's API calls, from its provider: the stack's default provider is the
 * management account (SCPs and RCPs never apply there); an aliased provider `<account>-<region>`
 * assumes a role in that account, and that role is the principal.
 */
export function callerOf(lz: LandingZone, stack: StackView, r: TerraformResourceJson): Caller {
  const p = providerOf(stack, r);
  const region = p?.region ?? lz.organization.homeRegion;
  if (!p) return { kind: 'unknown', reason: `names provider ${String(r.body.provider)}, which its stack does not declare` };
  if (!p.assumeRoleArn) return { kind: 'management', region };
  const account = [...lz.accounts.values()].find((a) => p.alias === `${a.name}-${region}`);
  if (!account) return { kind: 'unknown', reason: `provider ${p.ref} names no declared account` };
  if (account.isManagement) return { kind: 'management', region };
  const role = /:role\/(.+)$/.exec(p.assumeRoleArn)?.[1] ?? lz.organization.roles.deployment;
  return { kind: 'member', account, principal: `arn:aws:iam::${simulatedAccountId(account)}:role/${role}`, region };
}

/** AWS names the execution role of service-managed StackSets `stacksets-exec-<hash>` in each target account. */
export function stackSetExecutionRole(account: Account): string {
  return `arn:aws:iam::${simulatedAccountId(account)}:role/stacksets-exec-0preflight0`;
}
