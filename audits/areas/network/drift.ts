import { EGRESS_NAME, SEGMENT_TAG } from '../../../desired';
import type { AttachmentKey } from '../../../model/network';
import { desiredForAudit, type AreaCheck } from '../../drift/context';
import { holdsUnknown } from '../../drift/desired';
import { categories, findingsOf, type Finding } from '../../drift/finding';
import type { LiveNetwork, LiveTgwAttachment } from './snapshot';

export const NETWORK_CATEGORIES = categories([
  { id: 'tgw-missing', severity: 'high', title: 'Transit Gateway missing', description: 'The declared Transit Gateway hub does not exist in the network account.' },
  { id: 'tgw-misconfigured', severity: 'high', title: 'Transit Gateway misconfigured', description: 'The hub accepts attachments automatically, uses default association or propagation, its route tables route more (or less) than the declared segments allow, or a spoke VPC has another CIDR than declared.' },
  { id: 'tgw-share-missing', severity: 'medium', title: 'Transit Gateway share missing', description: 'The Transit Gateway is not shared through RAM with every declared principal: those accounts cannot attach.' },
  { id: 'tgw-attachment-missing', severity: 'medium', title: 'Transit Gateway attachment missing', description: 'A declared spoke (or the egress VPC) has no available attachment to the hub.' },
]);
const finding = findingsOf(NETWORK_CATEGORIES);

const REDEPLOY = "redeploy the network stack and its spokes (cdktf deploy network 'network-spoke-*')";

