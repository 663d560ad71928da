import type { LiveTransitGateway, Readable } from '../snapshot';
import { AwsError, escapeXml, page } from './protocol';
import { served, type SandboxWorld } from './world';

/**
 * The logging, network and identity APIs the collectors call, answered from the snapshot's
 * sections. Each answers only in the account that holds the data (AccessDenied elsewhere, as the
 * audit role of another account would see nothing); a section or part the snapshot could not
 * read is denied to the operation that reads it.
 */
type Input = Record<string, unknown> & { NextToken?: string; MaxResults?: number };
type JsonHandler = (w: SandboxWorld, input: Input, size: number, caller: string) => unknown;

const denied = (service: string, op: string, caller: string): AwsError =>
  new AwsError('AccessDeniedException', `User: arn:aws:sts::${caller}:assumed-role/audit is not authorized to perform: ${service}:${op}`);

function inAccount(owner: string | undefined, caller: string, service: string, op: string): void {
  if (!owner || owner !== caller) throw denied(service, op, caller);
}

const epoch = (): number => Math.floor(Date.UTC(2020, 0, 1) / 1000);

/** A section of the snapshot: undefined when it has none, denied when it could not be read. */
const section = <T>(v: Readable<T> | undefined, operation: string): T | undefined => (v === undefined ? undefined : served(v, operation));

/** CloudTrail (JSON 1.1, target CloudTrail_20131101.*). */
export const CLOUDTRAIL_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeTrails: (w, _i, _s, caller) => {
    const l = section(w.snapshot.logging, 'cloudtrail:DescribeTrails');
    if (!l || l.managementAccountId !== caller) return { trailList: [] };
    return {
      trailList: served(l.trails, 'cloudtrail:DescribeTrails').map((t) => ({
        Name: t.name, TrailARN: t.arn, HomeRegion: t.homeRegion, S3BucketName: t.s3BucketName, KmsKeyId: t.kmsKeyId, IsOrganizationTrail: t.isOrganizationTrail,
        IsMultiRegionTrail: t.isMultiRegionTrail, IncludeGlobalServiceEvents: t.includeGlobalServiceEvents, LogFileValidationEnabled: t.logFileValidationEnabled,
        HasCustomEventSelectors: false, HasInsightSelectors: false,
      })),
    };
  },
  GetTrailStatus: (w, input, _s, caller) => {
    const l = section(w.snapshot.logging, 'cloudtrail:GetTrailStatus');
    const t = l?.managementAccountId === caller ? served(l.trails, 'cloudtrail:GetTrailStatus').find((x) => x.arn === input.Name || x.name === input.Name) : undefined;
    if (!t) throw new AwsError('TrailNotFoundException', `Unknown trail: ${String(input.Name)} for the user: ${caller}`);
    return { IsLogging: served(t.isLogging, 'cloudtrail:GetTrailStatus'), LatestDeliveryTime: epoch() };
  },
};

