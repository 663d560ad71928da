import type { LandingZone } from '../landing-zone';
import { CHILD_CONTROL, VALUE_OPERATORS, type ValueOperator } from '../management-lint';
import { suggest } from '../organization';
import { POLICY_TYPES } from '../policy-types';
import { ouChain } from '../targets';
import type { Account, GuardrailAttachment, PolicyType } from '../types';

/**
 * The effective management policy of an account, computed offline as AWS documents it: the
 * policies attached to the root, each OU down to the account, and the account itself, merged in
 * that order with the inheritance operators. The result is what DescribeEffectivePolicy returns:
 * the settings with their values, no operators.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html
 */

/** One value the effective policy holds, and the policy that set it last. */
export interface EffectiveSetting {
  /** Setting names from the top (`['plans', 'lzkit-daily', 'regions']`). */
  readonly path: readonly string[];
  readonly value: unknown;
  readonly policy: string;
  /** `Root`, an OU path, or `account:NAME`. */
  readonly level: string;
  readonly operator: ValueOperator;
}

/** A setting of a policy that did not take effect, and why. */
export interface IgnoredSetting {
  readonly path: readonly string[];
  readonly policy: string;
  readonly level: string;
  readonly operator: ValueOperator;
  readonly reason: string;
}

export interface EffectivePolicy {
  readonly account: string;
  readonly type: PolicyType;
  /** Organizations' name of the type (`BACKUP_POLICY`). */
  readonly organizationsType: string;
  /** The policies merged, in order. */
  readonly policies: readonly { readonly level: string; readonly policy: string }[];
  /** The effective document; undefined when no policy of the type reaches the account. */
  readonly content?: Readonly<Record<string, unknown>>;
  readonly settings: readonly EffectiveSetting[];
  readonly ignored: readonly IgnoredSetting[];
}

/** The account or type cannot have an effective policy; `code` is stable. */
export class EffectivePolicyError extends Error {
  constructor(readonly code: 'UNKNOWN_ACCOUNT' | 'NO_EFFECTIVE_POLICY', message: string) {
    super(message);
    this.name = 'EffectivePolicyError';
  }
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const key = (path: readonly string[]) => JSON.stringify(path);

export function effectivePolicy(lz: LandingZone, accountName: string, type: PolicyType): EffectivePolicy {
  const account = lz.accounts.get(accountName);
  if (!account) throw new EffectivePolicyError('UNKNOWN_ACCOUNT', `account '${accountName}' is not declared in accounts/accounts.yaml${suggest(accountName, [...lz.accounts.keys()])}`);
  const info = POLICY_TYPES[type];
  if (info.kind !== 'management') {
    throw new EffectivePolicyError('NO_EFFECTIVE_POLICY', `${info.label}s have no effective policy (AWS evaluates each level on its own); ask lzkit simulate how a request is decided`);
  }
  const values = new Map<string, EffectiveSetting>();
  const ignored: IgnoredSetting[] = [];
  const merged: { level: string; policy: string }[] = [];
  // path -> the value-setting operators policies below may still use there
  let allowed = new Map<string, ReadonlySet<string>>();

  for (const { level, attachments } of levelsOf(lz, account)) {
    const restrictions = new Map(allowed);
    for (const a of attachments) {
      const g = lz.guardrails.policies.get(a.policyId);
      if (!g || g.type !== type) continue;
      merged.push({ level, policy: g.id });
      const apply = (node: Json, path: string[]): void => {
        if (!isObject(node)) return;
        const control = node[CHILD_CONTROL];
        if (Array.isArray(control)) restrict(restrictions, path, control as string[]);
        const operators = VALUE_OPERATORS.filter((op) => op in node);
        for (const op of operators) {
          const refused = refusedBy(allowed, path, op);
          if (refused) {
            ignored.push({ path, policy: g.id, level, operator: op, reason: `${refused} above allows only ${[...allowed.get(key(refused.path))!].join(', ') || 'no operator'} at '${refused.path.join('.') || 'the top'}'` });
            continue;
          }
          const result = setting(values.get(key(path))?.value, op, node[op]);
          if (typeof result === 'string') {
            ignored.push({ path, policy: g.id, level, operator: op, reason: result });
            continue;
          }
          values.set(key(path), { path, value: result.value, policy: g.id, level, operator: op });
        }
        if (operators.length === 0) for (const [k, v] of Object.entries(node)) if (!k.startsWith('@@')) apply(v, [...path, k]);
      };
      apply(g.document, []);
    }
    // Child control operators bind the levels below, not the policies beside them.
    allowed = restrictions;
  }
  const settings = [...values.values()];
  const content = merged.length ? contentOf(settings) : undefined;
  return Object.freeze({ account: account.name, type, organizationsType: info.organizationsType, policies: merged, content, settings, ignored });
}

/** Root, each OU down to the account's, then the account: with the attachments placed at each. */
function levelsOf(lz: LandingZone, account: Account): { level: string; attachments: GuardrailAttachment[] }[] {
  const at = (test: (a: GuardrailAttachment) => boolean) => lz.guardrails.attachments.filter(test);
  return [
    ...ouChain(lz, account).map((ou) => ({ level: ou.path, attachments: at((a) => a.ous.includes(ou.path)) })),
    { level: `account:${account.name}`, attachments: at((a) => a.accounts.includes(account.name)) },
  ];
}

/** Narrows what the levels below may do at `path` (and below it): an inherited limit is never widened. */
function restrict(restrictions: Map<string, ReadonlySet<string>>, path: string[], listed: string[]): void {
  const ops = listed.includes('@@all') ? new Set<string>(VALUE_OPERATORS) : new Set(listed.filter((o) => (VALUE_OPERATORS as readonly string[]).includes(o)));
  const prior = restrictions.get(key(path));
  restrictions.set(key(path), prior ? new Set([...ops].filter((o) => prior.has(o))) : ops);
}

/** The nearest limit, at `path` or above it, that refuses `op`. */
function refusedBy(allowed: ReadonlyMap<string, ReadonlySet<string>>, path: string[], op: string): { path: string[] } | undefined {
  for (let i = path.length; i >= 0; i--) {
    const ops = allowed.get(key(path.slice(0, i)));
    if (ops && !ops.has(op)) return { path: path.slice(0, i) };
  }
  return undefined;
}

/** The value after `op`, or why the operator does not apply. */
function setting(inherited: unknown, op: ValueOperator, given: unknown): { value: unknown } | string {
  if (op === '@@assign') return { value: Array.isArray(given) ? [...given] : given };
  if (!Array.isArray(given)) return `${op} needs a list`;
  if (inherited !== undefined && !Array.isArray(inherited)) return `${op} works on lists; the inherited value is a single value`;
  const before = (inherited as unknown[] | undefined) ?? [];
  if (op === '@@append') return { value: [...before, ...given.filter((x) => !before.includes(x))] };
  return { value: before.filter((x) => !given.includes(x)) };
}

/** The nested document of the settings (paths below a set value are dropped: the value replaced them). */
function contentOf(settings: EffectiveSetting[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of settings) {
    let node: Record<string, unknown> = out;
    let ok = true;
    for (const k of s.path.slice(0, -1)) {
      if (node[k] === undefined) node[k] = {};
      if (!isObject(node[k])) { ok = false; break; }
      node = node[k] as Record<string, unknown>;
    }
    if (ok && s.path.length > 0) node[s.path[s.path.length - 1]] = s.value;
  }
  return out;
}