/** The hub against what the network stacks deploy (desired/network.ts: the route plan, the share, the tags). */
export const network: AreaCheck<string, LiveNetwork> = (ctx) => {
  const net = ctx.lz.network;
  const want = desiredForAudit(ctx).network;
  if (!net || !want) return [];
  const live = ctx.live;
  const out: Finding[] = [];
  const decl = net.transitGateway;
  const tgw = live.transitGateways.find((g) => g.ownerId === live.accountId && (g.description === want.hub.description || g.tags.Name === want.hub.tags.Name));
  if (!tgw) {
    return [finding({
      category: 'tgw-missing', resource: { type: 'transit-gateway', id: `${live.accountId}/${decl.description}`, name: decl.description },
      expected: decl.description, actual: live.transitGateways.map((g) => g.id),
      message: `no Transit Gateway '${decl.description}' in the network account ${decl.account} (${live.accountId}, ${live.region})`, remediation: REDEPLOY, location: decl.source,
    })];
  }
  const resource = { type: 'transit-gateway', id: tgw.id, name: decl.description };
  const mis = (about: string, expected: unknown, actual: unknown, message: string, location = decl.source): void => {
    out.push(finding({ category: 'tgw-misconfigured', resource, about, expected, actual, message: `Transit Gateway ${tgw.id} ${message}`, remediation: REDEPLOY, location }));
  };
  const h = want.hub;
  if (tgw.autoAcceptSharedAttachments !== h.autoAcceptSharedAttachments) mis('auto-accept', h.autoAcceptSharedAttachments, tgw.autoAcceptSharedAttachments, 'accepts shared attachments automatically: any account it is shared with can join any segment');
  if (tgw.defaultRouteTableAssociation !== h.defaultRouteTableAssociation) mis('default-association', h.defaultRouteTableAssociation, tgw.defaultRouteTableAssociation, 'associates new attachments with its default route table');
  if (tgw.defaultRouteTablePropagation !== h.defaultRouteTablePropagation) mis('default-propagation', h.defaultRouteTablePropagation, tgw.defaultRouteTablePropagation, 'propagates new attachments into its default route table');
  if (tgw.amazonSideAsn !== undefined && tgw.amazonSideAsn !== h.amazonSideAsn) mis('asn', h.amazonSideAsn, tgw.amazonSideAsn, `has ASN ${tgw.amazonSideAsn}, declared ${h.amazonSideAsn}`);

  const tables = new Map(live.routeTables.filter((t) => t.transitGatewayId === tgw.id && t.tags[SEGMENT_TAG]).map((t) => [t.tags[SEGMENT_TAG], t]));
  // Which live attachment each declared one is: spokes by owner account, egress by its tag (else the hub's other VPC attachment).
  const mine = live.attachments.filter((a) => a.transitGatewayId === tgw.id && a.resourceType === 'vpc');
  const byKey = new Map<AttachmentKey, LiveTgwAttachment>();
  for (const s of net.spokes) {
    const id = ctx.match.accounts.get(s.account)?.id;
    const a = mine.find((x) => x.resourceOwnerId === id && (x.tags[SEGMENT_TAG] ?? s.segment) === s.segment && ![...byKey.values()].includes(x));
    if (a) byKey.set(`spoke:${s.account}`, a);
  }
  if (net.egress) {
    const hubOwned = mine.filter((x) => x.resourceOwnerId === live.accountId && ![...byKey.values()].includes(x));
    const a = hubOwned.find((x) => x.tags.Name === EGRESS_NAME) ?? (hubOwned.length === 1 ? hubOwned[0] : undefined);
    if (a) byKey.set('egress', a);
  }
  const keyOf = new Map([...byKey].map(([k, a]) => [a.id, k]));
  const sourceOf = (key: AttachmentKey) => (key === 'egress' ? net.egress!.source : net.spokes.find((s) => `spoke:${s.account}` === key)?.source ?? decl.source);

  for (const [key, segment] of want.attachments) {
    const a = byKey.get(key);
    if (!a || a.state !== 'available') {
      out.push(finding({
        category: 'tgw-attachment-missing', resource: { type: 'transit-gateway-attachment', id: a?.id ?? `${tgw.id}/${key}`, name: key }, about: key,
        expected: `available, segment ${segment}`, actual: a ? a.state : null,
        message: a ? `the attachment of ${key} (${a.id}) is ${a.state}` : `${key} has no attachment to Transit Gateway ${tgw.id}`,
        remediation: `redeploy ${key === 'egress' ? 'the network stack' : `the spoke stack network-spoke-${key.slice('spoke:'.length)}`}`, location: sourceOf(key),
      }));
      continue;
    }
    const table = tables.get(segment);
    if (table && a.associatedRouteTableId !== table.id) {
      mis(`association:${key}`, table.id, a.associatedRouteTableId ?? null, `associates ${key} (${a.id}) with ${a.associatedRouteTableId ?? 'no route table'}, declared segment ${segment} (${table.id})`, sourceOf(key));
    }
  }
  // The VPC behind each attachment (read in its account; absent when unread: its error is reported instead).
  for (const [key, a] of live.vpcs ? byKey : []) {
    const vpc = live.vpcs!.find((v) => v.id === a.resourceId && v.ownerId === a.resourceOwnerId);
    const spoke = net.spokes.find((s) => `spoke:${s.account}` === key);
    const declared = key === 'egress' ? net.egress!.cidr : spoke?.cidr;
    const prefix = key === 'egress' ? undefined : spoke?.prefixLength;
    if (!vpc || (declared ? vpc.cidr === declared : vpc.cidr.endsWith(`/${prefix}`))) continue;
    mis(`vpc-cidr:${key}`, declared ?? `a /${prefix} from IPAM`, vpc.cidr,
      `carries ${key} (${vpc.id}) with CIDR ${vpc.cidr}, declared ${declared ?? `a /${prefix} from IPAM`}: the segments learn a range the declaration does not name`, sourceOf(key));
  }
  for (const t of want.routeTables) {
    const table = tables.get(t.segment);
    const segSource = net.segments.find((s) => s.name === t.segment)?.source ?? decl.source;
    if (!table) {
      mis(`segment:${t.segment}`, `route table for segment ${t.segment}`, null, `has no route table for segment ${t.segment}`, segSource);
      continue;
    }
    const allowed = new Set<string>(t.propagations);
    const liveKeys = new Set<string>();
    for (const attachmentId of table.propagations) {
      const key = keyOf.get(attachmentId);
      if (key) liveKeys.add(key);
      if (!key || !allowed.has(key)) {
        mis(`propagation:${t.segment}:${attachmentId}`, [...allowed], key ?? attachmentId,
          `propagates ${key ?? attachmentId} into segment ${t.segment} (${table.id}), which the declaration does not allow: it can now reach that segment`, segSource);
      }
    }
    for (const key of t.propagations) {
      if (byKey.has(key) && !liveKeys.has(key)) mis(`propagation-missing:${t.segment}:${key}`, key, null, `does not propagate ${key} into segment ${t.segment} (${table.id}) as declared`, segSource);
    }
  }
  if (h.share) {
    // Principals naming an account the audit did not find are left to account-missing.
    const principals = h.share.principals.filter((p) => !holdsUnknown(p)).sort();
    const share = live.shares.find((s) => s.resources.includes(tgw.arn));
    const missing = share ? principals.filter((p) => !share.principals.includes(p)) : principals;
    if (missing.length) {
      out.push(finding({
        category: 'tgw-share-missing', resource: { type: 'resource-share', id: share?.arn ?? `${tgw.id}/share`, name: share?.name ?? h.share.name },
        expected: principals, actual: share?.principals ?? null,
        message: share ? `the RAM share of ${tgw.id} does not reach ${missing.join(', ')}` : `Transit Gateway ${tgw.id} is not shared through RAM`,
        remediation: REDEPLOY, location: decl.source,
      }));
    }
  }
  return out;
};
