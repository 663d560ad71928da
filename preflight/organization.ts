import type { LandingZone } from '../model';
import { str, type ProviderBlock, type StackView, type TerraformResourceJson } from './synthesized';

/** The organization resource of the synthesized stacks, with its stack. */
export function organizationOf(stacks: readonly StackView[]): { stack: StackView; resource: TerraformResourceJson } | undefined {
  for (const stack of stacks) {
    const resource = stack.resources.find((r) => r.type === 'aws_organizations_organization');
    if (resource) return { stack, resource };
  }
  return undefined;
}

/**
 * The values a list argument names: a literal list, or the string literals of an expression
 * (`${setunion(["a", "b"], data.x.y)}` names a and b, plus whatever is live).
 */
export function listedValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').flatMap((v) => (v.includes('${') ? literalsIn(v) : [v]));
  return typeof value === 'string' ? literalsIn(value) : [];
}

function literalsIn(expression: string): string[] {
  return [...expression.matchAll(/"([^"$]*)"/g)].map((m) => m[1]);
}

/** Trusted services the organization enables (aws_service_access_principals). */
export function trustedServices(stacks: readonly StackView[]): Set<string> | undefined {
  const org = organizationOf(stacks);
  return org ? new Set(listedValues(org.resource.body.aws_service_access_principals)) : undefined;
}

/** Policy types the organization enables (enabled_policy_types). */
export function enabledPolicyTypes(stacks: readonly StackView[]): Set<string> | undefined {
  const org = organizationOf(stacks);
  return org ? new Set(listedValues(org.resource.body.enabled_policy_types)) : undefined;
}

/**
 * A stable key for the account an id argument names: the literal 12-digit id, or the account
 * name inside a reference to its account shard stack's resource (`aws_organizations_account.account_<name>.id`
 * in the same stack, `...accountaccount_<name>id`, the name of the cross-stack output, when read
 * through any `accounts-*` shard's remote state).
 */
export function accountKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{12}$/.test(value)) return value;
  const m = /aws_organizations_account\.account_([A-Za-z0-9-]+)\.id|aws_organizations_accountaccount_([A-Za-z0-9-]+)id/.exec(value);
  if (m) return `account:${m[1] ?? m[2]}`;
  const arn = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(value);
  return arn ? arn[1] : value;
}

/** Stands for the management account when no provider names its id. */
export const MANAGEMENT_ACCOUNT_KEY = 'management';

/** The account key of a provider: its assumed role's account, else its allowed account, else the management account. */
export function providerAccountKey(p: ProviderBlock | undefined): string {
  if (p?.assumeRoleArn) {
    const m = /^arn:aws[a-z-]*:iam::(.+):role\//.exec(p.assumeRoleArn);
    return (m ? accountKey(m[1]) : undefined) ?? p.assumeRoleArn;
  }
  return accountKey(p?.allowedAccountIds?.[0]) ?? MANAGEMENT_ACCOUNT_KEY;
}

/** A string argument as written, or the empty string. */
export function text(r: TerraformResourceJson, key: string): string {
  return str(r.body, key) ?? '';
}

/** Every key of the same account: its id and its name form, when the model knows both. */
export function keysOf(key: string | undefined, lz: LandingZone | undefined): string[] {
  if (!key) return [];
  for (const a of lz?.accounts.values() ?? []) {
    if (key === a.id || key === `account:${a.name}`) return [...new Set([key, `account:${a.name}`, ...(a.id ? [a.id] : [])])];
  }
  return [key];
}

/** Whether two account keys name the same account (an adopted account may be named by id or by reference). */
export function sameAccount(a: string | undefined, b: string | undefined, lz: LandingZone | undefined): boolean {
  return a !== undefined && b !== undefined && keysOf(a, lz).includes(b);
}
