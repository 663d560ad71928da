import { createHash } from 'crypto';
import { Address4 } from 'ip-address';
import type { DesiredBucket, DesiredIdentity, DesiredKey, DesiredLogging, DesiredNetwork } from '../../desired';
import { plannedVpcCidrs, type AttachmentKey, type Cidr, type NetworkDeclaration, type SubnetPlan } from '../../model/network';
import type { LiveIds } from '../drift/desired';
import type { LiveBucket, LiveIdentity, LiveKey, LiveLogging, LiveNetwork, LiveSubnet, LiveTgwAttachment, LiveVpc } from '../snapshot';

/*
 * The logging, network and identity areas as their stacks deploy them: each seed reads the desired
 * state (already resolved with the sandbox's ids) and only invents what AWS would (resource ids).
 */

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

/** A bucket as S3 would answer for it after the stack created it. */
export function liveBucket(b: DesiredBucket): LiveBucket {
  const e = b.encryption;
  return {
    name: b.bucket,
    policy: JSON.stringify(b.policy),
    encryption: e.algorithm === 'aws:kms' ? { algorithm: e.algorithm, kmsKeyId: e.kmsKeyArn, bucketKeyEnabled: e.bucketKeyEnabled } : { algorithm: e.algorithm },
    versioning: b.versioning,
    publicAccessBlock: { ...b.publicAccessBlock },
    logging: b.accessLogging ? { ...b.accessLogging } : null,
    lifecycle: b.lifecycle.map((r) => ({
      id: r.id, status: r.status, transitions: r.transitions.map((t) => ({ ...t })),
      ...(r.expirationDays ? { expirationDays: r.expirationDays } : {}),
      ...(r.noncurrentExpirationDays ? { noncurrentExpirationDays: r.noncurrentExpirationDays } : {}),
    })),
  };
}

export function liveKey(k: DesiredKey, arn: string): LiveKey {
  return { keyId: arn.slice(arn.lastIndexOf('/') + 1), arn, alias: k.alias, keyState: 'Enabled', rotationEnabled: k.rotation, policy: JSON.stringify(k.policy) };
}

/** The log archive as the logging stack deploys it: trail logging, hardened bucket, rotating key. */
export function seedLogging(d: DesiredLogging, ids: LiveIds, managementAccountId: string): LiveLogging | undefined {
  const archiveId = ids.accountId(d.archiveAccount);
  if (!archiveId) return undefined;
  const t = d.trail;
  return {
    managementAccountId, archiveAccountId: archiveId,
    trails: [{
      name: t.name, arn: t.arn, homeRegion: t.region, s3BucketName: t.bucket, kmsKeyId: t.kmsKeyArn,
      isOrganizationTrail: t.isOrganizationTrail, isMultiRegionTrail: t.isMultiRegionTrail, includeGlobalServiceEvents: t.includeGlobalServiceEvents,
      logFileValidationEnabled: t.logFileValidation, isLogging: t.logging,
    }],
    bucket: liveBucket(d.logBucket),
    key: liveKey(d.key, ids.keyArn(d.key.account, d.key.name)!),
  };
}

/**
 * The hub as the network stacks deploy it: its settings, exactly the route plan, shared as
 * declared. VPCs IPAM allocates for get the blocks the model plans (`net`: the declaration).
 */
export function seedNetwork(d: DesiredNetwork, ids: LiveIds, net: NetworkDeclaration): LiveNetwork | undefined {
  const hub = ids.accountId(d.hub.account);
  if (!hub) return undefined;
  const region = d.hub.region;
  const tgwId = `tgw-${hex(`${hub}/tgw`, 17)}`;
  const tableId = (segment: string): string => `tgw-rtb-${hex(`${tgwId}/${segment}`, 17)}`;
  const attachments: LiveTgwAttachment[] = [];
  const vpcs: LiveVpc[] = [];
  const attachmentIds = new Map<string, string>();
  const cidrs = plannedVpcCidrs(net);
  const vpcOf = new Map<AttachmentKey, { tags: Readonly<Record<string, string>>; attachmentTags: Readonly<Record<string, string>>; subnets: readonly (SubnetPlan & { tags: Readonly<Record<string, string>> })[] }>(
    [...d.spokes.map((s) => [s.key, s] as const), ...(d.egress ? [['egress', d.egress] as const] : [])],
  );
  for (const [key, segment] of d.attachments) {
    const owner = key === 'egress' ? hub : ids.accountId(key.slice('spoke:'.length));
    const vpc = vpcOf.get(key);
    if (!owner || !vpc) continue;
    const id = `tgw-attach-${hex(`${tgwId}/${key}`, 17)}`;
    const vpcId = `vpc-${hex(`${owner}/${key}`, 17)}`;
    attachmentIds.set(key, id);
    attachments.push({
      id, transitGatewayId: tgwId, resourceType: 'vpc', resourceId: vpcId, resourceOwnerId: owner, state: 'available',
      associatedRouteTableId: tableId(segment), tags: { ...vpc.attachmentTags },
    });
    const cidr = cidrs.get(key);
    if (cidr) vpcs.push(seedVpc(vpcId, owner, cidr, vpc));
  }
  const tgwArn = `arn:aws:ec2:${region}:${hub}:transit-gateway/${tgwId}`;
  const h = d.hub;
  return {
    accountId: hub, region,
    transitGateways: [{
      id: tgwId, arn: tgwArn, ownerId: hub, state: 'available', description: h.description, amazonSideAsn: h.amazonSideAsn,
      autoAcceptSharedAttachments: h.autoAcceptSharedAttachments, defaultRouteTableAssociation: h.defaultRouteTableAssociation,
      defaultRouteTablePropagation: h.defaultRouteTablePropagation, tags: { ...h.tags },
    }],
    routeTables: d.routeTables.map((t) => ({
      id: tableId(t.segment), transitGatewayId: tgwId, state: 'available', tags: { ...t.tags },
      propagations: t.propagations.map((k) => attachmentIds.get(k)).filter((x): x is string => Boolean(x)).sort(),
    })),
    attachments,
    vpcs: vpcs.sort((a, b) => a.id.localeCompare(b.id)),
    shares: h.share ? [{
      arn: `arn:aws:ram:${region}:${hub}:resource-share/${hex(`${tgwId}/share`, 8)}-0000-4000-8000-${hex(`${tgwId}/s`, 12)}`, name: h.share.name,
      status: 'ACTIVE', allowExternalPrincipals: false, resources: [tgwArn], principals: [...h.share.principals].sort(),
    }] : [],
  };
}

