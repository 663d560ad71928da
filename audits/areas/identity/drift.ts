import { desiredForAudit, fileLocation, type AreaCheck } from '../../drift/context';
import { categories, findingsOf, type Finding } from '../../drift/finding';
import { normalizePolicy } from '../../drift/normalize';
import type { LiveIdentity } from './snapshot';

export const IDENTITY_CATEGORIES = categories([
  { id: 'permission-set-missing', severity: 'high', title: 'Permission set missing', description: 'A declared permission set does not exist in IAM Identity Center.' },
  { id: 'permission-set-modified', severity: 'high', title: 'Permission set modified', description: 'A permission set differs from its declaration: policies, boundary, session duration, description or relay state.' },
  { id: 'permission-set-unmanaged', severity: 'medium', title: 'Unmanaged permission set', description: 'A permission set exists that the declaration does not know: nobody reviews what it grants.' },
  { id: 'assignment-missing', severity: 'medium', title: 'Assignment missing', description: 'A declared account assignment does not exist: the principal cannot reach the account.' },
  { id: 'assignment-unexpected', severity: 'high', title: 'Unexpected assignment', description: 'A principal holds a managed permission set in an account the declaration does not give it.' },
]);
const finding = findingsOf(IDENTITY_CATEGORIES);

const FILE = 'accounts/identity.yaml';
const parse = (t: string | undefined): unknown => { try { return t ? JSON.parse(t) : undefined; } catch { return t; } };
const norm = (t: string | undefined): string | undefined => (t === undefined ? undefined : normalizePolicy(parse(t)));