/** KMS (JSON 1.1, target TrentService.*). */
export const KMS_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeKey: (w, input, _s, caller) => {
    const k = key(w, String(input.KeyId ?? ''), caller, 'kms:DescribeKey');
    return { KeyMetadata: { KeyId: k.keyId, Arn: k.arn, AWSAccountId: caller, KeyState: k.keyState ?? 'Enabled', Enabled: (k.keyState ?? 'Enabled') === 'Enabled', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', CreationDate: epoch() } };
  },
  GetKeyRotationStatus: (w, input, _s, caller) => ({ KeyRotationEnabled: served(key(w, String(input.KeyId ?? ''), caller, 'kms:GetKeyRotationStatus').rotationEnabled, 'kms:GetKeyRotationStatus') }),
  GetKeyPolicy: (w, input, _s, caller) => ({ Policy: served(key(w, String(input.KeyId ?? ''), caller, 'kms:GetKeyPolicy').policy, 'kms:GetKeyPolicy'), PolicyName: 'default' }),
};

function key(w: SandboxWorld, id: string, caller: string, operation: string) {
  const l = section(w.snapshot.logging, operation);
  const k = l?.archiveAccountId === caller ? served(l.key, operation) : undefined;
  if (!k || ![k.keyId, k.arn, k.alias, `arn:aws:kms:${w.snapshot.region}:${caller}:${k.alias}`].includes(id)) {
    throw new AwsError('NotFoundException', `${id.startsWith('alias/') ? `Alias arn:aws:kms:${w.snapshot.region}:${caller}:${id}` : `Key '${id}'`} is not found.`);
  }
  return k;
}

/** IAM Identity Center admin (JSON 1.1, target SWBExternalService.*). */
export const SSO_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListInstances: (w, input, size, caller) => {
    const i = section(w.snapshot.identity, 'sso:ListInstances');
    const list = i && i.accountId === caller ? [{ InstanceArn: i.instanceArn, IdentityStoreId: i.identityStoreId, OwnerAccountId: caller, Status: 'ACTIVE' }] : [];
    const p = page(list, input, size);
    return { Instances: p.items, NextToken: p.NextToken };
  },
  ListPermissionSets: (w, input, size, caller) => {
    const p = page(identity(w, input, caller, 'ListPermissionSets').permissionSets.map((x) => x.arn), input, size);
    return { PermissionSets: p.items, NextToken: p.NextToken };
  },
  DescribePermissionSet: (w, input, _s, caller) => {
    const ps = permissionSet(w, input, caller);
    return { PermissionSet: { Name: ps.name, PermissionSetArn: ps.arn, Description: ps.description, SessionDuration: ps.sessionDuration, RelayState: ps.relayState, CreatedDate: epoch() } };
  },
  ListManagedPoliciesInPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).managedPolicies, input, size);
    return { AttachedManagedPolicies: p.items.map((arn) => ({ Arn: arn, Name: arn.slice(arn.lastIndexOf('/') + 1) })), NextToken: p.NextToken };
  },
  ListCustomerManagedPolicyReferencesInPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).customerManagedPolicies, input, size);
    return { CustomerManagedPolicyReferences: p.items.map((c) => ({ Name: c.name, Path: c.path })), NextToken: p.NextToken };
  },
  GetInlinePolicyForPermissionSet: (w, input, _s, caller) => ({ InlinePolicy: permissionSet(w, input, caller).inlinePolicy ?? '' }),
  GetPermissionsBoundaryForPermissionSet: (w, input, _s, caller) => {
    const b = permissionSet(w, input, caller).permissionsBoundary;
    if (!b) throw new AwsError('ResourceNotFoundException', 'Could not find PermissionsBoundary for the given permission set.');
    return { PermissionsBoundary: b.managedPolicyArn ? { ManagedPolicyArn: b.managedPolicyArn } : { CustomerManagedPolicyReference: { Name: b.customerManagedPolicy!.name, Path: b.customerManagedPolicy!.path } } };
  },
  ListAccountsForProvisionedPermissionSet: (w, input, size, caller) => {
    const p = page(permissionSet(w, input, caller).provisionedAccounts, input, size);
    return { AccountIds: p.items, NextToken: p.NextToken };
  },
  ListAccountAssignments: (w, input, size, caller) => {
    const ps = permissionSet(w, input, caller);
    const list = identity(w, input, caller, 'ListAccountAssignments').assignments.filter((a) => a.permissionSetArn === ps.arn && a.accountId === input.AccountId);
    const p = page(list, input, size);
    return { AccountAssignments: p.items.map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId })), NextToken: p.NextToken };
  },
};

function identity(w: SandboxWorld, input: Input, caller: string, op: string) {
  const i = section(w.snapshot.identity, `sso:${op}`);
  inAccount(i?.accountId, caller, 'sso', op);
  if (input.InstanceArn !== undefined && input.InstanceArn !== i!.instanceArn) throw new AwsError('ResourceNotFoundException', `Instance ${String(input.InstanceArn)} does not exist`);
  return i!;
}

function permissionSet(w: SandboxWorld, input: Input, caller: string) {
  const ps = identity(w, input, caller, 'DescribePermissionSet').permissionSets.find((x) => x.arn === input.PermissionSetArn);
  if (!ps) throw new AwsError('ResourceNotFoundException', `PermissionSet ${String(input.PermissionSetArn)} does not exist`);
  return ps;
}

