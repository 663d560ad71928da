import { accountsUnder, attachmentPoints, expandTargets, loadLandingZone, type LandingZone, type Targets } from '../../model';
import { at, copyExample, edit, errorsOf, lineOf, removeCopies, replaceOnce } from './declaration-copy';

afterAll(removeCopies);

const lz: LandingZone = (() => {
  const r = loadLandingZone(copyExample());
  if (!r.model) throw new Error(`example copy does not load: ${JSON.stringify(r.errors)}`);
  return r.model;
})();

/** The accounts a policy reaches when attached at the given points. */
function reached(points: { ous: string[]; accounts: string[] }): string[] {
  return [...new Set([...points.ous.flatMap((o) => accountsUnder(lz, o).map((a) => a.name)), ...points.accounts])].sort();
}

describe('attachmentPoints honours excludeAccounts', () => {
  it('attaches to whole OUs when nothing is excluded', () => {
    expect(attachmentPoints(lz, { ous: ['Workloads', 'Sandbox'] })).toEqual({ ous: ['Workloads', 'Sandbox'], accounts: [] });
  });

  it('replaces an OU holding an excluded account by its other children OUs and its accounts', () => {
    expect(attachmentPoints(lz, { ous: ['Workloads'], excludeAccounts: ['prod-web'] }))
      .toEqual({ ous: ['Workloads/NonProd'], accounts: ['prod-payments', 'prod-data'] });
  });

  it('splits the root down to the OU of the excluded account', () => {
    const points = attachmentPoints(lz, { ous: ['Root'], excludeAccounts: ['retired-legacy'] });
    expect(points.ous.sort()).toEqual(['Infrastructure', 'Sandbox', 'Security', 'Workloads']);
    expect(points.accounts).toEqual(['management']);
  });

  // Every level of the chain must allow a request (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html),
  // so an account named beside its OU keeps its own attachment: where FullAWSAccess is detached from
  // the account, that copy is its only Allow.
  it('keeps a named account even when a targeted OU reaches it, and drops an excluded named account', () => {
    expect(attachmentPoints(lz, { ous: ['Security'], accounts: ['audit'] })).toEqual({ ous: ['Security'], accounts: ['audit'] });
    expect(attachmentPoints(lz, { accounts: ['audit', 'network'], excludeAccounts: ['audit'] })).toEqual({ ous: [], accounts: ['network'] });
  });

  it('reaches exactly the accounts expandTargets names, for every excluded account of the organization', () => {
    const cases: Targets[] = [
      ...[...lz.accounts.keys()].map((name) => ({ ous: ['Root'], excludeAccounts: [name] })),
      { ous: ['Workloads', 'Workloads/Prod'], excludeAccounts: ['prod-data', 'nonprod-web'] },
      { ous: ['Security', 'Infrastructure'], accounts: ['sandbox-alice'], excludeAccounts: ['network'] },
    ];
    for (const targets of cases) {
      expect({ targets, reached: reached(attachmentPoints(lz, targets)) })
        .toEqual({ targets, reached: expandTargets(lz, targets).map((a) => a.name).sort() });
    }
  });
});

describe('excludeAccounts through the loader', () => {
  it('records the expanded attachment points on the guardrail attachment', () => {
    const dir = copyExample();
    edit(dir, 'accounts/guardrails.yaml', replaceOnce('  - policy: protect-network-baseline\n    targets: { ous: [Workloads/Prod, Workloads/NonProd] }',
      '  - policy: protect-network-baseline\n    targets: { ous: [Workloads/Prod, Workloads/NonProd], excludeAccounts: [prod-data] }'));
    const r = loadLandingZone(dir);
    expect(r.errors).toEqual([]);
    const a = r.model!.guardrails.attachments.find((x) => x.policyId === 'protect-network-baseline')!;
    expect({ ous: a.ous, accounts: a.accounts }).toEqual({ ous: ['Workloads/NonProd'], accounts: ['prod-payments', 'prod-web'] });
  });

  it('counts the account attachments excludeAccounts creates against the per-target quota', () => {
    const dir = copyExample();
    const G = 'accounts/guardrails.yaml';
    // Nine SCPs attached to prod-data directly + FullAWSAccess = 10: AWS's quota per target, met.
    const direct = ['sandbox-limits', 'protect-log-archive', 'deny-external-ram-sharing', 'quarantine', 'deny-iam-users-and-access-keys',
      'deny-s3-public-access-changes', 'protect-flow-logs', 'protect-network-baseline', 'enforce-ebs-default-encryption'];
    edit(dir, G, replaceOnce('  - policy: quarantine\n', [
      ...direct.map((id) => `  - policy: ${id}\n    targets: { accounts: [prod-data] }`),
      '  - policy: quarantine\n',
    ].join('\n')));
    expect(errorsOf(dir)).toEqual([]);
    // Excluding prod-web from region-deny on Workloads attaches region-deny to prod-data directly: the eleventh.
    edit(dir, G, replaceOnce('targets: { ous: [Security, Infrastructure, Workloads, Sandbox] }\n  - policy: deny-iam',
      'targets: { ous: [Security, Infrastructure, Workloads, Sandbox], excludeAccounts: [prod-web] }\n  - policy: deny-iam'));
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_POLICIES']);
    expect(errors[0].message).toContain('account prod-data would have 11 SCPs');
    // Located at the last attachment that reaches the account (the direct enforce-ebs-default-encryption).
    expect(errors).toContainEqual(at('TOO_MANY_POLICIES', G, lineOf(dir, G, 'policy: enforce-ebs-default-encryption', 2)));
  });
});
