import { detectDrift } from '../../audits/drift';
import type { Snapshot } from '../../audits/snapshot';
import { synthesizeInMemory } from '../../stacks/nag/synth';
import { deployed, exampleLandingZone } from './fixtures';

/**
 * A finding that says "cdktf deploy STACK" names the stack that really holds the missing resource
 * in the synthesized Terraform, shards included (an account in its accounts-<OU> stack, an
 * attachment in its guardrails-<OU> stack).
 */
const lz = exampleLandingZone();
const stacks = new Map(synthesizeInMemory(lz).map((s) => [s.name, s.json]));
const deployTarget = (remediation: string) => /cdktf deploy ([A-Za-z0-9_-]+)/.exec(remediation)?.[1];
type Resources = Record<string, Record<string, Record<string, unknown>>>;
const resourcesIn = (stack: string, type: string) => Object.values(((stacks.get(stack)?.resource ?? {}) as Resources)[type] ?? {});

describe('remediations that name a stack', () => {
  it('a missing account lzkit creates: the stack whose aws_organizations_account is that account', () => {
    const created = [...lz.accounts.values()].filter((a) => !a.id && !a.isManagement);
    expect(created.length).toBeGreaterThan(1);
    for (const account of created) {
      const s = deployed();
      s.accounts = s.accounts.filter((a) => a.name !== account.name);
      const f = detectDrift(lz, s as unknown as Snapshot).find((x) => x.category === 'account-missing');
      const stack = deployTarget(f!.remediation);
      expect(stack).toMatch(/^accounts-/);
      expect(resourcesIn(stack!, 'aws_organizations_account').map((r) => r.name)).toContain(account.name);
    }
  });

  it('a detached guardrail: the stack whose aws_organizations_policy_attachment attaches it to that target', () => {
    const s = deployed();
    const policy = s.policies.find((p) => !p.awsManaged && p.type === 'SERVICE_CONTROL_POLICY' && p.targets.length > 0)!;
    const target = policy.targets.shift()!;
    const f = detectDrift(lz, s as unknown as Snapshot).find((x) => x.category === 'policy-detached')!;
    const stack = deployTarget(f.remediation)!;
    expect(stack).toMatch(/^guardrails-/);
    const ou = s.organizationalUnits.find((o) => o.id === target);
    // An adopted OU is attached by its id; a created one (and every policy) through a reference to its Terraform name.
    const targetRef = ou ? `ou_${ou.path.replace(/\//g, '_')}` : target;
    const guardrail = [...lz.guardrails.policies.values()].find((g) => g.name === policy.name)!;
    expect(resourcesIn(stack, 'aws_organizations_policy_attachment').some((r) =>
      String(r.policy_id).includes(`policy_${guardrail.id}`) && (r.target_id === target || String(r.target_id).includes(targetRef)))).toBe(true);
  });
});
