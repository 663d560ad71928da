import { suggest } from '../organization';
import { regionProblem } from '../regions';
import { roleAccount, type SectionContext } from '../section';
import type { JsonPath } from '../source';
import { accountMayExist, checkTargets } from '../targets';
import type { Targets } from '../types';
import { checkAsn, checkAzs, checkCidrs } from './checks';
import { layoutSubnets, parseCidr } from './cidr';
import { checkIpamRoom } from './ipam';
import type { EgressVpc, FlowLogSettings, IpamDeclaration, NetworkDeclaration, Segment, Spoke, SubnetPlan } from './types';

/** network.yaml as the schema admits it. */
interface RawNetwork {
  transitGateway: { account?: string; region?: string; amazonSideAsn: number; cidrBlocks?: string[]; description?: string; shareWith?: Targets };
  segments: { name: string; reaches?: string[]; isolated?: boolean }[];
  ipam?: { region?: string; topPool: string; pools?: { segment: string; cidr: string; shareWith?: Targets }[] };
  spokes?: RawSpoke[];
  egress?: { segment: string; cidr: string; azs: string[]; usedBy: string[] };
  flowLogs?: { bucketArn?: string; trafficType?: FlowLogSettings['trafficType']; maxAggregationInterval?: 60 | 600 };
}
interface RawSpoke {
  account: string; segment: string; cidr?: string; ipamPool?: string; netmaskLength?: number;
  azs: string[]; tiers: { name: string; size: number }[]; attachmentTier?: string;
}

