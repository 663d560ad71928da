import * as fs from 'fs';
import * as path from 'path';
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

  // The policy types the AWS provider's aws_organizations_policy takes
  // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_policy#type):
  // the example's declarative EC2 baseline, AI opt-out and backup policy are deployed, attached, and
  // their types enabled on the organization.
  it('deploys and attaches the management and declarative policies, their types enabled', () => {
    const org = synthAll(lz)('organization');
    const enabled = String(Object.values(org.resources('aws_organizations_organization'))[0].enabled_policy_types);
    // The shard stacks attach each policy through the guardrails stack's output of its id.
    const attached = new Set(Object.values(attachments).map((a) => String(a.policy_id)));
    const referenced = (id: string) => [...attached].some((ref) => ref.endsWith(`.outputs.cross-stack-output-aws_organizations_policy${id}id}`));
    for (const type of ['DECLARATIVE_POLICY_EC2', 'AISERVICES_OPT_OUT_POLICY', 'BACKUP_POLICY']) {
      const ids = Object.entries(guardrails.resources('aws_organizations_policy')).filter(([, p]) => p.type === type).map(([id]) => id);
      expect([type, ids.length]).toEqual([type, 1]);
      expect([type, referenced(ids[0])]).toEqual([type, true]);
      expect(enabled).toContain(`"${type}"`);
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

// AWS attaches FullAWSAccess to every root, OU and account, refuses to detach a target's last SCP
// (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html), and the AWS
// provider has no resource that detaches a policy it did not attach
// (https://github.com/hashicorp/terraform-provider-aws/issues/21580): the guardrails stack runs
// lzkit's own command from a terraform_data, after lzkit's SCPs are attached to that target.
describe('guardrails stack, FullAWSAccess detached from an OU', () => {
  it('detaches it there with lzkit full-aws-access, after that OU\'s attachments, and attaches it again on destroy', () => {
    const dir = exampleCopy((f) => {
      const g = f['guardrails.yaml'] as { fullAwsAccess?: unknown; attachments: unknown[] };
      g.fullAwsAccess = { detachFrom: { ous: ['Suspended'] } };
      g.attachments.push({ policy: 'suspended-allow-list', targets: { ous: ['Suspended'] } });
    });
    // An allow list for the suspended accounts: what the lockout check needs the platform roles to keep.
    fs.writeFileSync(path.join(dir, 'policies', 'scp', 'suspended-allow-list.json'), JSON.stringify({
      id: 'suspended-allow-list', type: 'SCP', description: 'what may run in suspended accounts', severity: 'high',
      document: { Version: '2012-10-17', Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }] },
    }));
    // The detachment sits in the OU's shard stack, beside that OU's attachments.
    const shard = synthAll(loadLandingZoneOrThrow(dir))('guardrails-Suspended');
    const detach = (shard.json as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.terraform_data;
    expect(Object.keys(detach)).toEqual(['detach_full_aws_access_ou_Suspended']);
    const r = detach.detach_full_aws_access_ou_Suspended as { input: Record<string, string>; depends_on: string[]; provisioner: Record<string, { command: string; when?: string }>[] };
    expect(r.input).toMatchObject({ policy_id: 'p-FullAWSAccess', target: 'ou Suspended' });
    expect(r.input.target_id).toMatch(/^\$\{.*\}$/); // a created OU: its id by reference
    expect(r.depends_on.sort()).toEqual(['aws_organizations_policy_attachment.attach_quarantine_ou_Suspended', 'aws_organizations_policy_attachment.attach_suspended-allow-list_ou_Suspended']);
    expect(r.provisioner.map((p) => p['local-exec'])).toEqual([
      { command: 'npx --no-install lzkit full-aws-access detach --target-id ${self.output.target_id}' },
      { command: 'npx --no-install lzkit full-aws-access attach --target-id ${self.output.target_id}', when: 'destroy' },
    ]);
  });
});
