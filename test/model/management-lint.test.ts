import { Diagnostics, type Diagnostic } from '../../model';
import { lintPolicyDocument } from '../../model/policy-lint';
import { POLICY_TYPES } from '../../model/policy-types';
import { SourceFile } from '../../model/source';
import type { Guardrail, PolicyType } from '../../model/types';

/** Lints `document` as a policy file of `type`; returns the errors and a line finder for the file text. */
function lint(type: PolicyType, document: unknown): { errors: Diagnostic[]; lineOf: (needle: string) => number } {
  const file = `${POLICY_TYPES[type].folder}/x-test.json`;
  const text = JSON.stringify({ id: 'x-test', type, description: 'test', severity: 'low', document }, null, 2);
  const d = new Diagnostics();
  const source = SourceFile.parse(file, text, d, { json: true })!;
  const g: Guardrail = {
    id: 'x-test', type, name: 'lzkit-x-test', description: 'test', severity: 'low', parameters: [],
    document: document as Guardrail['document'], content: JSON.stringify(document), source: source.locate([]),
  };
  lintPolicyDocument(g, source, d);
  const lines = text.split('\n');
  return { errors: d.errors, lineOf: (needle) => lines.findIndex((l) => l.includes(needle)) + 1 };
}
const codes = (errors: Diagnostic[]) => errors.map((e) => e.code);

describe('the operator grammar every management policy shares', () => {
  // @@assign on any setting; @@append and @@remove on lists only; @@operators_allowed_for_child_policies
  // lists @@all, @@none or value-setting operators.
  // https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html
  it('refuses @@append on a single value, an unknown operator, and a bad child control list, each located', () => {
    const r = lint('DECLARATIVE_EC2', { ec2_attributes: {
      serial_console_access: { status: { '@@append': 'disabled' } },
      snapshot_block_public_access: { state: { '@@asign': 'block_all_sharing' } },
      image_block_public_access: { '@@operators_allowed_for_child_policies': ['@@none', '@@assign'], state: { '@@assign': 'block_new_sharing' } },
    } });
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'MANAGEMENT_POLICY_GRAMMAR', line: r.lineOf('"@@append"'), message: expect.stringMatching(/@@append works on lists only/) }),
      expect.objectContaining({ code: 'MANAGEMENT_POLICY_GRAMMAR', line: r.lineOf('"@@asign"'), message: expect.stringMatching(/did you mean '@@assign'/) }),
      expect.objectContaining({ code: 'MANAGEMENT_POLICY_GRAMMAR', line: r.lineOf('"@@operators_allowed_for_child_policies"'), message: expect.stringMatching(/@@all and @@none stand alone/) }),
    ]);
  });

  it('says once when the document is not of its type at all', () => {
    const r = lint('BACKUP', { Version: '2012-10-17', Statement: [] });
    expect(codes(r.errors)).toEqual(['MANAGEMENT_POLICY_GRAMMAR']);
    expect(r.errors[0].message).toContain('"plans"');
  });
});

describe('declarative policies for EC2', () => {
  // Attributes and values: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html
  it('accepts every attribute of the syntax page', () => {
    const doc = { ec2_attributes: {
      exception_message: { '@@assign': 'See https://wiki.example.com/ec2' },
      vpc_block_public_access: { internet_gateway_block: { mode: { '@@assign': 'block_ingress' }, exclusions_allowed: { '@@assign': 'enabled' } } },
      serial_console_access: { status: { '@@assign': 'disabled' } },
      image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
      allowed_images_settings: { state: { '@@assign': 'audit_mode' }, image_criteria: { criteria_1: { allowed_image_providers: { '@@append': ['amazon', '111122223333'] }, image_names: { '@@assign': ['golden-*'] }, creation_date_condition: { maximum_days_since_created: { '@@assign': 90 } } } } },
      instance_metadata_defaults: { http_tokens: { '@@assign': 'required' }, http_put_response_hop_limit: { '@@assign': '4' }, http_endpoint: { '@@assign': 'enabled' }, instance_metadata_tags: { '@@assign': 'enabled' } },
      snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
    } };
    expect(lint('DECLARATIVE_EC2', doc).errors).toEqual([]);
  });

  it('names a wrong value with the values the attribute takes, an unknown attribute, and a hop limit out of range', () => {
    const r = lint('DECLARATIVE_EC2', { ec2_attributes: {
      instance_metadata_defaults: { http_tokens: { '@@assign': 'requried' }, http_put_response_hop_limit: { '@@assign': '65' } },
      serial_console: { status: { '@@assign': 'disabled' } },
    } });
    expect(r.errors).toEqual([
      expect.objectContaining({ line: r.lineOf('"requried"'), message: expect.stringMatching(/'requried' is not a value of 'ec2_attributes.instance_metadata_defaults.http_tokens'; did you mean 'required'\?; use one of no_preference, required, optional/) }),
      expect.objectContaining({ line: r.lineOf('"65"'), message: expect.stringMatching(/from -1 to 64/) }),
      expect.objectContaining({ line: r.lineOf('"serial_console"'), message: expect.stringMatching(/unknown setting 'serial_console' in 'ec2_attributes'; the declarative policy \(EC2\) syntax has .*serial_console_access/) }),
    ]);
  });
});

