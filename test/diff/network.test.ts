import { lineOf } from '../model/declaration-copy';
import { cleanup, diffExample } from './fixture';

afterAll(cleanup);

// Segments are Transit Gateway route tables; `reaches` propagates each side's routes into the
// other's table, and a flow needs routes both ways:
// https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html

describe('network', () => {
  it('nonprod reaching prod: every nonprod spoke and prod spoke become reachable, nothing else', () => {
    const { report, headDir } = diffExample([{ rel: 'accounts/network.yaml', from: '  - name: nonprod\n    reaches: [shared]', to: '  - name: nonprod\n    reaches: [shared, prod]' }]);
    const pairs = report.network.filter((c) => c.kind === 'reachability').map((c) => `${[c.subject, c.peer].sort().join(' <-> ')} ${c.before}->${c.after}`).sort();
    expect(pairs).toEqual([
      'nonprod-payments <-> prod-payments unreachable->reachable',
      'nonprod-payments <-> prod-web unreachable->reachable',
      'nonprod-web <-> prod-payments unreachable->reachable',
      'nonprod-web <-> prod-web unreachable->reachable',
    ]);
    expect(report.network[0].location).toMatchObject({ file: 'accounts/network.yaml', line: lineOf(headDir, 'accounts/network.yaml', '- name: nonprod') });
  });

  it('a spoke CIDR changed: reported, and no reachability moves', () => {
    const { report } = diffExample([
      { rel: 'accounts/network.yaml', from: 'cidr: 10.17.0.0/16', to: 'cidr: 10.18.0.0/16' },
    ]);
    expect(report.network).toEqual([expect.objectContaining({ kind: 'cidr-changed', subject: 'spoke:prod-web', before: '10.17.0.0/16', after: '10.18.0.0/16' })]);
  });
});
