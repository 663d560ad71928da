import { landingZoneStack } from './backend';
import { accountIdOf } from './constructs/account-refs';
import { CustomerManagedKey } from './constructs/customer-managed-key';
import { HardenedBucket } from './constructs/hardened-bucket';
import { OrgTrail } from './constructs/org-trail';
import { traceToDeclaration } from './constructs/provenance';
import type { StackContext } from './context';
import { defaultProvider, providerFor } from './providers';
import { inStacks, keyRef } from './resolve';

export const LOGGING_STACK = 'logging';

/**
 * The logging stack: in the log archive account the archive key and the log bucket (with its
 * access-log bucket); in the management account the organization trail and its CloudWatch Logs
 * copy. Publishes the bucket for the network stack's flow logs.
 */
export function loggingStack(ctx: StackContext): void {
  const { lz } = ctx;
  const desired = ctx.desired.logging;
  if (!desired) return;
  const archive = lz.accounts.get(desired.archiveAccount);
  if (!archive) throw new Error(`lzkit: log archive account '${desired.archiveAccount}' is not in the model (validation should have caught this)`);

  const stack = landingZoneStack(ctx.app, lz, LOGGING_STACK);
  const management = defaultProvider(stack, lz);
  const archiveProvider = providerFor(stack, lz, archive, (a) => accountIdOf(ctx, a.name));

  const key = new CustomerManagedKey(stack, 'LogArchiveKey', { provider: archiveProvider, key: inStacks(ctx, desired.key) });
  traceToDeclaration(key, desired.key.source!);
  ctx.keys.set(keyRef(desired.key.account, desired.key.name), key.arn);

  const accessLogs = new HardenedBucket(stack, 'AccessLogs', { provider: archiveProvider, bucket: inStacks(ctx, desired.accessLogBucket) });
  const logs = new HardenedBucket(stack, 'Logs', { provider: archiveProvider, bucket: inStacks(ctx, desired.logBucket), accessLogTarget: accessLogs });
  traceToDeclaration(accessLogs, desired.logBucket.source!);
  traceToDeclaration(logs, desired.logBucket.source!);

  const trail = new OrgTrail(stack, 'OrganizationTrail', {
    provider: management, trail: { ...inStacks(ctx, desired.trail), bucket: logs.bucket }, dependsOn: [logs.policy, key.resource],
  });
  traceToDeclaration(trail, desired.trail.source);

  ctx.refs.logging = { bucketName: logs.bucket, bucketArn: logs.arn, flowLogPrefix: lz.logging!.flowLogs.prefix };
}
