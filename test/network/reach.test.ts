import { loadLandingZoneOrThrow } from '../../model';
import { reach, UnknownAccountError } from '../../model/network';
import { loadWithNetwork, ROOT_DIR } from './fixture';

const lz = loadLandingZoneOrThrow(ROOT_DIR);
const PROD = ['prod-payments', 'prod-web'];
const NONPROD = ['nonprod-payments', 'nonprod-web'];

describe('reach: answered from the same route plan the network stack deploys', () => {
  it.each(NONPROD.flatMap((n) => PROD.map((p) => [n, p])))('nonprod %s cannot reach prod %s, nor the other way', (n, p) => {
    const there = reach(lz, n, p);
    expect(there.reachable).toBe(false);
    // Dropped in nonprod's table: the default route to central egress must not become a way into prod.
    expect(there.path).toEqual([`spoke:${n}`, `attachment:${n}`, 'route-table:nonprod', 'blackhole:10.0.0.0/8']);
    expect(reach(lz, p, n).reachable).toBe(false);
  });

  it.each([...PROD, ...NONPROD])('%s reaches shared-services and back', (a) => {
    const r = reach(lz, a, 'shared-services');
    expect(r.reachable).toBe(true);
    const segment = a.startsWith('prod') ? 'prod' : 'nonprod';
    expect(r.path).toEqual([`spoke:${a}`, `attachment:${a}`, `route-table:${segment}`, 'attachment:shared-services', 'spoke:shared-services']);
    expect(r.returnPath).toContain('route-table:shared');
    expect(reach(lz, 'shared-services', a).reachable).toBe(true);
  });

  it('a spoke reaches itself without the TGW', () => {
    expect(reach(lz, 'prod-web', 'prod-web')).toMatchObject({ reachable: true, path: ['spoke:prod-web'] });
  });

  it('spokes of one segment reach each other unless the segment is isolated', () => {
    expect(reach(lz, 'prod-web', 'prod-payments').reachable).toBe(true);
    const isolated = loadWithNetwork((n) => { n.segments[0].isolated = true; }).model!;
    expect(reach(isolated, 'prod-web', 'prod-payments').reachable).toBe(false);
    expect(reach(isolated, 'prod-web', 'shared-services').reachable).toBe(true);
  });

  it('a one-sided rule is symmetric, and not transitive', () => {
    const m = loadWithNetwork((n) => { n.segments[1].reaches = []; n.segments[2].reaches = ['nonprod']; }).model!;
    expect(reach(m, 'nonprod-web', 'shared-services').reachable).toBe(true);
    expect(reach(m, 'shared-services', 'nonprod-web').reachable).toBe(true);
    expect(reach(m, 'nonprod-web', 'prod-web').reachable).toBe(false);
  });

  it('an undeclared edge is never created: dropping a rule cuts the pair', () => {
    const m = loadWithNetwork((n) => { n.segments[0].reaches = []; }).model!;
    expect(reach(m, 'prod-web', 'shared-services').reachable).toBe(false);
    expect(reach(m, 'nonprod-web', 'shared-services').reachable).toBe(true);
  });

  it('an account without a spoke is not reachable; an unknown account throws', () => {
    expect(reach(lz, 'prod-web', 'network')).toMatchObject({ reachable: false, reason: "'network' has no spoke VPC in network.yaml" });
    expect(() => reach(lz, 'prod-wbe', 'prod-web')).toThrow(UnknownAccountError);
  });
});
