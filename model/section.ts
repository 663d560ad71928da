import type { Diagnostics } from './diagnostics';
import type { SourceFile } from './source';
import { accountMayExist, type OrganizationView } from './targets';
import { suggest } from './organization';
import type { GuardrailSet, OrganizationSettings } from './types';

/** What every declaration section is built on: the organization and its guardrails. */
export interface CoreModel extends OrganizationView {
  readonly dir: string;
  readonly organization: OrganizationSettings;
  readonly guardrails: GuardrailSet;
}

export interface SectionContext {
  /** The section's YAML file, already through the structural pass. */
  readonly file: SourceFile;
  readonly core: CoreModel;
  readonly diagnostics: Diagnostics;
}

/**
 * One optional file of accounts/ (logging.yaml, network.yaml, identity.yaml, ...): its schema and
 * its meaning pass. A section reads only its own file and the core model.
 */
export interface Section<T> {
  /** File name in accounts/. */
  readonly file: string;
  /** Schema file name in schema/. */
  readonly schema: string;
  build(ctx: SectionContext): T;
}

/** How a section names the account that plays one of organization.accountRoles. */
export interface RoleAccountRule {
  /** Where the section may name the account (e.g. ['logArchiveAccount']). */
  readonly path: readonly (string | number)[];
  /** The organization.accountRoles key it defaults to. */
  readonly role: keyof OrganizationSettings['accountRoles'];
  /** The key it defaults to when `role` names no account. */
  readonly alsoRole?: keyof OrganizationSettings['accountRoles'];
  /** `log archive`, `audit`, `Transit Gateway` (in messages). */
  readonly label: string;
  /** Code when neither the section nor organization.yaml names one. */
  readonly missingCode: string;
  /** Code and reason when the management account is named, where that is refused. */
  readonly notManagement?: { readonly code: string; readonly why: string };
}

/**
 * The account a section runs in: named in the section, else organization.accountRoles; it must
 * be declared and, where the rule says so, not the management account. Reports at the section's
 * key when it names one, else at the section. Returns '' when none is named.
 */
export function roleAccount({ file, core, diagnostics: d }: SectionContext, declared: string | undefined, rule: RoleAccountRule): string {
  const roles = core.organization.accountRoles;
  const name = declared ?? roles[rule.role] ?? (rule.alsoRole ? roles[rule.alsoRole] : undefined) ?? '';
  const parent = rule.path.slice(0, -1);
  const at = declared ? file.locate(rule.path) : file.locate(parent);
  if (!name) {
    // organization.yaml may name it in a part that could not be read.
    if (!core.gaps?.organization) d.error(at, rule.missingCode, `no ${rule.label} account: set ${rule.path.join('.')} here or organization.accountRoles.${rule.role} in organization.yaml`);
  } else if (!accountMayExist(core, name)) {
    d.error(at, 'UNKNOWN_ACCOUNT', `${rule.label} account '${name}' is not declared in accounts.yaml${suggest(name, [...core.accounts.keys()])}; declare it or name a declared account`);
  } else if (rule.notManagement && name === core.organization.managementAccount) {
    d.error(at, rule.notManagement.code, rule.notManagement.why);
  }
  return name;
}
