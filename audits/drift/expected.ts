import type { LandingZone } from '../../model/landing-zone';
import { attachmentPoints } from '../../model/targets';
import { routePlan, spokeAttachment, type AttachmentKey, type SegmentRouteTable } from '../../model/network';
import { awsManagedPolicyArn } from '../../model/identity';
import type { PolicyStatement } from '../../model/types';

/**
 * What the logging, network and identity stacks deploy, derived from the declaration alone (with
 * the live ids it needs): the drift checks compare against it and the sandbox seeds from it, so
 * "deployed perfectly" means the same thing on both sides. Mirrors stacks/logging.ts,
 * stacks/constructs/{hardened-bucket,log-archive-bucket,log-archive-key,transit-gateway-hub}.ts.
 */

export interface LiveIds {
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** Declared account name -> live id (undefined when the account is not in the organization). */
  readonly accountId: (name: string) => string | undefined;
  /** Declared OU path -> live id. */
  readonly ouId: (path: string) => string | undefined;
}

const root = (id: string): string => `arn:aws:iam::${id}:root`;

export function trailArn(lz: LandingZone, ids: LiveIds): string {
  return `arn:aws:cloudtrail:${lz.organization.homeRegion}:${ids.managementAccountId}:trail/${lz.logging!.trail.name}`;
}

export function logBucketName(lz: LandingZone, archiveId: string): string {
  return `${lz.logging!.bucket.namePrefix}-${archiveId}`;
}

export function accessLogBucketName(lz: LandingZone, archiveId: string): string {
  return `${lz.logging!.bucket.namePrefix}-access-${archiveId}`;
}

/** The log bucket's policy document (HardenedBucket's TLS deny + LogArchiveBucket's statements). */
export function logBucketPolicy(lz: LandingZone, ids: LiveIds, archiveId: string, keyArn: string): { Version: string; Statement: PolicyStatement[] } {
  const arn = `arn:aws:s3:::${logBucketName(lz, archiveId)}`;
  const trail = trailArn(lz, ids);
  const fromTrail = { StringEquals: { 'aws:SourceArn': trail } };
  const flowLogs = `${arn}/${lz.logging!.flowLogs.prefix}/AWSLogs/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'DenyNonKmsEncryption', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
        Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
      { Sid: 'DenyOtherKmsKey', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${arn}/*`,
        Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn } } },
      { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: fromTrail },
      { Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject',
        Resource: [`${arn}/AWSLogs/${ids.organizationId}/*`, `${arn}/AWSLogs/${ids.managementAccountId}/*`],
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trail } } },
      { Sid: 'FlowLogsAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: arn,
        Condition: { StringEquals: { 'aws:SourceOrgID': ids.organizationId } } },
      { Sid: 'FlowLogsWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: flowLogs,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': ids.organizationId } } },
    ] as PolicyStatement[],
  };
}

/** The archive key's policy (LogArchiveKey: owner administers, plus stacks/logging.ts's grants). */
export function archiveKeyPolicy(lz: LandingZone, ids: LiveIds, archiveId: string): { Version: string; Statement: PolicyStatement[] } {
  const decl = lz.logging!;
  const trail = trailArn(lz, ids);
  const cloudtrail = { Service: 'cloudtrail.amazonaws.com' };
  const statements: PolicyStatement[] = [
    { Sid: 'OwnerAccountAdministers', Effect: 'Allow', Principal: { AWS: root(archiveId) }, Action: 'kms:*', Resource: '*' },
    { Sid: 'CloudTrailEncryptThisTrail', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:GenerateDataKey*', Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': trail, 'aws:SourceAccount': ids.managementAccountId },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ids.managementAccountId}:trail/${decl.trail.name}` },
      } },
    { Sid: 'CloudTrailDescribeKey', Effect: 'Allow', Principal: cloudtrail, Action: 'kms:DescribeKey', Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trail, 'aws:SourceAccount': ids.managementAccountId } } },
    { Sid: 'FlowLogDeliveryEncrypt', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
      Condition: { StringEquals: { 'aws:SourceOrgID': ids.organizationId } } },
  ];
  const readers = decl.kms.readers.map((r) => (r.kind === 'role' ? r.arn : root(ids.accountId(r.account) ?? r.account)));
  if (readers.length) statements.push({ Sid: 'DeclaredReadersDecrypt', Effect: 'Allow', Principal: { AWS: readers }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** The lifecycle rule HardenedBucket deploys, in the collector's shape. */
export function expectedLifecycle(lz: LandingZone) {
  const lc = lz.logging!.bucket.lifecycle;
  return {
    transitions: [
      ...(lc.transitionToInfrequentAccessDays ? [{ days: lc.transitionToInfrequentAccessDays, storageClass: 'STANDARD_IA' }] : []),
      ...(lc.transitionToGlacierDays ? [{ days: lc.transitionToGlacierDays, storageClass: 'GLACIER' }] : []),
    ],
    expirationDays: lc.expirationDays,
  };
}

// ---- network ----

export interface NetworkExpectation {
  readonly plan: readonly SegmentRouteTable[];
  /** Attachment key -> segment it associates with. */
  readonly attachments: ReadonlyMap<AttachmentKey, string>;
  /** RAM principals the TGW share must reach (organization/OU ARNs, account ids). */
  readonly sharePrincipals: readonly string[];
}

export function networkExpectation(lz: LandingZone, ids: LiveIds): NetworkExpectation {
  const net = lz.network!;
  const attachments = new Map<AttachmentKey, string>(net.spokes.map((s) => [spokeAttachment(s.account), s.segment]));
  if (net.egress) attachments.set('egress', net.egress.segment);
  const sharePrincipals: string[] = [];
  if (net.transitGateway.shareWith) {
    const points = attachmentPoints(lz, net.transitGateway.shareWith);
    for (const p of points.ous) {
      sharePrincipals.push(p === 'Root'
        ? `arn:aws:organizations::${ids.managementAccountId}:organization/${ids.organizationId}`
        : `arn:aws:organizations::${ids.managementAccountId}:ou/${ids.organizationId}/${ids.ouId(p) ?? p}`);
    }
    for (const name of points.accounts) sharePrincipals.push(ids.accountId(name) ?? name);
  }
  return { plan: routePlan(net), attachments, sharePrincipals: sharePrincipals.sort() };
}

// ---- identity ----

export interface ExpectedPermissionSet {
  readonly name: string;
  readonly description?: string;
  readonly sessionDuration: string;
  readonly relayState?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly { readonly name: string; readonly path: string }[];
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn?: string; readonly customerManagedPolicy?: { readonly name: string; readonly path: string } };
}

export function expectedPermissionSets(lz: LandingZone): ExpectedPermissionSet[] {
  return [...lz.identity!.permissionSets.values()].map((ps) => {
    const b = ps.permissionsBoundary;
    return {
      name: ps.name, description: ps.description, sessionDuration: ps.sessionDuration, relayState: ps.relayState,
      managedPolicies: ps.awsManagedPolicies.map(awsManagedPolicyArn).sort(),
      customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })).sort((x, y) => `${x.path}${x.name}`.localeCompare(`${y.path}${y.name}`)),
      inlinePolicy: ps.inlinePolicy?.content,
      permissionsBoundary: b ? (b.kind === 'aws-managed' ? { managedPolicyArn: b.arn } : { customerManagedPolicy: { name: b.policy.name, path: b.policy.path } }) : undefined,
    };
  });
}
