import { AwsProvider } from './aws';
import type { Construct } from 'constructs';
import type { Account, LandingZone } from '../model';

/**
 * The one factory for AWS providers. The management account gets the stack's default provider
 * (lzkit deploys from it); every other account an aliased provider that assumes the declared
 * deployment role. One provider per (stack, account, region).
 *
 * `accountId` resolves an account to its id: a literal for adopted accounts, a cross-stack
 * reference token for accounts the organization stack creates.
 */
export function providerFor(
  scope: Construct,
  lz: LandingZone,
  account: Account,
  accountId: (a: Account) => string,
  region: string = lz.organization.homeRegion,
): AwsProvider {
  const stack = rootStack(scope);
  const alias = account.isManagement && region === lz.organization.homeRegion ? undefined : `${account.name}-${region}`;
  const id = `aws-${alias ?? 'default'}`;
  const existing = stack.node.tryFindChild(id);
  if (existing) return existing as AwsProvider;
  return new AwsProvider(stack, id, {
    alias,
    region,
    allowedAccountIds: account.id ? [account.id] : undefined,
    assumeRole: account.isManagement
      ? undefined
      : [{ roleArn: `arn:aws:iam::${accountId(account)}:role/${lz.organization.roles.deployment}`, sessionName: 'lzkit' }],
    defaultTags: [{ tags: { 'managed-by': 'lzkit' } }],
  });
}

/** Ensures the stack has its default (management account, home region) provider. */
export function defaultProvider(scope: Construct, lz: LandingZone): AwsProvider {
  const mgmt = lz.accounts.get(lz.organization.managementAccount);
  if (!mgmt) throw new Error('lzkit: the model has no management account (validation should have caught this)');
  return providerFor(scope, lz, mgmt, (a) => a.id ?? '');
}

function rootStack(scope: Construct): Construct {
  // The stack is the child of the App: walk up to the construct whose parent has no parent.
  let c: Construct = scope;
  while (c.node.scope && c.node.scope.node.scope) c = c.node.scope;
  return c;
}
