import { loadLandingZoneOrThrow, type LandingZone } from '../../model';
import { ORGANIZATIONS_POLICY_TYPE } from '../../desired';
import { escapeTerraformTemplate } from '../../stacks/constructs/guardrail-policy';
import { logicalId } from '../../stacks/constructs/logical-id';
import { exampleCopy, REPO, synthAll, type SynthesizedApp, type SynthesizedStack } from './synth-helpers';

/** A Terraform interpolation (cross-stack reference) stands for an id of at most 12 characters. */
const deployedLength = (content: string) => content.replace(/\$\{[^}]*\}/g, '123456789012').replace(/\$\$\{/g, '${').length;

/** A reference to another stack's output, read from its state. */
const remote = (stack: string) => new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${stack}\\.outputs\\.[\\w-]+\\}$`);

describe('guardrails stacks, example declaration', () => {
  let lz: LandingZone;
  let app: SynthesizedApp;
  let guardrails: SynthesizedStack;
  let attachments: Record<string, Record<string, unknown>>;
  beforeAll(() => {
    lz = loadLandingZoneOrThrow(REPO);
    app = synthAll(lz);
    guardrails = app('guardrails');
    attachments = app.family('guardrails').aws_organizations_policy_attachment;
  });

  it('has one policy per guardrail, of the right type, with the model content', () => {
    const policies = guardrails.resources('aws_organizations_policy');
    expect(Object.keys(policies)).toHaveLength(lz.guardrails.policies.size);
    for (const g of lz.guardrails.policies.values()) {
      const p = policies[logicalId('policy', [g.id])];
      expect(p).toMatchObject({ name: g.name, type: ORGANIZATIONS_POLICY_TYPE[g.type] });
      if (!g.content.includes('lzkit:late-bound:')) expect(p.content).toBe(escapeTerraformTemplate(g.content));
    }
  });

  it('has one SCP / RCP resource per SCP / RCP guardrail, at least 12 SCPs and 3 RCPs', () => {
    const types = Object.values(guardrails.resources('aws_organizations_policy')).map((p) => p.type);
    const count = (t: string) => types.filter((x) => x === t).length;
    expect(count('SERVICE_CONTROL_POLICY')).toBe([...lz.guardrails.policies.values()].filter((g) => g.type === 'SCP').length);
    expect(count('RESOURCE_CONTROL_POLICY')).toBe([...lz.guardrails.policies.values()].filter((g) => g.type === 'RCP').length);
    expect(count('SERVICE_CONTROL_POLICY')).toBeGreaterThanOrEqual(12);
    expect(count('RESOURCE_CONTROL_POLICY')).toBeGreaterThanOrEqual(3);
  });

  it('keeps every SCP and RCP within the configured character quota as deployed', () => {
    for (const p of Object.values(guardrails.resources('aws_organizations_policy'))) {
      if (p.type === 'TAG_POLICY') continue;
      const limit = p.type === 'SERVICE_CONTROL_POLICY' ? lz.organization.quotas.scpCharacters : lz.organization.quotas.rcpCharacters;
      expect(deployedLength(p.content as string)).toBeLessThanOrEqual(Math.min(limit, 5120));
    }
  });

  it('has one attachment per attachment point, to the right policy, in the shard stacks', () => {
    expect(guardrails.resources('aws_organizations_policy_attachment')).toEqual({});
    const points = lz.guardrails.attachments.flatMap((a) => [
      ...a.ous.map((ou) => logicalId('attach', [a.policyId, 'ou', ...ou.split('/')])),
      ...a.accounts.map((n) => logicalId('attach', [a.policyId, 'account', n])),
    ]);
    expect(Object.keys(attachments).sort()).toEqual([...new Set(points)].sort());
    expect(points.length).toBeGreaterThanOrEqual(6);
    for (const a of lz.guardrails.attachments) {
      for (const ou of a.ous) {
        expect(attachments[logicalId('attach', [a.policyId, 'ou', ...ou.split('/')])].policy_id)
          .toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-guardrails\\.outputs\\.cross-stack-output-aws_organizations_policy${logicalId('policy', [a.policyId])}id\\}$`));
      }
    }
  });

  it('targets adopted OUs by literal id, created OUs and the root by cross-stack reference', () => {
    const targets = Object.entries(attachments);
    const checked = { literal: 0, reference: 0 };
    for (const [name, a] of targets) {
      const ou = [...lz.ous.values()].find((o) => name.endsWith(`_ou_${o.path.split('/').join('_')}`));
      if (ou?.id) {
        expect(a.target_id).toBe(ou.id);
        checked.literal++;
      } else if (ou) {
        expect(a.target_id).toMatch(remote('organization'));
        checked.reference++;
      }
    }
    expect(checked.literal).toBeGreaterThan(0);
    expect(checked.reference).toBeGreaterThan(0);
    expect(app('guardrails-Root').json.data?.terraform_remote_state).toHaveProperty('cross-stack-reference-input-organization');
  });
});

describe('guardrails stacks, a new organization with created accounts', () => {
  let lz: LandingZone;
  let app: SynthesizedApp;
  let guardrails: SynthesizedStack;
  beforeAll(() => {
    const dir = exampleCopy((f) => {
      delete (f['organization.yaml'].organization as Record<string, unknown>).id;
      const accounts = f['accounts.yaml'].accounts as Record<string, unknown>[];
      for (const a of accounts) if (a.name === 'log-archive') delete a.id;
      const g = f['guardrails.yaml'] as { attachments: { policy: string; targets: unknown }[] };
      g.attachments.push({ policy: g.attachments[0].policy, targets: { accounts: ['shared-services'] } });
    });
    lz = loadLandingZoneOrThrow(dir);
    app = synthAll(lz);
    guardrails = app('guardrails');
  });

  it('resolves late-bound organization and account ids to references in policy content', () => {
    const late = [...lz.guardrails.policies.values()].filter((g) => g.content.includes('lzkit:late-bound:'));
    expect(late.length).toBeGreaterThan(0);
    for (const g of late) {
      const content = guardrails.resources('aws_organizations_policy')[logicalId('policy', [g.id])].content as string;
      expect(content).not.toContain('lzkit:late-bound:');
      expect(content).toMatch(/\$\{data\.terraform_remote_state\.cross-stack-reference-input-(organization|accounts-[\w-]+)\.outputs\./);
    }
  });

  it('attaches to a created account by cross-stack reference to its account stack, in its top-level OU\'s shard', () => {
    const shard = app('guardrails-Infrastructure').resources('aws_organizations_policy_attachment');
    const a = Object.entries(shard).find(([n]) => n.endsWith('_account_shared-services'));
    expect(lz.accounts.get('shared-services')!.ou).toBe('Infrastructure');
    expect(a?.[1].target_id).toMatch(remote('accounts-Infrastructure'));
  });
});

describe('policy content escaping', () => {
  it('escapes IAM policy variables so Terraform passes them to AWS literally', () => {
    expect(escapeTerraformTemplate('{"Resource":"arn:aws:s3:::b/${aws:PrincipalTag/team}/*","x":"%{y}"}'))
      .toBe('{"Resource":"arn:aws:s3:::b/$${aws:PrincipalTag/team}/*","x":"%%{y}"}');
  });
});