/** The meaning pass of network.yaml: references, CIDRs, ASN, AZs; every error collected. */
export function buildNetwork(ctx: SectionContext): NetworkDeclaration {
  const { file, core, diagnostics: d } = ctx;
  const raw = file.data as RawNetwork;
  const err = (p: JsonPath, code: string, message: string): void => d.error(file.locate(p), code, message);

  // Transit Gateway and its account.
  const t = raw.transitGateway;
  const tgwAccount = roleAccount(ctx, t.account, { path: ['transitGateway', 'account'], role: 'network', label: 'Transit Gateway', missingCode: 'NETWORK_ACCOUNT_MISSING' });
  const region = t.region ?? core.organization.homeRegion;
  if (!core.gaps?.organization && !core.organization.allowedRegions.includes(region)) {
    err(['transitGateway', 'region'], 'REGION_NOT_ALLOWED', `region ${region} is not in organization.allowedRegions; add it there or use one of ${core.organization.allowedRegions.join(', ')}`);
  }
  checkAsn(t.amazonSideAsn, file, ['transitGateway', 'amazonSideAsn'], d);
  if (t.shareWith) checkTargets(core, t.shareWith, file, ['transitGateway', 'shareWith'], d);

  // Segments and the reachability rules between them.
  const segmentNames = raw.segments.map((s) => s.name);
  const known = new Set<string>();
  raw.segments.forEach((s, i) => {
    if (known.has(s.name)) err(['segments', i, 'name'], 'DUPLICATE_SEGMENT', `segment '${s.name}' is declared twice; segment names must be unique`);
    known.add(s.name);
  });
  const checkSegmentRef = (name: string, p: JsonPath, what: string): boolean => {
    if (known.has(name)) return true;
    err(p, 'UNKNOWN_SEGMENT', `${what} names segment '${name}', which segments does not declare${suggest(name, segmentNames)}`);
    return false;
  };
  const segments: Segment[] = raw.segments.map((s, i) => {
    (s.reaches ?? []).forEach((r, j) => {
      checkSegmentRef(r, ['segments', i, 'reaches', j], `the reachability rule of segment '${s.name}'`);
      if (r === s.name) err(['segments', i, 'reaches', j], 'SELF_REACH', `segment '${s.name}' lists itself in reaches; spokes of one segment reach each other unless 'isolated: true'; remove it`);
    });
    return Object.freeze({ name: s.name, reaches: Object.freeze([...(s.reaches ?? [])]), isolated: s.isolated ?? false, source: file.locate(['segments', i]) });
  });

  // IPAM pools, one per segment.
  let ipam: IpamDeclaration | undefined;
  if (raw.ipam) {
    const pools = (raw.ipam.pools ?? []).map((p, i) => {
      checkSegmentRef(p.segment, ['ipam', 'pools', i, 'segment'], 'an IPAM pool');
      if (p.shareWith) checkTargets(core, p.shareWith, file, ['ipam', 'pools', i, 'shareWith'], d);
      return Object.freeze({ segment: p.segment, cidr: p.cidr, shareWith: p.shareWith, source: file.locate(['ipam', 'pools', i]) });
    });
    pools.forEach((p, i) => {
      const first = pools.findIndex((q) => q.segment === p.segment);
      if (first !== i) err(['ipam', 'pools', i, 'segment'], 'DUPLICATE_IPAM_POOL', `segment '${p.segment}' already has an IPAM pool (line ${pools[first].source.line}); declare one pool per segment`);
    });
    const ipamProblem = raw.ipam.region === undefined ? undefined : regionProblem(raw.ipam.region, core.organization.homeRegion);
    if (ipamProblem) err(['ipam', 'region'], 'UNKNOWN_REGION', `ipam.region: ${ipamProblem}`);
    ipam = Object.freeze({ region: raw.ipam.region ?? region, topPool: raw.ipam.topPool, pools: Object.freeze(pools), source: file.locate(['ipam']) });
  }

  // Spokes.
  const seenAccounts = new Map<string, number>();
  const spokes: Spoke[] = [];
  (raw.spokes ?? []).forEach((s, i) => {
    const at = (...p: JsonPath): JsonPath => ['spokes', i, ...p];
    if (!accountMayExist(core, s.account)) {
      err(at('account'), 'UNKNOWN_ACCOUNT', `spoke account '${s.account}' is not declared in accounts.yaml${suggest(s.account, [...core.accounts.keys()])}`);
    } else if (seenAccounts.has(s.account)) {
      err(at('account'), 'DUPLICATE_SPOKE', `account '${s.account}' already has a spoke (spokes[${seenAccounts.get(s.account)}]); declare one spoke VPC per account`);
    }
    seenAccounts.set(s.account, i);
    checkSegmentRef(s.segment, at('segment'), `spoke '${s.account}'`);
    const poolName = s.ipamPool;
    if (poolName !== undefined && !ipam?.pools.some((p) => p.segment === poolName)) {
      err(at('ipamPool'), 'UNKNOWN_IPAM_POOL', `spoke '${s.account}' names IPAM pool '${poolName}', which ipam.pools does not declare${suggest(poolName, ipam?.pools.map((p) => p.segment) ?? [])}`);
    }
    if (s.cidr === undefined && (poolName === undefined || s.netmaskLength === undefined)) {
      err(at(), 'SPOKE_CIDR_MISSING', `spoke '${s.account}' has no CIDR; give 'cidr', or 'ipamPool' with 'netmaskLength' to let IPAM allocate one`);
    }
    if (s.cidr !== undefined && s.netmaskLength !== undefined) {
      err(at('netmaskLength'), 'CIDR_AND_NETMASK', `spoke '${s.account}' gives both 'cidr' and 'netmaskLength'; keep one`);
    }
    const vpc = s.cidr ? parseCidr(s.cidr) : undefined;
    const prefixLength = vpc?.prefix ?? s.netmaskLength ?? 16;
    const tierNames = s.tiers.map((tr) => tr.name);
    s.tiers.forEach((tr, j) => {
      if (tierNames.indexOf(tr.name) !== j) err(at('tiers', j, 'name'), 'DUPLICATE_TIER', `tier '${tr.name}' is declared twice in spoke '${s.account}'`);
    });
    const attachmentTier = s.attachmentTier ?? tierNames[tierNames.length - 1];
    if (!tierNames.includes(attachmentTier)) {
      err(at('attachmentTier'), 'UNKNOWN_TIER', `attachmentTier '${attachmentTier}' is not a tier of spoke '${s.account}'${suggest(attachmentTier, tierNames)}`);
    }
    s.azs.forEach((az, j) => {
      if (s.azs.indexOf(az) !== j) err(at('azs', j), 'DUPLICATE_AZ', `AZ '${az}' is listed twice in spoke '${s.account}'`);
    });
    const subnets = layoutSubnetsOrReport(prefixLength, s.tiers, s.azs, vpc, () => err(at('tiers'), 'SUBNETS_DO_NOT_FIT',
      `the subnets of spoke '${s.account}' (${s.tiers.map((tr) => `${s.azs.length} x /${tr.size}`).join(' + ')}) do not fit in a /${prefixLength}; use smaller subnets, fewer AZs or a larger VPC`));
    spokes.push(Object.freeze({
      account: s.account, segment: s.segment, cidr: s.cidr, ipamPool: poolName, prefixLength, region,
      azs: Object.freeze([...s.azs]), tiers: Object.freeze(s.tiers.map((tr) => Object.freeze({ ...tr }))),
      attachmentTier, subnets, source: file.locate(at()),
    }));
  });

  // Central egress.
  let egress: EgressVpc | undefined;
  if (raw.egress) {
    const e = raw.egress;
    checkSegmentRef(e.segment, ['egress', 'segment'], 'the egress VPC');
    e.usedBy.forEach((u, j) => {
      checkSegmentRef(u, ['egress', 'usedBy', j], 'egress.usedBy');
      if (u === e.segment) err(['egress', 'usedBy', j], 'EGRESS_SELF', `the egress segment '${u}' cannot use itself for egress; remove it from usedBy`);
    });
    const vpc = parseCidr(e.cidr);
    const tiers = [{ name: 'public', size: Math.min(28, (vpc?.prefix ?? 24) + 2) }, { name: 'transit', size: 28 }];
    const subnets = layoutSubnetsOrReport(vpc?.prefix ?? 24, tiers, e.azs, vpc, () => err(['egress', 'cidr'], 'SUBNETS_DO_NOT_FIT',
      `the egress VPC ${e.cidr} is too small for a public and a transit subnet in ${e.azs.length} AZs; use a /24 or larger`));
    egress = Object.freeze({ segment: e.segment, cidr: e.cidr, azs: Object.freeze([...e.azs]), usedBy: Object.freeze([...e.usedBy]), subnets, source: file.locate(['egress']) });
  }

  const flowLogs: FlowLogSettings = Object.freeze({
    bucketArn: raw.flowLogs?.bucketArn, trafficType: raw.flowLogs?.trafficType ?? 'ALL', maxAggregationInterval: raw.flowLogs?.maxAggregationInterval ?? 600,
  });

  const decl: NetworkDeclaration = Object.freeze({
    transitGateway: Object.freeze({
      account: tgwAccount ?? '', region, amazonSideAsn: t.amazonSideAsn, cidrBlocks: Object.freeze([...(t.cidrBlocks ?? [])]),
      shareWith: t.shareWith, description: t.description ?? 'lzkit hub', source: file.locate(['transitGateway']),
    }),
    segments: Object.freeze(segments), ipam, spokes: Object.freeze(spokes), egress, flowLogs, source: file.locate([]),
  });
  checkCidrs(decl, file, d);
  checkIpamRoom(decl, file, d);
  checkAzs(decl, file, d);
  return decl;
}

function layoutSubnetsOrReport(...args: [...Parameters<typeof layoutSubnets>, () => void]): readonly SubnetPlan[] {
  const [prefix, tiers, azs, vpc, report] = args;
  const plans = layoutSubnets(prefix, tiers, azs, vpc);
  if (!plans) report();
  return Object.freeze(plans ?? []);
}
