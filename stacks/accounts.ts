import { desiredShards } from '../desired/shards';
import { landingZoneStack } from './backend';
import { TerraformOutput, TerraformStack } from './cdktf';
import { MemberAccount } from './constructs/member-account';
import { logicalId } from './constructs/logical-id';
import type { StackContext } from './context';
import { ORGANIZATION_STACK } from './organization';
import { defaultProvider } from './providers';

/**
 * The account shard stacks (management account): one aws_organizations_account per member account,
 * in the `accounts-<top-level OU>[_n]` stack the shard rule gives it (model/shards.ts), so a change
 * to one account plans only its shard. Each shard publishes its accounts' ids (`account_ids`, and
 * the cross-stack references cdktf wires); the OU ids come from the organization stack.
 */
export function accountStacks(ctx: StackContext): void {
  const { lz } = ctx;
  const refs = ctx.refs.organization;
  if (!refs) throw new Error('lzkit: the organization stack must be built before the account stacks (stacks/app.ts order)');
  const organizationStack = ctx.app.node.tryFindChild(ORGANIZATION_STACK) as TerraformStack;
  for (const [name, accounts] of desiredShards(lz, ctx.desired).accounts) {
    const stack = landingZoneStack(ctx.app, lz, name);
    defaultProvider(stack, lz);
    // Deploy order even when every parent OU is adopted (a literal id, no reference).
    stack.addDependency(organizationStack);
    const ids: Record<string, string> = {};
    for (const account of accounts) {
      const member = new MemberAccount(stack, logicalId('account', [account.name]), { account, parentId: refs.ouId(account.ou) });
      ctx.accountIds.set(account.name, member.accountId);
      ids[account.name] = member.accountId;
      ctx.movables.push({
        address: `aws_organizations_account.${logicalId('account', [account.name])}`, stack, resource: member.resource,
        imported: account.adoptedId !== undefined, unshardedStack: ORGANIZATION_STACK,
        noImportId: { reason: 'but lzkit created it and accounts.yaml does not give its id, which the import block needs: add its 12-digit id (id: "...") to the account', source: account.source },
      });
    }
    new TerraformOutput(stack, 'account_ids', { value: ids });
  }
}
