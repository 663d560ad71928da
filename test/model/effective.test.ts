import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone, loadLandingZoneOrThrow } from '../../model';
import { effectivePolicy, EffectivePolicyError } from '../../model/effective';
import { copyExample, edit, EXAMPLE_DIR, removeCopies, replaceOnce } from './declaration-copy';

/*
 * The effective management policy: the policies of the root, each OU and the account merged in
 * that order with the inheritance operators, as DescribeEffectivePolicy shows it (no operators).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_effective.html
 */

afterAll(removeCopies);

const lz = loadLandingZoneOrThrow(EXAMPLE_DIR);

/** A copy of the example with tag policies at Root, Workloads/Prod and prod-payments. */
function layered(root: object, ou: object, account: object) {
  const dir = copyExample();
  const write = (id: string, tags: object) => fs.writeFileSync(path.join(dir, 'policies/tag', `${id}.json`), JSON.stringify({ id, type: 'TAG', description: 'layer', severity: 'low', document: { tags } }));
  write('layer-root', root);
  write('layer-ou', ou);
  write('layer-account', account);
  edit(dir, 'accounts/guardrails.yaml', replaceOnce('attachments:\n', [
    'attachments:', '  - policy: layer-root', '    targets: { ous: [Root] }', '  - policy: layer-ou', '    targets: { ous: [Workloads/Prod] }',
    '  - policy: layer-account', '    targets: { accounts: [prod-payments] }', ''].join('\n')));
  const r = loadLandingZone(dir);
  if (!r.model) throw new Error(r.errors.map((e) => `${e.code} ${e.message}`).join('\n'));
  return r.model;
}
const team = (value: object, extra: object = {}) => ({ team: { tag_key: { '@@assign': 'Team' }, tag_value: value, ...extra } });

describe('the effective policy of an account', () => {
  it('management policies reach the management account too', () => {
    const e = effectivePolicy(lz, 'management', 'AI_OPT_OUT');
    expect(e.content).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
    expect(e.policies).toEqual([{ level: 'Root', policy: 'ai-opt-out-all' }]);
  });

  it('merges root, OU and account in order: @@assign replaces, @@append adds, @@remove takes away', () => {
    const m = layered(team({ '@@assign': ['alpha', 'beta'] }), team({ '@@append': ['gamma'] }), team({ '@@remove': ['alpha'] }));
    const e = effectivePolicy(m, 'prod-payments', 'TAG');
    expect(e.content).toMatchObject({ tags: { team: { tag_key: 'Team', tag_value: ['beta', 'gamma'] } } });
    expect(e.settings.find((s) => s.path.join('.') === 'tags.team.tag_value')).toMatchObject({ policy: 'layer-account', level: 'account:prod-payments', operator: '@@remove' });
    // An account of another OU sees the root's value only.
    expect(effectivePolicy(m, 'nonprod-web', 'TAG').content).toMatchObject({ tags: { team: { tag_key: 'Team', tag_value: ['alpha', 'beta'] } } });
  });

  it('a child control operator of a parent binds every level below it, and cannot be widened', () => {
    const m = layered(
      team({ '@@assign': ['alpha'], '@@operators_allowed_for_child_policies': ['@@append'] }),
      team({ '@@assign': ['omega'], '@@operators_allowed_for_child_policies': ['@@all'] }),
      team({ '@@append': ['beta'] }),
    );
    const e = effectivePolicy(m, 'prod-payments', 'TAG');
    expect(e.content).toMatchObject({ tags: { team: { tag_value: ['alpha', 'beta'] } } });
    expect(e.ignored).toEqual([expect.objectContaining({ policy: 'layer-ou', operator: '@@assign', path: ['tags', 'team', 'tag_value'] })]);
  });

  it('@@none on a tag freezes everything under it for the levels below', () => {
    const m = layered(team({ '@@assign': ['alpha'] }, { '@@operators_allowed_for_child_policies': ['@@none'] }), team({ '@@append': ['gamma'] }), team({ '@@remove': ['alpha'] }));
    const e = effectivePolicy(m, 'prod-payments', 'TAG');
    expect(e.content).toMatchObject({ tags: { team: { tag_value: ['alpha'] } } });
    // Both lower layers set tag_key and tag_value of the frozen tag: all four are ignored.
    expect(e.ignored.map((i) => `${i.policy} ${i.path.join('.')}`)).toEqual([
      'layer-ou tags.team.tag_key', 'layer-ou tags.team.tag_value', 'layer-account tags.team.tag_key', 'layer-account tags.team.tag_value']);
  });

  it('has no content where no policy of the type reaches the account', () => {
    expect(effectivePolicy(lz, 'sandbox-alice', 'BACKUP')).toMatchObject({ policies: [], content: undefined });
  });

  it('exists only for management policies and declared accounts', () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return e instanceof EffectivePolicyError ? e.code : String(e); } return undefined; };
    // DescribeEffectivePolicy takes management policy types only (EffectivePolicyType of the SDK).
    expect(code(() => effectivePolicy(lz, 'prod-web', 'SCP'))).toBe('NO_EFFECTIVE_POLICY');
    expect(code(() => effectivePolicy(lz, 'prod-wbe', 'TAG'))).toBe('UNKNOWN_ACCOUNT');
  });
});