/** Permission sets and assignments against what the identity stack deploys (desired/identity.ts). */
export const identity: AreaCheck<string, LiveIdentity> = (ctx) => {
  const decl = ctx.lz.identity;
  const desired = desiredForAudit(ctx).identity;
  if (!decl || !desired) return [];
  const live = ctx.live;
  const out: Finding[] = [];
  const byName = new Map(live.permissionSets.map((p) => [p.name, p]));
  for (const want of desired.permissionSets) {
    const source = want.source;
    const have = byName.get(want.name);
    if (!have) {
      out.push(finding({
        category: 'permission-set-missing', resource: { type: 'permission-set', id: want.name, name: want.name }, expected: want.name, actual: null,
        message: `permission set ${want.name} does not exist in ${live.instanceArn}`, remediation: 'redeploy the identity stack (cdktf deploy identity)', location: source,
      }));
      continue;
    }
    const diffs: Record<string, { expected: unknown; actual: unknown }> = {};
    const cmp = (k: string, e: unknown, a: unknown): void => { if (JSON.stringify(e ?? null) !== JSON.stringify(a ?? null)) diffs[k] = { expected: e ?? null, actual: a ?? null }; };
    cmp('description', want.description, have.description);
    cmp('sessionDuration', want.sessionDuration, have.sessionDuration);
    cmp('relayState', want.relayState, have.relayState);
    cmp('managedPolicies', want.managedPolicies, [...have.managedPolicies].sort());
    cmp('customerManagedPolicies', want.customerManagedPolicies, have.customerManagedPolicies);
    cmp('inlinePolicy', norm(want.inlinePolicy), norm(have.inlinePolicy));
    cmp('permissionsBoundary', want.permissionsBoundary, have.permissionsBoundary);
    if (Object.keys(diffs).length) {
      out.push(finding({
        category: 'permission-set-modified', resource: { type: 'permission-set', id: have.arn, name: have.name },
        expected: Object.fromEntries(Object.entries(diffs).map(([k, v]) => [k, v.expected])), actual: Object.fromEntries(Object.entries(diffs).map(([k, v]) => [k, v.actual])),
        message: `permission set ${have.name} differs from its declaration: ${Object.keys(diffs).join(', ')}`,
        remediation: 'redeploy the identity stack (cdktf deploy identity), or copy the live change into accounts/identity.yaml if it is wanted', location: source,
      }));
    }
  }
  for (const ps of live.permissionSets) {
    if (decl.permissionSets.has(ps.name)) continue;
    out.push(finding({
      category: 'permission-set-unmanaged', resource: { type: 'permission-set', id: ps.arn, name: ps.name }, expected: null, actual: ps.name,
      message: `permission set ${ps.name} (${ps.arn}) is not declared`, remediation: `declare it in ${FILE} or delete it (after removing its assignments)`, location: fileLocation(FILE),
    }));
  }

  // Assignments: (principal type, principal id, permission set arn, account id).
  const principalId = (type: string, name: string): string | undefined =>
    (type === 'GROUP' ? live.groups : live.users).find((p) => p.name === name)?.id;
  const principalName = (type: string, id: string): string =>
    (type === 'GROUP' ? live.groups : live.users).find((p) => p.id === id)?.name ?? id;
  const psName = new Map(live.permissionSets.map((p) => [p.arn, p.name]));
  const accountName = (id: string): string => ctx.match.declaredAccounts.get(id)?.name ?? id;
  const key = (t: string, p: string, ps: string, a: string): string => `${t}|${p}|${ps}|${a}`;
  const liveKeys = new Set(live.assignments.map((a) => key(a.principalType, a.principalId, a.permissionSetArn, a.accountId)));
  const expectedKeys = new Set<string>();
  const sourceOf = (principal: string, ps: string) => decl.assignments.find((a) => a.principal.name === principal && a.permissionSet === ps)?.source ?? decl.source;
  for (const a of desired.assignments) {
    const accountId = ctx.match.accounts.get(a.account)?.id;
    const ps = byName.get(a.permissionSet);
    if (!accountId || !ps) continue; // account-missing / permission-set-missing say it already
    const pid = principalId(a.principal.type, a.principal.name);
    const k = pid ? key(a.principal.type, pid, ps.arn, accountId) : undefined;
    if (k) expectedKeys.add(k);
    if (k && liveKeys.has(k)) continue;
    out.push(finding({
      category: 'assignment-missing', resource: { type: 'account-assignment', id: `${a.principal.name}/${a.permissionSet}/${accountId}`, name: `${a.principal.name} -> ${a.permissionSet} in ${a.account}` },
      expected: { principal: a.principal, permissionSet: a.permissionSet, account: a.account }, actual: pid ? null : `${a.principal.type.toLowerCase()} ${a.principal.name} not in the identity store`,
      message: `${a.principal.type.toLowerCase()} ${a.principal.name} has no ${a.permissionSet} assignment in ${a.account} (${accountId})${pid ? '' : ': the principal is not in the identity store'}`,
      remediation: 'redeploy the identity stack (cdktf deploy identity)', location: sourceOf(a.principal.name, a.permissionSet),
    }));
  }
  for (const a of live.assignments) {
    const name = psName.get(a.permissionSetArn);
    if (!name || !decl.permissionSets.has(name)) continue; // unmanaged permission sets are reported as such
    if (!ctx.snapshot.accounts.some((x) => x.id === a.accountId)) continue; // the account left: its own finding says it
    if (expectedKeys.has(key(a.principalType, a.principalId, a.permissionSetArn, a.accountId))) continue;
    const who = principalName(a.principalType, a.principalId);
    out.push(finding({
      category: 'assignment-unexpected', resource: { type: 'account-assignment', id: `${who}/${name}/${a.accountId}`, name: `${who} -> ${name} in ${accountName(a.accountId)}` },
      expected: null, actual: { principal: { type: a.principalType, name: who }, permissionSet: name, account: accountName(a.accountId) },
      message: `${a.principalType.toLowerCase()} ${who} holds ${name} in ${accountName(a.accountId)} (${a.accountId}), which the declaration does not grant`,
      remediation: `aws sso-admin delete-account-assignment --instance-arn ${live.instanceArn} --target-id ${a.accountId} --target-type AWS_ACCOUNT --permission-set-arn ${a.permissionSetArn} --principal-type ${a.principalType} --principal-id ${a.principalId}, or declare it in ${FILE}`,
      location: decl.permissionSets.get(name)!.source,
    }));
  }
  return out;
};