/** Terraform's cidrsubnet: the `netnum`-th block of `newbits` more bits inside `vpc`. */
function cidrsubnet(vpc: Cidr, plan: SubnetPlan): string {
  const prefix = vpc.prefix + plan.newbits;
  return `${Address4.fromBigInt(vpc.first + (BigInt(plan.netnum) << BigInt(32 - prefix))).correctForm()}/${prefix}`;
}

/** A spoke (or the egress VPC) as its stack creates it: the subnet plan, the tags. */
function seedVpc(id: string, ownerId: string, cidr: Cidr, vpc: { tags: Readonly<Record<string, string>>; subnets: readonly (SubnetPlan & { tags: Readonly<Record<string, string>> })[] }): LiveVpc {
  const subnets = vpc.subnets.map((p): LiveSubnet => ({
    id: `subnet-${hex(`${id}/${p.tier}/${p.az}`, 17)}`, availabilityZone: p.az, cidr: p.cidr ?? cidrsubnet(cidr, p), tags: { ...p.tags },
  }));
  return { id, ownerId, cidr: cidr.text, state: 'available', tags: { ...vpc.tags }, subnets: subnets.sort((a, b) => a.id.localeCompare(b.id)) };
}

/** Identity Center as the identity stack deploys it: every permission set, group and assignment. */
export function seedIdentity(d: DesiredIdentity, ids: LiveIds): LiveIdentity | undefined {
  const admin = ids.accountId(d.administrator);
  if (!admin) return undefined;
  const instance = `ssoins-${hex(`${admin}/sso`, 16)}`;
  const psArn = (name: string): string => `arn:aws:sso:::permissionSet/${instance}/ps-${hex(name, 16)}`;
  const groups = d.groups.map((g) => ({ id: `g-${hex(g.name, 12)}`, name: g.name }));
  const users = d.users.map((u) => ({ id: `u-${hex(u, 12)}`, name: u }));
  const assignments = d.assignments.flatMap((a) => {
    const accountId = ids.accountId(a.account);
    const principal = (a.principal.type === 'GROUP' ? groups : users).find((p) => p.name === a.principal.name);
    return accountId && principal ? [{ accountId, permissionSetArn: psArn(a.permissionSet), principalType: a.principal.type, principalId: principal.id }] : [];
  }).sort((a, b) => `${a.accountId}${a.permissionSetArn}${a.principalId}`.localeCompare(`${b.accountId}${b.permissionSetArn}${b.principalId}`));
  return {
    accountId: admin, instanceArn: `arn:aws:sso:::instance/${instance}`, identityStoreId: `d-${hex(`${admin}/store`, 10)}`,
    groups: groups.sort((a, b) => a.id.localeCompare(b.id)), users: assignments.some((a) => a.principalType === 'USER') ? users : [],
    permissionSets: d.permissionSets.map((ps) => ({
      arn: psArn(ps.name), name: ps.name,
      ...(ps.description ? { description: ps.description } : {}), sessionDuration: ps.sessionDuration, ...(ps.relayState ? { relayState: ps.relayState } : {}),
      managedPolicies: [...ps.managedPolicies], customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ ...c })),
      ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}), ...(ps.permissionsBoundary ? { permissionsBoundary: structuredClone(ps.permissionsBoundary) } : {}),
      provisionedAccounts: [...new Set(assignments.filter((a) => a.permissionSetArn === psArn(ps.name)).map((a) => a.accountId))].sort(),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    assignments,
  };
}
