import { reach, type NetworkDeclaration } from '../model/network';
import { sideLocation, type DiffSide, type NetworkChange } from './types';

/** The declaration without its locations: what routing and addressing depend on. */
function signature(net: NetworkDeclaration | undefined): string {
  return JSON.stringify(net ?? null, (k, v: unknown) => (k === 'source' ? undefined : v));
}

/**
 * Spokes added, removed or moved to another segment, CIDRs that change (spoke VPCs, the egress
 * VPC, IPAM pools, the Transit Gateway's own blocks), and pairs of spokes whose reachability
 * flips. Reachability is `reach` on each side (the route plan the network stack deploys); it is
 * symmetric (a flow needs both directions), so each unordered pair is asked once, and only when
 * the network declaration changed at all.
 */
export function diffNetwork(base: DiffSide, head: DiffSide): NetworkChange[] {
  const B = base.lz.network;
  const H = head.lz.network;
  if (signature(B) === signature(H)) return [];
  const out: NetworkChange[] = [];
  const spokesB = new Map((B?.spokes ?? []).map((s) => [s.account, s]));
  const spokesH = new Map((H?.spokes ?? []).map((s) => [s.account, s]));
  for (const [account, h] of spokesH) {
    const b = spokesB.get(account);
    const at = sideLocation(head, h.source);
    if (!b) {
      out.push({ kind: 'spoke-added', subject: `spoke:${account}`, after: `${h.segment} ${h.cidr ?? `IPAM /${h.prefixLength}`}`, location: at });
      continue;
    }
    if (b.segment !== h.segment) out.push({ kind: 'spoke-segment-changed', subject: `spoke:${account}`, before: b.segment, after: h.segment, location: at });
    const cidr = (s: typeof h) => s.cidr ?? `IPAM ${s.ipamPool ?? s.segment} /${s.prefixLength}`;
    if (cidr(b) !== cidr(h)) out.push({ kind: 'cidr-changed', subject: `spoke:${account}`, before: cidr(b), after: cidr(h), location: at });
  }
  for (const [account, b] of spokesB) {
    if (!spokesH.has(account)) out.push({ kind: 'spoke-removed', subject: `spoke:${account}`, before: `${b.segment} ${b.cidr ?? `IPAM /${b.prefixLength}`}`, location: sideLocation(base, b.source) });
  }
  if (B?.egress?.cidr !== H?.egress?.cidr && B?.egress && H?.egress) {
    out.push({ kind: 'cidr-changed', subject: 'egress', before: B.egress.cidr, after: H.egress.cidr, location: sideLocation(head, H.egress.source) });
  }
  const poolsB = new Map((B?.ipam?.pools ?? []).map((p) => [p.segment, p]));
  for (const p of H?.ipam?.pools ?? []) {
    const b = poolsB.get(p.segment);
    if (b && b.cidr !== p.cidr) out.push({ kind: 'cidr-changed', subject: `ipam-pool:${p.segment}`, before: b.cidr, after: p.cidr, location: sideLocation(head, p.source) });
  }
  const tgwB = B?.transitGateway.cidrBlocks.join(', ') ?? '';
  const tgwH = H?.transitGateway.cidrBlocks.join(', ') ?? '';
  if (B && H && tgwB !== tgwH) out.push({ kind: 'cidr-changed', subject: 'transit-gateway', before: tgwB, after: tgwH, location: sideLocation(head, H.transitGateway.source) });

  // Pairs of accounts declared on both sides with a spoke on either side.
  const accounts = [...new Set([...spokesB.keys(), ...spokesH.keys()])].filter((a) => base.lz.accounts.has(a) && head.lz.accounts.has(a)).sort();
  for (let i = 0; i < accounts.length; i++) {
    for (let j = i + 1; j < accounts.length; j++) {
      const [x, y] = [accounts[i], accounts[j]];
      const before = reach(base.lz, x, y).reachable;
      const after = reach(head.lz, x, y).reachable;
      if (before === after) continue;
      out.push({ kind: 'reachability', subject: x, peer: y, before: before ? 'reachable' : 'unreachable', after: after ? 'reachable' : 'unreachable', location: reachLocation(base, head, x, y) });
    }
  }
  return out;
}

/**
 * The line behind a flipped pair: a spoke that moved segment, else a segment of the pair whose
 * reachability or isolation changed, else the head side's spoke (or the base side's when gone).
 */
function reachLocation(base: DiffSide, head: DiffSide, x: string, y: string) {
  const B = base.lz.network;
  const H = head.lz.network;
  const spoke = (net: NetworkDeclaration | undefined, a: string) => net?.spokes.find((s) => s.account === a);
  for (const a of [x, y]) {
    const h = spoke(H, a);
    if (h && spoke(B, a)?.segment !== h.segment) return sideLocation(head, h.source);
  }
  for (const a of [x, y]) {
    const seg = spoke(H, a)?.segment;
    const h = H?.segments.find((s) => s.name === seg);
    const b = B?.segments.find((s) => s.name === seg);
    if (h && JSON.stringify([b?.reaches, b?.isolated]) !== JSON.stringify([h.reaches, h.isolated])) return sideLocation(head, h.source);
  }
  const h = spoke(H, x) ?? spoke(H, y);
  if (h) return sideLocation(head, h.source);
  return sideLocation(base, (spoke(B, x) ?? spoke(B, y))!.source);
}
