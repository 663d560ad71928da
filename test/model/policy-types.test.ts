import * as fs from 'fs';
import * as path from 'path';
import { EffectivePolicyType, PolicyType as OrganizationsPolicyType } from '@aws-sdk/client-organizations';
import { loadLandingZone } from '../../model';
import { MANAGEMENT_POLICY_TYPES, POLICY_TYPE_NAMES, POLICY_TYPES } from '../../model/policy-types';
import { at, copyExample, edit, errorsOf, EXAMPLE_DIR, lineOf, removeCopies, replaceOnce } from './declaration-copy';

const ORG = 'accounts/organization.yaml';
const GUARDRAILS = 'accounts/guardrails.yaml';

afterAll(removeCopies);

describe('the policy type table', () => {
  // The types aws_organizations_policy accepts in the pinned provider (6.25): "Valid values are
  // AISERVICES_OPT_OUT_POLICY, BACKUP_POLICY, BEDROCK_POLICY, CHATBOT_POLICY, DECLARATIVE_POLICY_EC2,
  // INSPECTOR_POLICY, RESOURCE_CONTROL_POLICY (RCP), S3_POLICY, SECURITYHUB_POLICY,
  // SERVICE_CONTROL_POLICY (SCP), TAG_POLICY, and UPGRADE_ROLLOUT_POLICY".
  // https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/organizations_policy#type
  it('covers every type the AWS provider accepts', () => {
    expect(POLICY_TYPE_NAMES.map((t) => POLICY_TYPES[t].organizationsType).sort()).toEqual([
      'AISERVICES_OPT_OUT_POLICY', 'BACKUP_POLICY', 'BEDROCK_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2', 'INSPECTOR_POLICY',
      'RESOURCE_CONTROL_POLICY', 'S3_POLICY', 'SECURITYHUB_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY', 'UPGRADE_ROLLOUT_POLICY',
    ]);
  });

  it('names types the Organizations API knows, and only management types have an effective policy (the SDK models)', () => {
    const api = Object.values(OrganizationsPolicyType) as string[];
    const effective = Object.values(EffectivePolicyType) as string[];
    for (const t of POLICY_TYPE_NAMES) expect({ t, known: api.includes(POLICY_TYPES[t].organizationsType) }).toEqual({ t, known: true });
    expect(MANAGEMENT_POLICY_TYPES.filter((t) => !effective.includes(POLICY_TYPES[t].organizationsType))).toEqual([]);
    expect(['SCP', 'RCP'].filter((t) => effective.includes(POLICY_TYPES[t as 'SCP'].organizationsType))).toEqual([]);
  });

  it('is what the published schemas offer (the schema files cannot import it, so they are held to it here)', () => {
    const schema = (f: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, 'schema', f), 'utf8'));
    const org = schema('organization.schema.json').properties.organization.properties;
    expect([...org.enabledPolicyTypes.items.enum].sort()).toEqual(POLICY_TYPE_NAMES.map((t) => POLICY_TYPES[t].organizationsType).sort());
    expect(Object.keys(org.quotas.properties.perType.properties).sort()).toEqual([...MANAGEMENT_POLICY_TYPES].sort());
    expect([...schema('policy.schema.json').properties.type.enum].sort()).toEqual([...POLICY_TYPE_NAMES].sort());
  });

  // SCPs and RCPs don't affect the management account; management policies do.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html
  it('knows which types affect the management account', () => {
    expect(POLICY_TYPE_NAMES.filter((t) => !POLICY_TYPES[t].affectsManagementAccount)).toEqual(['SCP', 'RCP']);
  });
});

