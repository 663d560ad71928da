import { AwsError, epoch, escapeXml, inAccount, page } from '../../sandbox/protocol';
import type { Ec2Handler, JsonHandler, SandboxService } from '../../sandbox/service';
import { section, served, type SandboxWorld } from '../../sandbox/world';
import type { LiveNetwork, LiveTransitGateway } from './snapshot';

/*
 * EC2 and RAM as the network collectors call them, answered from the snapshot's network part:
 * the hub's own reads only in the hub account, each VPC only in its owner account.
 */
const KEY = 'network';

/** RAM (REST-JSON: POST /<operation in lower case>). Input keys are lowerCamel. */
const RAM_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  GetResourceShares: (w, input, size, caller) => {
    const n = section(w.part<LiveNetwork>(KEY), 'ram:GetResourceShares');
    const shares = n && n.accountId === caller && input.resourceOwner === 'SELF' ? n.shares : [];
    const p = page(shares, { NextToken: input.nextToken as string | undefined, MaxResults: input.maxResults as number | undefined }, size);
    return {
      resourceShares: p.items.map((s) => ({ resourceShareArn: s.arn, name: s.name, owningAccountId: caller, allowExternalPrincipals: s.allowExternalPrincipals, status: s.status, creationTime: epoch() })),
      nextToken: p.NextToken,
    };
  },
  GetResourceShareAssociations: (w, input, size, caller) => {
    const n = section(w.part<LiveNetwork>(KEY), 'ram:GetResourceShareAssociations');
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


const x = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);
const tagSet = (tags: Readonly<Record<string, string>>): string => `<tagSet>${Object.entries(tags).map(([k, v]) => `<item>${x('key', k)}${x('value', v)}</item>`).join('')}</tagSet>`;
const ec2Page = <T>(items: readonly T[], params: URLSearchParams, size: number) =>
  page(items, { NextToken: params.get('NextToken') ?? undefined, MaxResults: params.get('MaxResults') ? Number(params.get('MaxResults')) : undefined }, size);
const next = (token: string | undefined): string => x('nextToken', token);

function hub(w: SandboxWorld, caller: string, operation: string) {
  const n = section(w.part<LiveNetwork>(KEY), operation);
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
  const n = section(w.part<LiveNetwork>(KEY), operation);
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

const EC2_OPERATIONS: Readonly<Record<string, Ec2Handler>> = {
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

/** RAM's REST paths are its operation names in lower case (`POST /getresourceshares`). */
const RAM_ROUTES = Object.keys(RAM_OPERATIONS).map((operation) => ({ method: 'POST' as const, path: `/${operation.toLowerCase()}`, operation }));

export const NETWORK_SERVICES: readonly SandboxService[] = [
  { service: 'ec2', protocol: 'ec2', operations: EC2_OPERATIONS },
  { service: 'ram', protocol: 'rest-json', routes: RAM_ROUTES, operations: RAM_OPERATIONS },
];
