import { createHash } from 'crypto';
import { Address4 } from 'ip-address';
import type { LandingZone } from '../../model/landing-zone';
import { accountAssignments } from '../../model/identity';
import { overlaps, parseCidr, type AttachmentKey, type Cidr, type NetworkDeclaration, type SubnetPlan } from '../../model/network';
import { ARCHIVE_KEY_ALIAS } from '../collect/areas';
import { accessLogBucketName, archiveKeyPolicy, expectedLifecycle, expectedPermissionSets, logBucketName, logBucketPolicy, networkExpectation, trailArn, type LiveIds } from '../drift/expected';
import type { LiveIdentity, LiveLogging, LiveNetwork, LiveSubnet, LiveTgwAttachment, LiveVpc } from '../snapshot';

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The log archive as the logging stack deploys it: trail logging, hardened bucket, rotating key. */
export function seedLogging(lz: LandingZone, ids: LiveIds): LiveLogging | undefined {
  const decl = lz.logging;
  const archiveId = decl && ids.accountId(decl.logArchiveAccount);
  if (!decl || !archiveId) return undefined;
  const region = lz.organization.homeRegion;
  const keyId = `${hex(`${archiveId}/key`, 8)}-${hex('a', 4)}-${hex('b', 4)}-${hex('c', 4)}-${hex(`${archiveId}/key2`, 12)}`;
  const keyArn = `arn:aws:kms:${region}:${archiveId}:key/${keyId}`;
  const lc = expectedLifecycle(lz);
  return {
    managementAccountId: ids.managementAccountId, archiveAccountId: archiveId,
    trails: [{
      name: decl.trail.name, arn: trailArn(lz, ids), homeRegion: region, s3BucketName: logBucketName(lz, archiveId), kmsKeyId: keyArn,
      isOrganizationTrail: true, isMultiRegionTrail: true, includeGlobalServiceEvents: true, logFileValidationEnabled: decl.trail.logFileValidation, isLogging: true,
    }],
    bucket: {
      name: logBucketName(lz, archiveId),
      policy: JSON.stringify(logBucketPolicy(lz, ids, archiveId, keyArn)),
      encryption: { algorithm: 'aws:kms', kmsKeyId: keyArn, bucketKeyEnabled: true },
      versioning: 'Enabled',
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      logging: { targetBucket: accessLogBucketName(lz, archiveId), targetPrefix: 'log-archive/' },
      lifecycle: [{
        id: 'archive-then-expire', status: 'Enabled', transitions: lc.transitions,
        ...(lc.expirationDays ? { expirationDays: lc.expirationDays, noncurrentExpirationDays: lc.expirationDays } : {}),
      }],
    },
    key: { keyId, arn: keyArn, alias: ARCHIVE_KEY_ALIAS, keyState: 'Enabled', rotationEnabled: true, policy: JSON.stringify(archiveKeyPolicy(lz, ids, archiveId)) },
  };
}