describe('management policies in the example', () => {
  const r = loadLandingZone(EXAMPLE_DIR);
  it('enables and attaches a declarative EC2 baseline and an AI opt-out at Root, a backup policy on Workloads', () => {
    expect(r.errors).toEqual([]);
    const lz = r.model!;
    expect(lz.organization.enabledPolicyTypes).toEqual(expect.arrayContaining(['DECLARATIVE_POLICY_EC2', 'AISERVICES_OPT_OUT_POLICY', 'BACKUP_POLICY']));
    const where = (id: string) => lz.guardrails.attachments.filter((a) => a.policyId === id).flatMap((a) => a.ous);
    expect({ type: lz.guardrails.policies.get('ec2-baseline')?.type, at: where('ec2-baseline') }).toEqual({ type: 'DECLARATIVE_EC2', at: ['Root'] });
    expect({ type: lz.guardrails.policies.get('ai-opt-out-all')?.type, at: where('ai-opt-out-all') }).toEqual({ type: 'AI_OPT_OUT', at: ['Root'] });
    expect({ type: lz.guardrails.policies.get('backup-tagged-resources')?.type, at: where('backup-tagged-resources') }).toEqual({ type: 'BACKUP', at: ['Workloads'] });
  });
});

describe('attachment rules per type', () => {
  it('management policies reach the management account; SCPs do not (a warning)', () => {
    const dir = copyExample();
    edit(dir, GUARDRAILS, replaceOnce('  - policy: ai-opt-out-all\n    targets: { ous: [Root] }\n', '  - policy: ai-opt-out-all\n    targets: { accounts: [management] }\n  - policy: deny-leave-organization\n    targets: { accounts: [management] }\n'));
    const warnings = loadLandingZone(dir).warnings.filter((w) => w.code === 'MANAGEMENT_ACCOUNT_UNAFFECTED');
    expect(warnings.map((w) => w.line)).toEqual([lineOf(dir, GUARDRAILS, 'deny-leave-organization', 2) + 1]);
  });

  it('counts each type against its own per-target quota (AI opt-out: 5; SCPs: 10)', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html (policy types table)
    const dir = copyExample();
    let attachments = '';
    for (let i = 1; i <= 5; i++) {
      fs.writeFileSync(path.join(dir, `policies/ai-opt-out/opt-out-${i}.json`), JSON.stringify({
        id: `opt-out-${i}`, type: 'AI_OPT_OUT', description: 'one more', severity: 'low',
        document: { services: { [`service${i}`]: { opt_out_policy: { '@@assign': 'optOut' } } } },
      }));
      attachments += `  - policy: opt-out-${i}\n    targets: { ous: [Root] }\n`;
    }
    edit(dir, GUARDRAILS, replaceOnce('  - policy: backup-tagged-resources\n', `${attachments}  - policy: backup-tagged-resources\n`));
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_POLICIES']);
    expect(errors[0].message).toMatch(/OU Root would have 6 AI_OPT_OUTs .*the quota is 5 per target \(organization\.quotas\.perType\.AI_OPT_OUT\.perTarget\)/);
    edit(dir, ORG, replaceOnce('  stateBackend:\n', '  quotas:\n    perType:\n      AI_OPT_OUT: { perTarget: 6 }\n  stateBackend:\n'));
    expect(errorsOf(dir)).toEqual([]);
  });

  it('holds each type to its own size quota (AI opt-out: 2,500 characters)', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
    const dir = copyExample();
    const file = 'policies/ai-opt-out/ai-opt-out-all.json';
    const services = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`service${i}`, { opt_out_policy: { '@@assign': 'optOut' } }]));
    edit(dir, file, (t) => { const p = JSON.parse(t); p.document.services = { ...p.document.services, ...services }; return JSON.stringify(p, null, 2); });
    const e = errorsOf(dir).find((x) => x.code === 'POLICY_TOO_LARGE');
    expect(e).toMatchObject({ file, message: expect.stringMatching(/AI services opt-out policy 'ai-opt-out-all' is \d+ characters .*the quota is 2500/) });
  });

  it('a type that needs trusted access cannot be enabled without it', () => {
    // "To enable INSPECTOR_POLICY, aws_service_access_principals must include inspector2.amazonaws.com":
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_organization#enabled_policy_types
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('BACKUP_POLICY]', 'BACKUP_POLICY, INSPECTOR_POLICY]'));
    expect(errorsOf(dir)).toEqual([at('TRUSTED_ACCESS_REQUIRED', ORG, lineOf(dir, ORG, 'INSPECTOR_POLICY'))]);
  });
});