/** Identity Store (JSON 1.1, target AWSIdentityStore.*). */
export const IDENTITYSTORE_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  ListGroups: (w, input, size, caller) => {
    const i = store(w, input, caller);
    const p = page(i.groups, input, size);
    return { Groups: p.items.map((g) => ({ GroupId: g.id, DisplayName: g.name, IdentityStoreId: i.identityStoreId })), NextToken: p.NextToken };
  },
  ListUsers: (w, input, size, caller) => {
    const i = store(w, input, caller);
    const p = page(i.users, input, size);
    return { Users: p.items.map((u) => ({ UserId: u.id, UserName: u.name, IdentityStoreId: i.identityStoreId })), NextToken: p.NextToken };
  },
};

function store(w: SandboxWorld, input: Input, caller: string) {
  const i = section(w.snapshot.identity, 'identitystore:ListGroups');
  inAccount(i?.accountId, caller, 'identitystore', 'ListGroups');
  if (input.IdentityStoreId !== i!.identityStoreId) throw new AwsError('ResourceNotFoundException', `Identity store ${String(input.IdentityStoreId)} does not exist`);
  return i!;
}

/** RAM (REST-JSON: POST /<operation in lower case>). Input keys are lowerCamel. */
export const RAM_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  GetResourceShares: (w, input, size, caller) => {
    const n = section(w.snapshot.network, 'ram:GetResourceShares');
    const shares = n && n.accountId === caller && input.resourceOwner === 'SELF' ? n.shares : [];
    const p = page(shares, { NextToken: input.nextToken as string | undefined, MaxResults: input.maxResults as number | undefined }, size);
    return {
      resourceShares: p.items.map((s) => ({ resourceShareArn: s.arn, name: s.name, owningAccountId: caller, allowExternalPrincipals: s.allowExternalPrincipals, status: s.status, creationTime: epoch() })),
      nextToken: p.NextToken,
    };
  },
  GetResourceShareAssociations: (w, input, size, caller) => {
    const n = section(w.snapshot.network, 'ram:GetResourceShareAssociations');
    inAccount(n?.accountId, caller, 'ram', 'GetResourceShareAssociations');
    const type = String(input.associationType ?? '');
    if (type !== 'PRINCIPAL' && type !== 'RESOURCE') throw new AwsError('InvalidParameterException', 'associationType must be PRINCIPAL or RESOURCE');
    const arns = new Set((input.resourceShareArns as string[] | undefined) ?? n!.shares.map((s) => s.arn));
    const list = n!.shares.filter((s) => arns.has(s.arn)).flatMap((s) => (type === 'RESOURCE' ? s.resources : s.principals).map((e) => ({ s, e })));
    const p = page(list, { NextToken: input.nextToken as string | undefined, MaxResults: input.maxResults as number | undefined }, size);
    return {
      resourceShareAssociations: p.items.map(({ s, e }) => ({ resourceShareArn: s.arn, resourceShareName: s.name, associatedEntity: e, associationType: type, status: 'ASSOCIATED', external: false })),
      nextToken: p.NextToken,
    };
  },
};

// ---- EC2 (query protocol, EC2's own XML: lowerCamel elements, `<item>` lists, requestId at the top) ----

type Ec2Handler = (w: SandboxWorld, params: URLSearchParams, size: number, caller: string) => string;

const x = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);
const tagSet = (tags: Readonly<Record<string, string>>): string => `<tagSet>${Object.entries(tags).map(([k, v]) => `<item>${x('key', k)}${x('value', v)}</item>`).join('')}</tagSet>`;
const ec2Page = <T>(items: readonly T[], params: URLSearchParams, size: number) =>
  page(items, { NextToken: params.get('NextToken') ?? undefined, MaxResults: params.get('MaxResults') ? Number(params.get('MaxResults')) : undefined }, size);
const next = (token: string | undefined): string => x('nextToken', token);

function hub(w: SandboxWorld, caller: string, operation: string) {
  const n = section(w.snapshot.network, operation);
  return n && n.accountId === caller ? n : undefined;
}

