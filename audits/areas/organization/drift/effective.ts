import { effectivePolicy } from '../../../../model/effective';
import { resolveLateBound } from '../../../../model/late-bound';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../../../model/policy-types';
import type { DriftCheck } from '../../../drift/context';
import { lateBoundFromLive } from '../../../drift/desired';
import { finding } from '../categories';

/** A JSON value with object keys in order, for comparing documents whatever their key order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]));
  return v;
}

const parse = (text: string): unknown => {
  try { return JSON.parse(text); } catch { return text; }
};

/**
 * Each effective management policy the audit read (one account per distinct chain of
 * attachments) against the one the declaration gives that account, merged offline as AWS
 * documents it (model/effective): https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html
 */
export const effectivePolicies: DriftCheck = (ctx) => {
  const live = ctx.snapshot.effectivePolicies;
  if (!live) return [];
  const resolve = lateBoundFromLive(ctx.liveIds);
  const typeOf = new Map(POLICY_TYPE_NAMES.map((t) => [POLICY_TYPES[t].organizationsType, t]));
  return ctx.each(live, (e) => {
    const account = ctx.match.declaredAccounts.get(e.accountId);
    const type = typeOf.get(e.type);
    if (!account || !type) return [];
    const want = effectivePolicy(ctx.lz, account.name, type);
    const expected = want.content ? parse(resolveLateBound(JSON.stringify(want.content), resolve)) : null;
    const actual = e.content === null ? null : parse(e.content);
    if (JSON.stringify(canonical(expected)) === JSON.stringify(canonical(actual))) return [];
    return [finding({
      category: 'effective-policy-differs', resource: { type: 'account', id: e.accountId, name: account.name }, about: e.type, expected, actual,
      message: `the effective ${e.type} of ${account.name} (${e.accountId}) differs from what ${want.policies.length ? want.policies.map((p) => p.policy).join(', ') : 'the declaration (no policy of the type)'} give${want.policies.length === 1 ? 's' : ''} it`,
      remediation: `compare lzkit effective --account ${account.name} --type ${type} with aws organizations describe-effective-policy --policy-type ${e.type} --target-id ${e.accountId}: detach what the declaration does not attach, or declare it`,
      location: account.source,
    })];
  });
};
