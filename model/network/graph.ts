import type { NetworkDeclaration } from './types';

/**
 * The segment graph and the TGW route tables it implies. The network stack builds its
 * associations, propagations and static routes from `routePlan`, and `reach` answers from the
 * same plan, so what lzkit says about reachability is what it deploys.
 */

/** A TGW attachment: a spoke VPC (by account) or the central egress VPC. */
export type AttachmentKey = `spoke:${string}` | 'egress';

export const spokeAttachment = (account: string): AttachmentKey => `spoke:${account}`;

export interface StaticRoute {
  readonly cidr: string;
  /** `egress`: to the egress VPC attachment; `blackhole`: dropped. */
  readonly target: 'egress' | 'blackhole';
}

export interface SegmentRouteTable {
  readonly segment: string;
  /** Attachments whose traffic is looked up in this table. */
  readonly associations: readonly AttachmentKey[];
  /** Attachments whose VPC CIDR this table learns (a route to them). */
  readonly propagations: readonly AttachmentKey[];
  readonly staticRoutes: readonly StaticRoute[];
}

/**
 * Private ranges dropped in the tables of segments that send their default route to the egress
 * VPC: without them a spoke could reach another segment through the NAT gateways' VPC (its
 * route tables send private ranges back to the TGW). Propagated spoke routes are more specific
 * and still win, so the declared reachability is unchanged.
 */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** Segment -> segments it exchanges traffic with: the symmetric closure of `reaches`, no self edges. */
export function segmentNeighbours(net: NetworkDeclaration): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>(net.segments.map((s) => [s.name, new Set<string>()]));
  for (const s of net.segments) {
    for (const r of s.reaches) {
      if (r === s.name || !out.has(r)) continue;
      out.get(s.name)!.add(r);
      out.get(r)!.add(s.name);
    }
  }
  return out;
}

/** Whether spokes of segment `a` may exchange traffic with spokes of segment `b`, as declared. */
export function segmentsConnected(net: NetworkDeclaration, a: string, b: string): boolean {
  if (a === b) return !net.segments.find((s) => s.name === a)?.isolated;
  return segmentNeighbours(net).get(a)?.has(b) ?? false;
}

/** One route table per segment, with exactly the associations, propagations and static routes the declaration allows. */
export function routePlan(net: NetworkDeclaration): SegmentRouteTable[] {
  const neighbours = segmentNeighbours(net);
  const attachments: { key: AttachmentKey; segment: string }[] = net.spokes.map((s) => ({ key: spokeAttachment(s.account), segment: s.segment }));
  if (net.egress) attachments.push({ key: 'egress', segment: net.egress.segment });
  const egressUsers = new Set(net.egress?.usedBy ?? []);

  return net.segments.map((table) => {
    const propagations = attachments.filter(({ key, segment }) =>
      (segment === table.name && !table.isolated)
      || neighbours.get(segment)?.has(table.name)
      // The egress table needs the way back to every spoke that sends it traffic.
      || (net.egress?.segment === table.name && key !== 'egress' && egressUsers.has(segment)));
    const staticRoutes: StaticRoute[] = egressUsers.has(table.name)
      ? [{ cidr: '0.0.0.0/0', target: 'egress' }, ...PRIVATE_RANGES.map((cidr) => ({ cidr, target: 'blackhole' as const }))]
      : [];
    return Object.freeze({
      segment: table.name,
      associations: Object.freeze(attachments.filter((a) => a.segment === table.name).map((a) => a.key)),
      propagations: Object.freeze(propagations.map((a) => a.key)),
      staticRoutes: Object.freeze(staticRoutes),
    });
  });
}
