import { lineOf } from '../model/declaration-copy';
import { cleanup, diffExample } from './fixture';

afterAll(cleanup);

// accounts/identity.yaml: an OU target reaches the accounts of the OU and of every OU below it
// (docs/identity.md), and each (principal, permission set, account) is one account assignment in
// Identity Center: https://docs.aws.amazon.com/singlesignon/latest/userguide/useraccess.html

describe('access', () => {
  it('an account moved from Sandbox to Workloads/Prod: who gains and loses which permission set there', () => {
    const { report, headDir } = diffExample([{ rel: 'accounts/accounts.yaml', from: 'email: aws-sandbox-alice@example.com\n    ou: Sandbox', to: 'email: aws-sandbox-alice@example.com\n    ou: Workloads/Prod' }]);
    const rows = report.access.map((c) => `${c.kind} ${c.principal} ${c.permissionSet} ${c.accounts?.join(',')}`).sort();
    // The example assigns Developer to AWS-Developers on [Workloads/NonProd, Sandbox], ReadOnly to
    // AWS-Developers on [Workloads/Prod] and ReadOnly to AWS-Production-Support on [Workloads, ...].
    expect(rows).toEqual([
      'assignment-added GROUP AWS-Developers ReadOnly sandbox-alice',
      'assignment-added GROUP AWS-Production-Support ReadOnly sandbox-alice',
      'assignment-removed GROUP AWS-Developers Developer sandbox-alice',
    ]);
    const added = report.access.find((c) => c.kind === 'assignment-added' && c.principal === 'GROUP AWS-Developers')!;
    expect(added.location).toMatchObject({ file: 'accounts/identity.yaml', line: lineOf(headDir, 'accounts/identity.yaml', 'targets: { ous: [Workloads/Prod] }') - 2 });
  });

  it('a permission set changed and an assignment target widened', () => {
    const { report } = diffExample([
      { rel: 'accounts/identity.yaml', from: '  - name: ReadOnly\n    description: Read configuration everywhere, but not secrets or data\n    sessionDuration: PT8H', to: '  - name: ReadOnly\n    description: Read configuration everywhere, but not secrets or data\n    sessionDuration: PT4H' },
      { rel: 'accounts/identity.yaml', from: 'targets: { ous: [Workloads/NonProd, Sandbox] }', to: 'targets: { ous: [Workloads, Sandbox] }' },
    ]);
    expect(report.access).toContainEqual(expect.objectContaining({ kind: 'permission-set-changed', permissionSet: 'ReadOnly', fields: ['sessionDuration'] }));
    // Workloads holds Workloads/Prod: its three accounts gain Developer.
    expect(report.access).toContainEqual(expect.objectContaining({
      kind: 'assignment-added', principal: 'GROUP AWS-Developers', permissionSet: 'Developer', accounts: ['prod-data', 'prod-payments', 'prod-web'],
    }));
  });
});