/** EC2's `Filter.N.Name` / `Filter.N.Value.M` parameters: filter name -> accepted values. */
function ec2Filters(params: URLSearchParams): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [k, v] of params) {
    const m = /^Filter\.(\d+)\.Name$/.exec(k);
    if (!m) continue;
    const values = [...params].filter(([vk]) => vk.startsWith(`Filter.${m[1]}.Value.`)).map(([, vv]) => vv);
    out.set(v, new Set(values));
  }
  return out;
}

/** The VPCs (of the snapshot's attachments) the calling account owns, filtered by `vpc-id` when asked. */
function ownVpcs(w: SandboxWorld, params: URLSearchParams, caller: string, operation: string) {
  const only = ec2Filters(params).get('vpc-id');
  const n = section(w.snapshot.network, operation);
  return (n ? served(n.vpcs, operation) : []).filter((v) => v.ownerId === caller && (!only || only.has(v.id)));
}

/** EC2's filter value matching: `*` any run of characters, `?` any one character. */
function matches(value: string | undefined, accepted: ReadonlySet<string>): boolean {
  if (value === undefined) return false;
  const glob = (a: string): RegExp => new RegExp(`^${a.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+(){}[\]]/, '\\$&'))).join('')}$`);
  return [...accepted].some((a) => glob(a).test(value));
}

/** DescribeTransitGateways' filters (its request's doc comment in @aws-sdk/client-ec2): the value each names. */
const TGW_FILTERS: Readonly<Record<string, (g: LiveTransitGateway) => string | undefined>> = {
  'options.amazon-side-asn': (g) => (g.amazonSideAsn === undefined ? undefined : String(g.amazonSideAsn)),
  'options.auto-accept-shared-attachments': (g) => g.autoAcceptSharedAttachments,
  'options.default-route-table-association': (g) => g.defaultRouteTableAssociation,
  'options.default-route-table-propagation': (g) => g.defaultRouteTablePropagation,
  'options.dns-support': () => 'enable',
  'options.vpn-ecmp-support': () => 'enable',
  'owner-id': (g) => g.ownerId,
  state: (g) => g.state,
  'transit-gateway-id': (g) => g.id,
};

/** The hub's Transit Gateways that `TransitGatewayIds.N` and `Filter.N` select, as EC2 selects them (every filter must match, any of its values). */
function selectTransitGateways(gateways: readonly LiveTransitGateway[], params: URLSearchParams): LiveTransitGateway[] {
  const ids = [...params].filter(([k]) => /^TransitGatewayIds\.\d+$/.test(k)).map(([, v]) => v);
  const unknown = ids.find((id) => !gateways.some((g) => g.id === id));
  if (unknown) throw new AwsError('InvalidTransitGatewayID.NotFound', `Transit Gateway ${unknown} was deleted or does not exist.`);
  const filters = [...ec2Filters(params)].map(([name, values]) => {
    const tag = /^tag:(.+)$/.exec(name)?.[1];
    const get = tag !== undefined ? (g: LiveTransitGateway) => g.tags[tag] : name === 'tag-key' ? undefined : TGW_FILTERS[name];
    if (name === 'tag-key') return (g: LiveTransitGateway) => Object.keys(g.tags).some((k) => matches(k, values));
    if (!get) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    return (g: LiveTransitGateway) => matches(get(g), values);
  });
  return gateways.filter((g) => (!ids.length || ids.includes(g.id)) && filters.every((f) => f(g)));
}

