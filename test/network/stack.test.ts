/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped; these tests read it as such */
import { desiredState } from '../../desired';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLandingZoneOrThrow } from '../../model';
import { accountStacks } from '../../stacks/accounts';
import { App } from '../../stacks/cdktf';
import { stackContext } from '../../stacks/context';
import { networkStack } from '../../stacks/network';
import { organizationStack } from '../../stacks/organization';
import { exampleNetwork, ROOT_DIR, spoke } from './fixture';

type Tf = { resource: Record<string, Record<string, Record<string, any>>>; output?: Record<string, { value: string }> };

/** Synthesizes the network stacks of the example (after the organization and account stacks, whose ids they use). */
function synthExample(): Record<string, Tf> {
  const lz = loadLandingZoneOrThrow(ROOT_DIR);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-net-synth-'));
  try {
    const app = new App({ outdir, skipValidation: false });
    const ctx = stackContext(app, lz, desiredState(lz));
    organizationStack(ctx);
    accountStacks(ctx);
    networkStack(ctx);
    app.synth();
    const stacks = path.join(outdir, 'stacks');
    return Object.fromEntries(fs.readdirSync(stacks).map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')) as Tf]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const stacks = synthExample();
const hub = stacks.network;
const all = (tf: Tf, type: string): Record<string, any>[] => Object.values(tf.resource[type] ?? {});
const spokeStacks = Object.entries(stacks).filter(([name]) => name.startsWith('network-spoke-'));

describe('network stack (synthesized JSON)', () => {
  it('has one spoke stack per declared spoke, and nothing else', () => {
    expect(Object.keys(stacks).filter((s) => s !== 'organization' && !s.startsWith('accounts-')).sort()).toEqual(['network', ...exampleNetwork().spokes.map((s) => `network-spoke-${s.account}`)].sort());
  });

  it('builds a Transit Gateway that accepts and routes nothing by default', () => {
    const tgws = all(hub, 'aws_ec2_transit_gateway');
    expect(tgws).toHaveLength(1);
    expect(tgws[0]).toMatchObject({
      amazon_side_asn: 64512, auto_accept_shared_attachments: 'disable',
      default_route_table_association: 'disable', default_route_table_propagation: 'disable',
      transit_gateway_cidr_blocks: ['10.255.0.0/24'], provider: 'aws.network-us-east-1',
    });
  });

  it('has one route table per segment', () => {
    expect(all(hub, 'aws_ec2_transit_gateway_route_table').map((t) => t.tags['lzkit:segment']).sort()).toEqual(['egress', 'nonprod', 'prod', 'shared']);
  });

  it('shares the TGW inside the organization to the OU ARNs of Workloads and Infrastructure', () => {
    const shares = all(hub, 'aws_ram_resource_share');
    expect(shares.every((s) => s.allow_external_principals === false)).toBe(true);
    const tgwShare = Object.entries(hub.resource.aws_ram_resource_share).find(([, s]) => s.name === 'lzkit-transit-gateway')![0];
    const principals = all(hub, 'aws_ram_principal_association').filter((p) => p.resource_share_arn.includes(`aws_ram_resource_share.${tgwShare}.`)).map((p) => p.principal);
    expect(principals.sort()).toEqual([
      'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-a1b2-22222222',
      'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-a1b2-33333333',
    ]);
    const resources = all(hub, 'aws_ram_resource_association').filter((r) => r.resource_share_arn.includes(tgwShare));
    expect(resources.map((r) => r.resource_arn)).toEqual([expect.stringMatching(/^\$\{aws_ec2_transit_gateway\.hub_.*\.arn\}$/)]);
  });

  it('creates IPAM with the top pool and a regional pool per declared segment pool, each shared', () => {
    expect(all(hub, 'aws_vpc_ipam')).toEqual([expect.objectContaining({ operating_regions: [{ region_name: 'us-east-1' }] })]);
    expect(all(hub, 'aws_vpc_ipam_pool_cidr').map((c) => c.cidr).sort()).toEqual(['10.0.0.0/8', '10.16.0.0/12', '10.32.0.0/12', '10.48.0.0/12']);
    const regional = all(hub, 'aws_vpc_ipam_pool').filter((p) => p.locale === 'us-east-1');
    expect(regional).toHaveLength(3);
    expect(all(hub, 'aws_ram_resource_share').map((s) => s.name).sort()).toEqual(['lzkit-ipam-nonprod', 'lzkit-ipam-prod', 'lzkit-ipam-shared', 'lzkit-transit-gateway']);
  });

  it.each(spokeStacks)('%s: VPC, subnets per tier and AZ, attachment, accepter, routes to the TGW, S3 flow log', (name, tf) => {
    const decl = exampleNetwork().spokes.find((s) => `network-spoke-${s.account}` === name)!;
    expect(all(tf, 'aws_vpc')).toHaveLength(1);
    expect(all(tf, 'aws_subnet')).toHaveLength(decl.azs.length * decl.tiers.length);
    expect(new Set(all(tf, 'aws_subnet').map((s) => s.availability_zone))).toEqual(new Set(decl.azs));
    const attachments = all(tf, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachments).toHaveLength(1);
    // The TGW id comes from the network stack by reference (remote state), never a literal.
    expect(attachments[0].transit_gateway_id).toMatch(/terraform_remote_state\.cross-stack-reference-input-network/);
    expect(attachments[0].subnet_ids).toHaveLength(decl.azs.length);
    expect(all(tf, 'aws_ec2_transit_gateway_vpc_attachment_accepter')).toEqual([expect.objectContaining({ provider: 'aws.network-us-east-1' })]);
    expect(all(tf, 'aws_route').every((r) => r.destination_cidr_block === '0.0.0.0/0' && /remote_state/.test(r.transit_gateway_id))).toBe(true);
    // The example declares the log archive (accounts/logging.yaml): flow logs go to its bucket, under its prefix.
    expect(all(tf, 'aws_flow_log')).toEqual([expect.objectContaining({ log_destination_type: 's3', log_destination: 'arn:aws:s3:::lzkit-logs-222222222222/vpc-flow-logs/', traffic_type: 'ALL' })]);
  });

  // A VPC attachment to a TGW shared from another account stays pendingAcceptance until the owner
  // accepts it, and a route to the TGW needs an available attachment
  // (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html,
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway_vpc_attachment_accepter).
  it.each(spokeStacks)('%s: routes to the TGW wait for the accepter, not only the attachment', (_name, tf) => {
    const [accepter] = Object.keys(tf.resource.aws_ec2_transit_gateway_vpc_attachment_accepter);
    for (const r of all(tf, 'aws_route')) expect(r.depends_on).toEqual([`aws_ec2_transit_gateway_vpc_attachment_accepter.${accepter}`]);
    for (const type of ['aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']) {
      for (const r of all(tf, type)) expect(r.transit_gateway_attachment_id).toBe(`\${aws_ec2_transit_gateway_vpc_attachment_accepter.${accepter}.id}`);
    }
  });

  // IPAM allocates the next free block of a pool and knows nothing of VPCs created with a literal
  // CIDR, unless the range is allocated (reserved) in the pool:
  // https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html,
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipam_pool_cidr_allocation
  it('reserves every literal VPC and TGW CIDR in the IPAM pool that holds it', () => {
    const n = exampleNetwork();
    const reserved = all(hub, 'aws_vpc_ipam_pool_cidr_allocation').map((r) => r.cidr).sort();
    const literal = [...n.spokes.flatMap((x) => (x.cidr ? [x.cidr] : [])), '10.0.0.0/24', ...(n.transitGateway.cidrBlocks ?? [])].sort();
    expect(reserved).toEqual(literal);
    const nonprod = all(hub, 'aws_vpc_ipam_pool_cidr_allocation').find((r) => r.cidr === spoke(n, 'nonprod-payments').cidr)!;
    expect(nonprod.ipam_pool_id).toBe(`\${${Object.entries(hub.resource.aws_vpc_ipam_pool).filter(([, p]) => p.tags?.['lzkit:segment'] === 'nonprod').map(([id]) => `aws_vpc_ipam_pool.${id}.id`)[0]}}`);
  });

  it('gives explicit spokes literal subnet CIDRs inside the VPC, and IPAM spokes cidrsubnet of the allocated CIDR', () => {
    const payments = all(stacks['network-spoke-prod-payments'], 'aws_subnet').map((s) => s.cidr_block).sort();
    expect(payments).toEqual(['10.16.0.0/20', '10.16.16.0/20', '10.16.32.0/22', '10.16.36.0/22', '10.16.40.0/28', '10.16.40.16/28']);
    const web = stacks['network-spoke-nonprod-web'];
    expect(all(web, 'aws_vpc')[0]).toMatchObject({ ipv4_netmask_length: 20, ipv4_ipam_pool_id: expect.stringMatching(/remote_state/) });
    expect(all(web, 'aws_subnet').map((s) => s.cidr_block)).toContain(`\${cidrsubnet(aws_vpc.${Object.keys(web.resource.aws_vpc)[0]}.cidr_block, 2, 0)}`);
  });

  it('routes exactly the declared reachability: associations and propagations read back from the JSON', () => {
    // Route table resource -> segment, via the tag on the table in the hub stack.
    const tableSegment = new Map(Object.entries(hub.resource.aws_ec2_transit_gateway_route_table).map(([id, t]) => [id, t.tags['lzkit:segment'] as string]));
    const segmentOf = (ref: string): string => {
      // A reference in a spoke stack goes through a hub output; follow it back to the table.
      const out = /outputs\.([\w-]+)\}/.exec(ref);
      const local = out ? hub.output![out[1]].value : ref;
      const id = /aws_ec2_transit_gateway_route_table\.([\w-]+)\.id/.exec(local)![1];
      return tableSegment.get(id)!;
    };
    const associated = new Map<string, string>();
    const propagated = new Set<string>();
    for (const [name, tf] of spokeStacks) {
      const account = name.slice('network-spoke-'.length);
      for (const a of all(tf, 'aws_ec2_transit_gateway_route_table_association')) associated.set(account, segmentOf(a.transit_gateway_route_table_id));
      for (const p of all(tf, 'aws_ec2_transit_gateway_route_table_propagation')) propagated.add(`${account}->${segmentOf(p.transit_gateway_route_table_id)}`);
    }

    // Expected from the raw declaration: a spoke of S propagates into T iff S = T, T and S are
    // linked by `reaches` on either side, or T is the egress segment S exits through.
    const n = exampleNetwork();
    const reaches = (a: string, b: string) => n.segments.some((s) => (s.name === a && s.reaches?.includes(b)) || (s.name === b && s.reaches?.includes(a)));
    const expected = new Set<string>();
    for (const s of n.spokes) {
      for (const t of n.segments) {
        if (t.name === s.segment || reaches(s.segment, t.name) || (t.name === n.egress.segment && n.egress.usedBy.includes(s.segment))) expected.add(`${s.account}->${t.name}`);
      }
    }
    expect([...propagated].sort()).toEqual([...expected].sort());
    expect(Object.fromEntries(associated)).toEqual(Object.fromEntries(n.spokes.map((s) => [s.account, s.segment])));
    // The isolation the example exists for: nothing of prod lands in nonprod's table, nor the reverse.
    expect([...propagated].filter((p) => /^prod-.*->nonprod$|^nonprod-.*->prod$/.test(p))).toEqual([]);
  });

  it('sends segments that use central egress to the egress attachment and drops other private ranges', () => {
    const tableSegment = new Map(Object.entries(hub.resource.aws_ec2_transit_gateway_route_table).map(([id, t]) => [id, t.tags['lzkit:segment'] as string]));
    const routes = all(hub, 'aws_ec2_transit_gateway_route').map((r) => ({
      segment: tableSegment.get(/route_table\.([\w-]+)\.id/.exec(r.transit_gateway_route_table_id)![1]),
      cidr: r.destination_cidr_block, blackhole: r.blackhole === true, toEgress: /egress_attachment/.test(r.transit_gateway_attachment_id ?? ''),
    }));
    for (const segment of ['prod', 'nonprod', 'shared']) {
      expect(routes.filter((r) => r.segment === segment && r.toEgress).map((r) => r.cidr)).toEqual(['0.0.0.0/0']);
      expect(routes.filter((r) => r.segment === segment && r.blackhole).map((r) => r.cidr)).toContain('10.0.0.0/8');
    }
    expect(routes.filter((r) => r.segment === 'egress')).toEqual([]);
    expect(all(hub, 'aws_nat_gateway')).toHaveLength(2);
    expect(all(hub, 'aws_flow_log')).toEqual([expect.objectContaining({ log_destination_type: 's3' })]);
  });
});
