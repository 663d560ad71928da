import * as path from 'path';
import { landingZone } from 'lzkit/testing';
import { POLICY_TYPES } from '../../model/policy-types';
import { cases } from './cases';

// The example declaration at the repository root; users call landingZone() from their own.
const lz = landingZone(path.join(__dirname, '..', '..'));

describe('guardrails of the example declaration', () => {
  it.each(cases.map((c) => [c.guardrail, c.name, c] as const))('%s: %s', (_g, _n, c) => {
    const result = lz.request(c.request);
    if (c.expected === 'allow') expect(result).toBeAllowed();
    else expect(result).toBeDeniedBy(c.expected.deniedBy);
  });

  it('has a deny case and an allow (exemption) case for every attached SCP and RCP', () => {
    const attached = new Set(lz.model.guardrails.attachments.map((a) => a.policyId));
    const controls = [...lz.model.guardrails.policies.values()].filter((g) => POLICY_TYPES[g.type].kind === 'authorization' && attached.has(g.id)).map((g) => g.id).sort();
    const denied = new Set(cases.flatMap((c) => (c.expected === 'allow' ? [] : [c.expected.deniedBy])));
    const spared = new Set(cases.filter((c) => c.expected === 'allow').map((c) => c.guardrail));
    expect(controls.filter((id) => !denied.has(id))).toEqual([]);
    expect(controls.filter((id) => !spared.has(id))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
});
