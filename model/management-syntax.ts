import type { PolicyType } from './types';

/**
 * The documented syntax of each management policy type, as data for model/management-lint.ts.
 * Every management policy follows the same grammar: nested settings whose leaves are set with the
 * value-setting operators, and `@@operators_allowed_for_child_policies` at any level.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html
 */
export type Setting =
  /** One value, set with @@assign only (`"http_tokens": { "@@assign": "required" }`). */
  | { readonly kind: 'value'; readonly values?: readonly string[]; readonly integer?: { readonly min: number; readonly max: number } }
  /** A list, set with @@assign, @@append or @@remove; `regions` checks region names (and ALL_SUPPORTED where allowed). */
  | { readonly kind: 'list'; readonly values?: readonly string[]; readonly regions?: 'names' | 'names-or-all-supported' }
  /** Settings with fixed names. */
  | { readonly kind: 'block'; readonly fields: Readonly<Record<string, Setting>>; readonly required?: readonly string[] }
  /** Entries the author names (a backup plan, a tag, a criteria set), each of the same shape. */
  | { readonly kind: 'named'; readonly what: string; readonly name?: RegExp; readonly entry: Setting }
  /** Settings documented without a closed list here: only the operator grammar is checked. */
  | { readonly kind: 'open' };

const value = (values?: readonly string[]): Setting => ({ kind: 'value', values });
const integer = (min: number, max: number): Setting => ({ kind: 'value', integer: { min, max } });
const list = (values?: readonly string[]): Setting => ({ kind: 'list', values });
const regions = (allSupported = false): Setting => ({ kind: 'list', regions: allSupported ? 'names-or-all-supported' : 'names' });
const block = (fields: Record<string, Setting>, required?: string[]): Setting => ({ kind: 'block', fields, required });
const named = (what: string, entry: Setting, name?: RegExp): Setting => ({ kind: 'named', what, entry, name });
const OPEN: Setting = { kind: 'open' };
const BOOLEAN = value(['true', 'false']);

/** Tag policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html */
const TAG = block({
  tags: named('tag', block({ tag_key: value(), tag_value: list(), enforced_for: list(), report_required_tag_for: list() }, ['tag_key'])),
}, ['tags']);

/**
 * Backup policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html
 * A policy may set only part of a plan (the rest inherited), so no field of a plan is required here.
 */
const BACKUP_LIFECYCLE = block({ move_to_cold_storage_after_days: integer(1, 36500), delete_after_days: integer(1, 36500), opt_in_to_archive_for_supported_resources: BOOLEAN });
const BACKUP_TAGS = named('tag', block({ tag_key: value(), tag_value: value() }));
const BACKUP = block({
  plans: named('backup plan', block({
    regions: regions(),
    rules: named('backup rule', block({
      schedule_expression: value(), schedule_expression_timezone: value(),
      start_backup_window_minutes: integer(60, 43200), complete_backup_window_minutes: integer(60, 5256000),
      enable_continuous_backup: BOOLEAN, target_backup_vault_name: value(), target_logically_air_gapped_backup_vault_arn: value(),
      lifecycle: BACKUP_LIFECYCLE, recovery_point_tags: BACKUP_TAGS,
      copy_actions: named('copy action (the target vault ARN)', block({ target_backup_vault_arn: value(), lifecycle: BACKUP_LIFECYCLE })),
      index_actions: OPEN,
    })),
    selections: block({
      tags: named('tag selection', block({ iam_role_arn: value(), tag_key: value(), tag_value: list() })),
      resources: named('resource selection', OPEN),
    }),
    advanced_backup_settings: OPEN,
    backup_plan_tags: BACKUP_TAGS,
  })),
}, ['plans']);

/** AI services opt-out policies ("optOut" and "optIn" are case-sensitive): https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html */
const AI_OPT_OUT = block({
  services: named('AI service (or default)', block({ opt_out_policy: value(['optOut', 'optIn']) }), /^(default|[a-z0-9]+)$/),
}, ['services']);

/** Declarative policies for EC2: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html */
const DECLARATIVE_EC2 = block({
  ec2_attributes: block({
    exception_message: value(),
    vpc_block_public_access: block({
      internet_gateway_block: block({ mode: value(['off', 'block_ingress', 'block_bidirectional']), exclusions_allowed: value(['enabled', 'disabled']) }),
    }),
    serial_console_access: block({ status: value(['enabled', 'disabled']) }),
    image_block_public_access: block({ state: value(['unblocked', 'block_new_sharing']) }),
    allowed_images_settings: block({
      state: value(['disabled', 'audit_mode', 'enabled']),
      image_criteria: named('image criteria set (criteria_1 ... criteria_10)', block({
        allowed_image_providers: list(), image_names: list(), marketplace_product_codes: list(),
        creation_date_condition: block({ maximum_days_since_created: integer(0, 2147483647) }),
        deprecation_time_condition: block({ maximum_days_since_deprecated: integer(0, 2147483647) }),
      }), /^criteria_([1-9]|10)$/),
    }),
    instance_metadata_defaults: block({
      http_tokens: value(['no_preference', 'required', 'optional']),
      http_put_response_hop_limit: integer(-1, 64),
      http_endpoint: value(['no_preference', 'enabled', 'disabled']),
      instance_metadata_tags: value(['no_preference', 'enabled', 'disabled']),
    }),
    snapshot_block_public_access: block({ state: value(['unblocked', 'block_new_sharing', 'block_all_sharing']) }),
  }),
}, ['ec2_attributes']);

/** Security Hub policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_security_hub_syntax.html */
const SECURITY_HUB = block({
  securityhub: block({ enable_in_regions: regions(true), disable_in_regions: regions(true), features: OPEN }),
}, ['securityhub']);

/** Amazon Inspector policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inspector_syntax.html */
const INSPECTOR = block({
  inspector: block({
    enablement: named('scan type (ec2_scanning, ecr_scanning, ...)', block({ enable_in_regions: regions(true), disable_in_regions: regions(true) }, ['enable_in_regions', 'disable_in_regions']), /^[a-z0-9_]+$/),
  }),
}, ['inspector']);

/** Amazon S3 policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_s3_syntax.html */
const S3 = block({ s3_attributes: block({ public_access_block_configuration: value() }) }, ['s3_attributes']);

/** Upgrade rollout policies: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_upgrade_syntax.html */
const PATCH_ORDER = block({ patch_order: value(['first', 'second', 'last']) });
const UPGRADE_ROLLOUT = block({
  upgrade_rollout: block({ default: PATCH_ORDER, tags: named('tag key', block({ tag_values: named('tag value', PATCH_ORDER) })) }),
}, ['upgrade_rollout']);

/** Chat applications and Bedrock policies: the top-level key, then the operator grammar. */
const CHATBOT = block({ chatbot: OPEN }, ['chatbot']);
const BEDROCK = block({ bedrock: OPEN }, ['bedrock']);

export const MANAGEMENT_SYNTAX: Readonly<Partial<Record<PolicyType, Setting>>> = Object.freeze({
  TAG, BACKUP, AI_OPT_OUT, DECLARATIVE_EC2, CHATBOT, SECURITY_HUB, INSPECTOR, BEDROCK, S3, UPGRADE_ROLLOUT,
});