describe('AI services opt-out policies', () => {
  // "Note that "optOut" and "optIn" are case-sensitive":
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_create.html
  it('accepts the documented example and refuses a value in the wrong case', () => {
    expect(lint('AI_OPT_OUT', { services: { default: { opt_out_policy: { '@@assign': 'optOut' } }, rekognition: { opt_out_policy: { '@@assign': 'optIn' } } } }).errors).toEqual([]);
    const r = lint('AI_OPT_OUT', { services: { default: { opt_out_policy: { '@@assign': 'optout' } } } });
    expect(r.errors).toEqual([expect.objectContaining({ line: r.lineOf('"optout"'), message: expect.stringMatching(/did you mean 'optOut'/) })]);
  });
});

describe('backup policies', () => {
  // The functionally complete example of the syntax page:
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html
  const plan = {
    regions: { '@@assign': ['us-east-1', 'eu-north-1'] },
    rules: { Hourly: {
      schedule_expression: { '@@assign': 'cron(0 5/1 ? * * *)' }, start_backup_window_minutes: { '@@assign': '480' }, complete_backup_window_minutes: { '@@assign': '10080' },
      lifecycle: { move_to_cold_storage_after_days: { '@@assign': '180' }, delete_after_days: { '@@assign': '270' } },
      target_backup_vault_name: { '@@assign': 'FortKnox' },
      copy_actions: { 'arn:aws:backup:us-east-1:$account:backup-vault:secondary_vault': { target_backup_vault_arn: { '@@assign': 'arn:aws:backup:us-east-1:$account:backup-vault:secondary_vault' }, lifecycle: { delete_after_days: { '@@assign': '100' } } } },
    } },
    selections: { tags: { datatype: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/MyIamRole' }, tag_key: { '@@assign': 'dataType' }, tag_value: { '@@assign': ['PII', 'RED'] } } } },
  };

  it('accepts the documented example', () => {
    expect(lint('BACKUP', { plans: { PII_Backup_Plan: plan } }).errors).toEqual([]);
  });

  it('checks region names and rule settings', () => {
    const r = lint('BACKUP', { plans: { p: { ...plan, regions: { '@@append': ['eu-nrth-1'] }, rules: { daily: { target_backup_vault: { '@@assign': 'x' } } } } } });
    expect(r.errors).toEqual([
      expect.objectContaining({ line: r.lineOf('"eu-nrth-1"'), message: expect.stringMatching(/did you mean 'eu-north-1'/) }),
      expect.objectContaining({ line: r.lineOf('"target_backup_vault"'), message: expect.stringMatching(/did you mean 'target_backup_vault_name'/) }),
    ]);
  });
});

describe('the other management policy types', () => {
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_security_hub_syntax.html
  it('Security Hub: regions or ALL_SUPPORTED', () => {
    expect(lint('SECURITY_HUB', { securityhub: { enable_in_regions: { '@@append': ['ALL_SUPPORTED'] }, disable_in_regions: { '@@append': [] } } }).errors).toEqual([]);
    expect(codes(lint('SECURITY_HUB', { securityhub: { enable_in_regions: { '@@append': ['ALL'] } } }).errors)).toEqual(['MANAGEMENT_POLICY_GRAMMAR']);
  });

  // "Each scan type requires both enable_in_regions and disable_in_regions, even if one is an empty array":
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inspector_syntax.html
  it('Inspector: both region lists per scan type', () => {
    expect(lint('INSPECTOR', { inspector: { enablement: { ec2_scanning: { enable_in_regions: { '@@assign': ['us-east-1'] }, disable_in_regions: { '@@assign': [] } } } } }).errors).toEqual([]);
    const r = lint('INSPECTOR', { inspector: { enablement: { ec2_scanning: { enable_in_regions: { '@@assign': ['us-east-1'] } } } } });
    expect(r.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/needs 'disable_in_regions'/) })]);
  });

  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_upgrade_syntax.html
  it('upgrade rollout: patch order first, second or last', () => {
    const doc = { upgrade_rollout: { default: { patch_order: { '@@assign': 'last' } }, tags: { devtag: { tag_values: { tag1: { patch_order: { '@@assign': 'first' } } } } } } };
    expect(lint('UPGRADE_ROLLOUT', doc).errors).toEqual([]);
    expect(codes(lint('UPGRADE_ROLLOUT', { upgrade_rollout: { default: { patch_order: { '@@assign': 'third' } } } }).errors)).toEqual(['MANAGEMENT_POLICY_GRAMMAR']);
  });

  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_s3_syntax.html
  it('S3 and the types checked by their top-level key and the operator grammar', () => {
    expect(lint('S3', { s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } }).errors).toEqual([]);
    expect(lint('CHATBOT', { chatbot: { platforms: { slack: { client: { '@@assign': 'enabled' } } } } }).errors).toEqual([]);
    const r = lint('CHATBOT', { chatbot: { platforms: { slack: { client: { '@@assign': 'enabled', extra: 1 } } } } });
    expect(r.errors).toEqual([expect.objectContaining({ line: r.lineOf('"extra"'), message: expect.stringMatching(/stands beside @@assign/) })]);
  });
});
