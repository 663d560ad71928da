import type { LoggingDeclaration, PolicyStatement } from '../model';
import { landingZoneStack } from './backend';
import { accountIdOf, organizationIdOf } from './constructs/account-refs';
import { LogArchiveBucket } from './constructs/log-archive-bucket';
import { LogArchiveKey } from './constructs/log-archive-key';
import { OrgTrail } from './constructs/org-trail';
import { accountRoot } from './constructs/policy-document';
import { traceToDeclaration } from './constructs/provenance';
import type { StackContext } from './context';
import { defaultProvider, providerFor } from './providers';

export const LOGGING_STACK = 'logging';

/**
 * The logging stack: in the log archive account the archive key and the log bucket (with its
 * access-log bucket); in the management account the organization trail and its CloudWatch Logs
 * copy. Publishes the bucket and the flow log prefix for the network stack.
 */
export function loggingStack(ctx: StackContext): void {
  const { lz } = ctx;
  const decl = lz.logging;
  if (!decl) return;
  const archive = lz.accounts.get(decl.logArchiveAccount);
  if (!archive) throw new Error(`lzkit: log archive account '${decl.logArchiveAccount}' is not in the model (validation should have caught this)`);

  const stack = landingZoneStack(ctx.app, lz, LOGGING_STACK);
  const management = defaultProvider(stack, lz);
  const archiveProvider = providerFor(stack, lz, archive, (a) => accountIdOf(ctx, a.name));
  const region = lz.organization.homeRegion;
  const archiveId = accountIdOf(ctx, archive.name);
  const managementId = accountIdOf(ctx, lz.organization.managementAccount);
  const organizationId = organizationIdOf(ctx);
  const trailArn = `arn:aws:cloudtrail:${region}:${managementId}:trail/${decl.trail.name}`;

  const key = new LogArchiveKey(stack, 'LogArchiveKey', {
    provider: archiveProvider, ownerAccountId: archiveId, name: 'log_archive_key',
    grants: archiveKeyGrants(decl, { trailArn, managementId, organizationId, readerId: (n) => accountIdOf(ctx, n) }),
  });
  traceToDeclaration(key, decl.kms.source);

  const buckets = new LogArchiveBucket(stack, 'LogArchive', {
    provider: archiveProvider, namePrefix: decl.bucket.namePrefix, accountId: archiveId, kmsKeyArn: key.arn,
    organizationId, managementAccountId: managementId, trailArn, flowLogPrefix: decl.flowLogs.prefix,
    lifecycle: decl.bucket.lifecycle, objectLock: decl.bucket.objectLock,
  });
  traceToDeclaration(buckets, decl.bucket.source);

  const trail = new OrgTrail(stack, 'OrganizationTrail', {
    provider: management, name: decl.trail.name, managementAccountId: managementId, region,
    bucketName: buckets.logBucket.bucket, kmsKeyArn: key.arn, logFileValidation: decl.trail.logFileValidation,
    retentionDays: decl.trail.retentionDays, dataEvents: decl.trail.dataEvents, dependsOn: [buckets.logBucket.policy],
  });
  traceToDeclaration(trail, decl.trail.source);

  ctx.refs.logging = { bucketName: buckets.logBucket.bucket, bucketArn: buckets.logBucket.arn, flowLogPrefix: decl.flowLogs.prefix };
}

interface GrantContext {
  readonly trailArn: string;
  readonly managementId: string;
  readonly organizationId: string;
  readonly readerId: (account: string) => string;
}

/** Who may use the archive key besides its owner: this trail, flow log delivery, the declared readers. */
function archiveKeyGrants(decl: LoggingDeclaration, g: GrantContext): PolicyStatement[] {
  const cloudtrail = { Service: 'cloudtrail.amazonaws.com' };
  const statements: PolicyStatement[] = [
    { Sid: 'CloudTrailEncryptThisTrail', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:GenerateDataKey*', Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': g.trailArn, 'aws:SourceAccount': g.managementId },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${g.managementId}:trail/${decl.trail.name}` },
      } },
    { Sid: 'CloudTrailDescribeKey', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:DescribeKey', Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': g.trailArn, 'aws:SourceAccount': g.managementId } } },
    { Sid: 'FlowLogDeliveryEncrypt', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
      Condition: { StringEquals: { 'aws:SourceOrgID': g.organizationId } } },
  ];
  const readers = decl.kms.readers.map((r) => (r.kind === 'role' ? r.arn : accountRoot(g.readerId(r.account))));
  if (readers.length) {
    statements.push({ Sid: 'DeclaredReadersDecrypt', Effect: 'Allow', Principal: { AWS: readers }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' });
  }
  return statements;
}
