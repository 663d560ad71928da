import { Diagnostics, formatDiagnostic } from '../../model';
import { checkAsn } from '../../model/network/checks';
import { SourceFile } from '../../model/source';
import { loadWithNetwork, spoke } from './fixture';

const codes = (r: ReturnType<typeof loadWithNetwork>) => r.errors.map((e) => e.code);
const lines = (r: ReturnType<typeof loadWithNetwork>) => r.errors.map(formatDiagnostic);

describe('network.yaml: bad input is named with a code and a location', () => {
  it('accepts the example unchanged', () => {
    const r = loadWithNetwork(() => undefined);
    expect(r.errors).toEqual([]);
    expect(r.model?.network?.spokes.map((s) => s.account)).toEqual(['prod-payments', 'prod-web', 'nonprod-payments', 'nonprod-web', 'shared-services']);
  });

  it('names both spokes whose CIDRs overlap', () => {
    const r = loadWithNetwork((n) => { spoke(n, 'prod-web').cidr = '10.16.0.0/17'; spoke(n, 'prod-web').tiers = [{ name: 'app', size: 24 }]; });
    const overlap = r.errors.filter((e) => e.code === 'CIDR_OVERLAP');
    expect(overlap).toHaveLength(1);
    expect(overlap[0].message).toContain("spoke 'prod-web' 10.16.0.0/17");
    expect(overlap[0].message).toContain("spoke 'prod-payments' 10.16.0.0/16");
    expect(overlap[0].file).toBe('accounts/network.yaml');
    expect(overlap[0].line).toBeGreaterThan(1);
  });

  it('names a spoke that overlaps a Transit Gateway CIDR block', () => {
    const r = loadWithNetwork((n) => { n.transitGateway.cidrBlocks = ['10.48.0.0/24']; });
    expect(lines(r).join('\n')).toMatch(/CIDR_OVERLAP spoke 'shared-services' 10\.48\.0\.0\/16 overlaps Transit Gateway CIDR block 10\.48\.0\.0\/24/);
  });

  it('rejects a spoke CIDR outside its IPAM pool, and a pool outside the top pool', () => {
    const r = loadWithNetwork((n) => { spoke(n, 'prod-web').cidr = '10.33.0.0/16'; n.ipam.pools[2].cidr = '172.16.0.0/12'; });
    const outside = r.errors.filter((e) => e.code === 'CIDR_OUTSIDE_POOL').map((e) => e.message);
    expect(outside).toEqual(expect.arrayContaining([
      expect.stringContaining("spoke 'prod-web' 10.33.0.0/16 is not inside its IPAM pool 'prod' 10.16.0.0/12"),
      expect.stringContaining("IPAM pool 'shared' 172.16.0.0/12 is not inside the top pool 10.0.0.0/8"),
    ]));
    expect(codes(r)).not.toContain('CIDR_OVERLAP');
  });

  it.each([[64511], [65535], [4199999999], [4294967295], [1]])('rejects the public or reserved ASN %p', (asn) => {
    const r = loadWithNetwork((n) => { n.transitGateway.amazonSideAsn = asn; });
    expect(codes(r)).toEqual(['ASN_NOT_PRIVATE']);
    expect(r.errors[0].message).toContain('64512-65534 or 4200000000-4294967294');
  });

  it.each([[64512], [65534], [4200000000], [4294967294]])('accepts the private ASN %p', (asn) => {
    const d = new Diagnostics();
    checkAsn(asn, SourceFile.fromData('accounts/network.yaml', {}), ['transitGateway', 'amazonSideAsn'], d);
    expect(d.errors).toEqual([]);
  });

  // IPAM hands out the next free block of the pool; the literal CIDRs in it are reserved
  // (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html), so a spoke IPAM allocates
  // for needs a free block of its size next to them.
  it('rejects an IPAM spoke whose pool has no free block left next to the reserved literal CIDRs', () => {
    const r = loadWithNetwork((n) => {
      n.ipam.pools.find((p) => p.segment === 'nonprod')!.cidr = '10.32.0.0/16';
      spoke(n, 'nonprod-payments').cidr = '10.32.0.0/17';
      spoke(n, 'nonprod-web').netmaskLength = 17;
      spoke(n, 'nonprod-web').tiers = [{ name: 'app', size: 19 }, { name: 'transit', size: 28 }];
      n.spokes.push({ ...spoke(n, 'nonprod-web'), account: 'sandbox-alice' });
    });
    expect(codes(r)).toEqual(['IPAM_POOL_FULL']);
    expect(r.errors[0].message).toMatch(/spoke 'sandbox-alice' needs a \/17 from IPAM pool 'nonprod' 10\.32\.0\.0\/16/);
  });

  it('rejects a spoke in an undeclared account or segment', () => {
    const r = loadWithNetwork((n) => { spoke(n, 'prod-web').account = 'prod-wbe'; spoke(n, 'shared-services').segment = 'sharde'; });
    expect(lines(r)).toEqual(expect.arrayContaining([
      expect.stringMatching(/UNKNOWN_ACCOUNT spoke account 'prod-wbe' is not declared.*prod-web/),
      expect.stringMatching(/UNKNOWN_SEGMENT spoke 'shared-services' names segment 'sharde'.*shared/),
    ]));
  });

  it('rejects AZ names that do not belong to the region', () => {
    const r = loadWithNetwork((n) => { spoke(n, 'prod-web').azs = ['us-east-1a', 'us-west-2b', 'us-east-1g']; });
    const az = r.errors.filter((e) => e.code === 'AZ_NOT_IN_REGION').map((e) => e.message);
    expect(az).toHaveLength(2);
    expect(az[0]).toContain("'us-west-2b' is not an AZ of us-east-1");
    expect(az[1]).toContain("us-east-1 has no AZ 'us-east-1g'");
  });

  it('rejects a reachability rule naming an unknown segment', () => {
    const r = loadWithNetwork((n) => { n.segments[0].reaches = ['shared', 'prodd']; });
    expect(codes(r)).toEqual(['UNKNOWN_SEGMENT']);
    expect(r.errors[0].message).toContain("the reachability rule of segment 'prod' names segment 'prodd'");
  });

  it('rejects subnets that do not fit, host bits in a CIDR, and unknown keys', () => {
    expect(codes(loadWithNetwork((n) => { spoke(n, 'prod-web').tiers = [{ name: 'app', size: 17 }]; }))).toEqual(['SUBNETS_DO_NOT_FIT']);
    expect(codes(loadWithNetwork((n) => { spoke(n, 'prod-web').cidr = '10.17.0.1/16'; }))).toContain('INVALID_CIDR');
    expect(codes(loadWithNetwork((n) => { n.segments[0].reach = ['shared']; }))).toEqual(['UNKNOWN_KEY']);
  });

  it('rejects two spokes for one account and an IPAM spoke without a netmask', () => {
    const r = loadWithNetwork((n) => {
      n.spokes.push({ ...spoke(n, 'prod-web'), cidr: '10.18.0.0/16' });
      delete spoke(n, 'nonprod-web').netmaskLength;
    });
    expect(codes(r).sort()).toEqual(['DUPLICATE_SPOKE', 'SPOKE_CIDR_MISSING']);
  });
});