/** The hub as the network stack deploys it: no auto-accept, no defaults, exactly the route plan, shared as declared. */
export function seedNetwork(lz: LandingZone, ids: LiveIds): LiveNetwork | undefined {
  const net = lz.network;
  const hub = net && ids.accountId(net.transitGateway.account);
  if (!net || !hub) return undefined;
  const region = net.transitGateway.region;
  const tgwId = `tgw-${hex(`${hub}/tgw`, 17)}`;
  const want = networkExpectation(lz, ids);
  const tableId = (segment: string): string => `tgw-rtb-${hex(`${tgwId}/${segment}`, 17)}`;
  const attachments: LiveTgwAttachment[] = [];
  const vpcs: LiveVpc[] = [];
  const attachmentIds = new Map<string, string>();
  const cidrs = vpcCidrs(net);
  for (const [key, segment] of want.attachments) {
    const owner = key === 'egress' ? hub : ids.accountId(key.slice('spoke:'.length));
    if (!owner) continue;
    const id = `tgw-attach-${hex(`${tgwId}/${key}`, 17)}`;
    const vpcId = `vpc-${hex(`${owner}/${key}`, 17)}`;
    attachmentIds.set(key, id);
    attachments.push({
      id, transitGatewayId: tgwId, resourceType: 'vpc', resourceId: vpcId, resourceOwnerId: owner, state: 'available',
      associatedRouteTableId: tableId(segment), tags: key === 'egress' ? { Name: 'lzkit-egress' } : { Name: key.slice('spoke:'.length), 'lzkit:segment': segment },
    });
    const vpc = seedVpc(net, key, vpcId, owner, cidrs.get(key));
    if (vpc) vpcs.push(vpc);
  }
  const tgwArn = `arn:aws:ec2:${region}:${hub}:transit-gateway/${tgwId}`;
  return {
    accountId: hub, region,
    transitGateways: [{
      id: tgwId, arn: tgwArn, ownerId: hub, state: 'available', description: net.transitGateway.description, amazonSideAsn: net.transitGateway.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable', defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable', tags: { Name: net.transitGateway.description },
    }],
    routeTables: want.plan.map((t) => ({
      id: tableId(t.segment), transitGatewayId: tgwId, state: 'available', tags: { Name: `segment-${t.segment}`, 'lzkit:segment': t.segment },
      propagations: t.propagations.map((k) => attachmentIds.get(k)).filter((x): x is string => Boolean(x)).sort(),
    })),
    attachments,
    vpcs: vpcs.sort((a, b) => a.id.localeCompare(b.id)),
    shares: net.transitGateway.shareWith ? [{
      arn: `arn:aws:ram:${region}:${hub}:resource-share/${hex(`${tgwId}/share`, 8)}-0000-4000-8000-${hex(`${tgwId}/s`, 12)}`, name: 'lzkit-transit-gateway',
      status: 'ACTIVE', allowExternalPrincipals: false, resources: [tgwArn], principals: [...want.sharePrincipals],
    }] : [],
  };
}

/**
 * Each attached VPC's CIDR: the declared one, else (IPAM) the first block of the spoke's size
 * in its pool that no other VPC or TGW block claims, as IPAM would allocate it.
 */
function vpcCidrs(net: NetworkDeclaration): Map<AttachmentKey, Cidr> {
  const out = new Map<AttachmentKey, Cidr>();
  const taken: Cidr[] = [];
  const claim = (key: AttachmentKey | undefined, text: string | undefined): void => {
    const c = text ? parseCidr(text) : undefined;
    if (!c) return;
    taken.push(c);
    if (key) out.set(key, c);
  };
  net.transitGateway.cidrBlocks.forEach((b) => claim(undefined, b));
  net.spokes.forEach((s) => claim(`spoke:${s.account}`, s.cidr));
  claim('egress', net.egress?.cidr);
  for (const s of net.spokes.filter((x) => !x.cidr)) {
    const pool = parseCidr(net.ipam?.pools.find((p) => p.segment === (s.ipamPool ?? s.segment))?.cidr ?? '');
    if (!pool || s.prefixLength < pool.prefix) continue;
    const block = 1n << BigInt(32 - s.prefixLength);
    for (let first = pool.first; first + block - 1n <= pool.last; first += block) {
      const c = parseCidr(`${Address4.fromBigInt(first).correctForm()}/${s.prefixLength}`)!;
      if (taken.some((t) => overlaps(t, c))) continue;
      claim(`spoke:${s.account}`, c.text);
      break;
    }
  }
  return out;
}

/** Terraform's cidrsubnet: the `netnum`-th block of `newbits` more bits inside `vpc`. */
function cidrsubnet(vpc: Cidr, plan: SubnetPlan): string {
  const prefix = vpc.prefix + plan.newbits;
  return `${Address4.fromBigInt(vpc.first + (BigInt(plan.netnum) << BigInt(32 - prefix))).correctForm()}/${prefix}`;
}