export const EC2_OPERATIONS: Readonly<Record<string, Ec2Handler>> = {
  DescribeVpcs: (w, params, size, caller) => {
    const p = ec2Page(ownVpcs(w, params, caller, 'ec2:DescribeVpcs'), params, size);
    return `<vpcSet>${p.items.map((v) => `<item>${x('vpcId', v.id)}${x('ownerId', v.ownerId)}${x('state', v.state)}${x('cidrBlock', v.cidr)}`
      + `${x('dhcpOptionsId', 'dopt-00000000')}${x('instanceTenancy', 'default')}${x('isDefault', false)}${tagSet(v.tags)}</item>`).join('')}</vpcSet>${next(p.NextToken)}`;
  },
  DescribeSubnets: (w, params, size, caller) => {
    const p = ec2Page(ownVpcs(w, params, caller, 'ec2:DescribeSubnets').flatMap((v) => v.subnets.map((s) => ({ v, s }))), params, size);
    return `<subnetSet>${p.items.map(({ v, s }) => `<item>${x('subnetId', s.id)}${x('vpcId', v.id)}${x('ownerId', v.ownerId)}${x('state', 'available')}`
      + `${x('availabilityZone', s.availabilityZone)}${x('cidrBlock', s.cidr)}${tagSet(s.tags)}</item>`).join('')}</subnetSet>${next(p.NextToken)}`;
  },
  DescribeTransitGateways: (w, params, size, caller) => {
    const p = ec2Page(selectTransitGateways(hub(w, caller, 'ec2:DescribeTransitGateways')?.transitGateways ?? [], params), params, size);
    return `<transitGatewaySet>${p.items.map((g) => `<item>${x('transitGatewayId', g.id)}${x('transitGatewayArn', g.arn)}${x('state', g.state)}${x('ownerId', g.ownerId)}${x('description', g.description)}`
      + `<options>${x('amazonSideAsn', g.amazonSideAsn)}${x('autoAcceptSharedAttachments', g.autoAcceptSharedAttachments)}${x('defaultRouteTableAssociation', g.defaultRouteTableAssociation)}`
      + `${x('defaultRouteTablePropagation', g.defaultRouteTablePropagation)}${x('dnsSupport', 'enable')}</options>${tagSet(g.tags)}</item>`).join('')}</transitGatewaySet>${next(p.NextToken)}`;
  },
  DescribeTransitGatewayRouteTables: (w, params, size, caller) => {
    const p = ec2Page(hub(w, caller, 'ec2:DescribeTransitGatewayRouteTables')?.routeTables ?? [], params, size);
    return `<transitGatewayRouteTables>${p.items.map((t) => `<item>${x('transitGatewayRouteTableId', t.id)}${x('transitGatewayId', t.transitGatewayId)}${x('state', t.state)}`
      + `${x('defaultAssociationRouteTable', false)}${x('defaultPropagationRouteTable', false)}${tagSet(t.tags)}</item>`).join('')}</transitGatewayRouteTables>${next(p.NextToken)}`;
  },
  DescribeTransitGatewayAttachments: (w, params, size, caller) => {
    const p = ec2Page(hub(w, caller, 'ec2:DescribeTransitGatewayAttachments')?.attachments ?? [], params, size);
    return `<transitGatewayAttachments>${p.items.map((a) => `<item>${x('transitGatewayAttachmentId', a.id)}${x('transitGatewayId', a.transitGatewayId)}${x('transitGatewayOwnerId', caller)}`
      + `${x('resourceOwnerId', a.resourceOwnerId)}${x('resourceType', a.resourceType)}${x('resourceId', a.resourceId)}${x('state', a.state)}`
      + `${a.associatedRouteTableId ? `<association>${x('transitGatewayRouteTableId', a.associatedRouteTableId)}${x('state', 'associated')}</association>` : ''}${tagSet(a.tags)}</item>`).join('')}</transitGatewayAttachments>${next(p.NextToken)}`;
  },
  GetTransitGatewayRouteTablePropagations: (w, params, size, caller) => {
    const n = hub(w, caller, 'ec2:GetTransitGatewayRouteTablePropagations');
    const t = n?.routeTables.find((r) => r.id === params.get('TransitGatewayRouteTableId'));
    if (!t) throw new AwsError('InvalidRouteTableID.NotFound', `The transitGatewayRouteTable ID '${params.get('TransitGatewayRouteTableId') ?? ''}' does not exist`);
    const p = ec2Page(t.propagations, params, size);
    return `<transitGatewayRouteTablePropagations>${p.items.map((id) => {
      const a = n!.attachments.find((y) => y.id === id);
      return `<item>${x('transitGatewayAttachmentId', id)}${x('resourceId', a?.resourceId)}${x('resourceType', a?.resourceType ?? 'vpc')}${x('state', 'enabled')}</item>`;
    }).join('')}</transitGatewayRouteTablePropagations>${next(p.NextToken)}`;
  },
};
