import type { LandingZone } from '../landing-zone';
import { suggest } from '../organization';
import { contains, parseCidr, type Cidr } from './cidr';
import { routePlan, spokeAttachment, type AttachmentKey, type SegmentRouteTable } from './graph';
import type { NetworkDeclaration, Spoke } from './types';

/** The answer to "can traffic flow from account A to account B", with the hops that decide it. */
export interface ReachResult {
  readonly from: string;
  readonly to: string;
  /** True only when both the way there and the way back are routed. */
  readonly reachable: boolean;
  /** Hops from the source spoke to the destination (or to where the packet is dropped). */
  readonly path: readonly string[];
  /** Hops of the reply, from the destination back to the source. */
  readonly returnPath: readonly string[];
  /** One sentence: why. */
  readonly reason: string;
}

/** Thrown for an account the declaration does not have (the CLI turns it into exit 2). */
export class UnknownAccountError extends Error {
  constructor(readonly account: string, hint: string) {
    super(`account '${account}' is not declared in accounts.yaml${hint}`);
    this.name = 'UnknownAccountError';
  }
}

type Leg = { ok: true; hops: string[] } | { ok: false; hops: string[]; reason: string };

/**
 * Whether traffic can flow from the spoke VPC of account `from` to that of account `to`, answered
 * from the route tables the network stack deploys (`routePlan`): a longest-prefix lookup in the
 * source segment's table, then the same for the reply. Usable in jest:
 * `expect(reach(lz, 'nonprod-web', 'prod-web').reachable).toBe(false)`.
 */
export function reach(lz: LandingZone, from: string, to: string): ReachResult {
  for (const name of [from, to]) {
    if (!lz.accounts.has(name)) throw new UnknownAccountError(name, suggest(name, [...lz.accounts.keys()]));
  }
  const net = lz.network;
  const src = net?.spokes.find((s) => s.account === from);
  const dst = net?.spokes.find((s) => s.account === to);
  const result = (reachable: boolean, path: string[], returnPath: string[], reason: string): ReachResult =>
    Object.freeze({ from, to, reachable, path: Object.freeze(path), returnPath: Object.freeze(returnPath), reason });
  if (!net) return result(false, [], [], 'the declaration has no network (accounts/network.yaml)');
  if (!src || !dst) return result(false, [], [], `'${!src ? from : to}' has no spoke VPC in network.yaml`);
  if (from === to) return result(true, [`spoke:${from}`], [`spoke:${from}`], 'same VPC: traffic stays inside it (local route)');

  const tables = new Map(routePlan(net).map((t) => [t.segment, t]));
  const there = leg(net, tables, src, dst);
  const back = there.ok ? leg(net, tables, dst, src) : { ok: false as const, hops: [], reason: 'not tried: the way there is not routed' };
  if (!there.ok) return result(false, there.hops, [], there.reason);
  if (!back.ok) return result(false, there.hops, back.hops, `the way there is routed but the reply is not: ${back.reason}`);
  return result(true, there.hops, back.hops, `routed both ways through the TGW (${src.segment} <-> ${dst.segment})`);
}

/** One direction: source spoke -> its segment's table -> (egress VPC -> egress table ->) destination. */
function leg(net: NetworkDeclaration, tables: ReadonlyMap<string, SegmentRouteTable>, src: Spoke, dst: Spoke): Leg {
  const hops = [`spoke:${src.account}`, `attachment:${src.account}`];
  let segment = src.segment;
  // At most one detour through the egress VPC: it sends private ranges back to the TGW.
  for (let step = 0; step < 2; step++) {
    hops.push(`route-table:${segment}`);
    const table = tables.get(segment);
    const route = table ? lookup(net, table, dst) : undefined;
    if (!route) return { ok: false, hops: [...hops, 'no-route'], reason: `route table '${segment}' has no route to ${dst.account} (${dst.segment})` };
    if (route.target === 'blackhole') {
      return { ok: false, hops: [...hops, `blackhole:${route.cidr}`], reason: `route table '${segment}' drops ${route.cidr} (blackhole), which holds ${dst.account}` };
    }
    if (route.target === spokeAttachment(dst.account)) {
      return { ok: true, hops: [...hops, `attachment:${dst.account}`, `spoke:${dst.account}`] };
    }
    if (route.target !== 'egress' || !net.egress) break;
    hops.push('attachment:egress', 'vpc:egress');
    segment = net.egress.segment;
  }
  return { ok: false, hops: [...hops, 'no-route'], reason: `no route from ${src.account} reaches ${dst.account}` };
}

/** Longest-prefix match for the destination VPC; a static route wins a tie, as on a TGW. */
function lookup(net: NetworkDeclaration, table: SegmentRouteTable, dst: Spoke): { target: AttachmentKey | 'blackhole'; cidr: string } | undefined {
  const dstRange = vpcRange(net, dst);
  let best: { target: AttachmentKey | 'blackhole'; cidr: string; prefix: number; isStatic: boolean } | undefined;
  const consider = (target: AttachmentKey | 'blackhole', cidr: string, prefix: number, isStatic: boolean): void => {
    if (!best || prefix > best.prefix || (prefix === best.prefix && isStatic && !best.isStatic)) best = { target, cidr, prefix, isStatic };
  };
  const own = spokeAttachment(dst.account);
  if (table.propagations.includes(own)) consider(own, dst.cidr ?? `${dst.account} VPC`, dst.prefixLength, false);
  for (const r of table.staticRoutes) {
    const c = parseCidr(r.cidr);
    if (c && dstRange && contains(c, dstRange)) consider(r.target, r.cidr, c.prefix, true);
  }
  return best;
}

/** The VPC's CIDR, or the IPAM pool it is allocated from when IPAM picks it at deploy time. */
function vpcRange(net: NetworkDeclaration, s: Spoke): Cidr | undefined {
  if (s.cidr) return parseCidr(s.cidr);
  const pool = net.ipam?.pools.find((p) => p.segment === (s.ipamPool ?? s.segment));
  return pool ? parseCidr(pool.cidr) : undefined;
}
