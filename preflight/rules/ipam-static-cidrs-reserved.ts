import { contains, overlaps, parseCidr } from '../../model/network/cidr';
import { allResources, referencesIn, str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/**
 * IPAM allocates from a pool's CIDRs without knowing about VPCs created with a fixed CIDR. A pool
 * that VPCs allocate from (directly or through a RAM share) must reserve every fixed VPC CIDR
 * inside it with an allocation (`aws_vpc_ipam_pool_cidr_allocation`), or IPAM can hand out an
 * overlapping block.
 */
export const ipamStaticCidrsReserved: PreconditionRule = {
  id: 'ipam-static-cidrs-reserved',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html',
  description: 'Every VPC with a fixed CIDR inside an IPAM pool that allocates is reserved in that pool by an aws_vpc_ipam_pool_cidr_allocation.',
  check({ stacks }) {
    const all = allResources(stacks);
    const poolAddress = (ref: string | undefined) => [...referencesIn(ref ?? '')].find((a) => a.startsWith('aws_vpc_ipam_pool.'));
    // Pools something allocates from: a VPC names it, or RAM shares it with the accounts that will.
    const allocating = new Set<string>();
    for (const { resource: r } of all) {
      if (r.type === 'aws_vpc') { const p = poolAddress(str(r.body, 'ipv4_ipam_pool_id')); if (p) allocating.add(p); }
      if (r.type === 'aws_ram_resource_association') { const p = poolAddress(str(r.body, 'resource_arn')); if (p) allocating.add(p); }
    }
    const poolCidrs = all.filter(({ resource: r }) => r.type === 'aws_vpc_ipam_pool_cidr')
      .map(({ resource: r }) => ({ pool: poolAddress(str(r.body, 'ipam_pool_id')), cidr: parseCidr(str(r.body, 'cidr') ?? '') }))
      .filter((p) => p.pool && p.cidr && allocating.has(p.pool));
    if (!poolCidrs.length) return NOT_APPLICABLE;
    const reserved = all.filter(({ resource: r }) => r.type === 'aws_vpc_ipam_pool_cidr_allocation')
      .map(({ resource: r }) => ({ pool: poolAddress(str(r.body, 'ipam_pool_id')), cidr: parseCidr(str(r.body, 'cidr') ?? '') }));
    const problems: RuleProblem[] = [];
    for (const { stack, resource: vpc } of all.filter(({ resource: r }) => r.type === 'aws_vpc')) {
      const cidr = parseCidr(str(vpc.body, 'cidr_block') ?? '');
      if (!cidr) continue;
      for (const p of poolCidrs) {
        if (!overlaps(p.cidr!, cidr)) continue;
        if (reserved.some((x) => x.pool === p.pool && x.cidr && contains(x.cidr, cidr))) continue;
        problems.push({ stack: stack.name, resource: vpc.address, message: `${vpc.address} has the fixed CIDR ${cidr.text} inside ${p.pool} (${p.cidr!.text}), which allocates to other VPCs, and nothing reserves it: add an aws_vpc_ipam_pool_cidr_allocation of ${cidr.text} in that pool, or move the VPC outside the pool` });
      }
    }
    return outcome(problems);
  },
};