/** A spoke (or the egress VPC) as stacks/constructs/spoke-vpc.ts and egress-vpc.ts create it: model/network's subnet plan, their tags. */
function seedVpc(net: NetworkDeclaration, key: AttachmentKey, id: string, ownerId: string, cidr: Cidr | undefined): LiveVpc | undefined {
  if (!cidr) return undefined;
  const spoke = key === 'egress' ? undefined : net.spokes.find((s) => `spoke:${s.account}` === key);
  const plans = key === 'egress' ? net.egress?.subnets ?? [] : spoke?.subnets ?? [];
  const tags: Record<string, string> = spoke ? { Name: spoke.account, 'lzkit:segment': spoke.segment } : { Name: 'lzkit-egress' };
  const subnets = plans.map((p): LiveSubnet => ({
    id: `subnet-${hex(`${id}/${p.tier}/${p.az}`, 17)}`, availabilityZone: p.az, cidr: p.cidr ?? cidrsubnet(cidr, p),
    tags: spoke ? { Name: `${spoke.account}-${p.tier}-${p.az}`, 'lzkit:tier': p.tier } : { Name: `lzkit-egress-${p.tier}-${p.az}` },
  }));
  return { id, ownerId, cidr: cidr.text, state: 'available', tags, subnets: subnets.sort((a, b) => a.id.localeCompare(b.id)) };
}

/** Identity Center as the identity stack deploys it: every permission set, group and assignment. */
export function seedIdentity(lz: LandingZone, ids: LiveIds): LiveIdentity | undefined {
  const decl = lz.identity;
  const admin = decl && ids.accountId(decl.administrator);
  if (!decl || !admin) return undefined;
  const instance = `ssoins-${hex(`${admin}/sso`, 16)}`;
  const psArn = (name: string): string => `arn:aws:sso:::permissionSet/${instance}/ps-${hex(name, 16)}`;
  const groups = [...decl.groups.values()].map((g) => ({ id: `g-${hex(g.name, 12)}`, name: g.name }));
  const users = decl.users.map((u) => ({ id: `u-${hex(u, 12)}`, name: u }));
  const assignments = accountAssignments(decl).flatMap((a) => {
    const accountId = ids.accountId(a.account);
    const principal = (a.principal.type === 'GROUP' ? groups : users).find((p) => p.name === a.principal.name);
    return accountId && principal ? [{ accountId, permissionSetArn: psArn(a.permissionSet), principalType: a.principal.type, principalId: principal.id }] : [];
  }).sort((a, b) => `${a.accountId}${a.permissionSetArn}${a.principalId}`.localeCompare(`${b.accountId}${b.permissionSetArn}${b.principalId}`));
  return {
    accountId: admin, instanceArn: `arn:aws:sso:::instance/${instance}`, identityStoreId: `d-${hex(`${admin}/store`, 10)}`,
    groups: groups.sort((a, b) => a.id.localeCompare(b.id)), users: assignments.some((a) => a.principalType === 'USER') ? users : [],
    permissionSets: expectedPermissionSets(lz).map((ps) => ({
      arn: psArn(ps.name), name: ps.name,
      ...(ps.description ? { description: ps.description } : {}), sessionDuration: ps.sessionDuration, ...(ps.relayState ? { relayState: ps.relayState } : {}),
      managedPolicies: [...ps.managedPolicies], customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ ...c })),
      ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}), ...(ps.permissionsBoundary ? { permissionsBoundary: structuredClone(ps.permissionsBoundary) } : {}),
      provisionedAccounts: [...new Set(assignments.filter((a) => a.permissionSetArn === psArn(ps.name)).map((a) => a.accountId))].sort(),
    })).sort((a, b) => a.name.localeCompare(b.name)),
    assignments,
  };
}
