import { createHash } from 'crypto';
import type { LandingZone } from '../landing-zone';
import { placeholderAccountId } from '../late-bound';
import { simulate, type Decision, type NamedPolicy, type SimulationRequest, type SimulationResult } from '../simulate';
import { accountAssignments } from './index';
import type { PermissionSet } from './types';

/** A policy of the permission set that the simulation could not read, so did not evaluate. */
export interface NotEvaluatedPolicy {
  readonly kind: 'aws-managed' | 'customer-managed' | 'permissions-boundary';
  /** ARN (AWS managed) or `path + name` (customer managed). */
  readonly policy: string;
  readonly why: string;
}

/** The documents of a permission set that lzkit can evaluate offline, and the ones it cannot. */
export interface PermissionSetPolicies {
  /** Inline policy and customer managed policies whose document the declaration names. */
  readonly identityPolicies: readonly NamedPolicy[];
  readonly permissionBoundaries: readonly NamedPolicy[];
  readonly notEvaluated: readonly NotEvaluatedPolicy[];
}

/**
 * `Inconclusive`: the evaluated policies allow the request, but a policy that was not evaluated
 * could still deny it (an AWS managed policy, a boundary, a customer managed policy without a
 * document). lzkit never reports `Allowed` on part of the evidence.
 */
export type PermissionSetDecision = Decision | 'Inconclusive';

export interface PermissionSetSimulationResult extends Omit<SimulationResult, 'decision'> {
  readonly decision: PermissionSetDecision;
  readonly permissionSet: string;
  /** The decision of the evaluated policies alone. */
  readonly knownDecision: Decision;
  /** False when a not-evaluated policy could change the decision. */
  readonly conclusive: boolean;
  readonly notEvaluated: readonly NotEvaluatedPolicy[];
  /** Whether the declaration assigns the permission set in this account at all. */
  readonly assigned: boolean;
}

export interface PermissionSetRequest extends Omit<SimulationRequest, 'identityPolicies' | 'permissionBoundaries'> {
  readonly permissionSet: string;
}

const AWS_MANAGED_WHY = 'AWS managed policy: its document is not available offline';

/** The evaluable documents of permission set `name`, and what cannot be evaluated. */
export function permissionSetPolicies(lz: LandingZone, name: string): PermissionSetPolicies {
  const ps = findPermissionSet(lz, name);
  const identityPolicies: NamedPolicy[] = [];
  const permissionBoundaries: NamedPolicy[] = [];
  const notEvaluated: NotEvaluatedPolicy[] = [];
  if (ps.inlinePolicy) identityPolicies.push({ name: `${ps.name}/inline (${ps.inlinePolicy.file})`, document: ps.inlinePolicy.document });
  for (const ref of ps.customerManagedPolicies) {
    const label = `${ref.path}${ref.name}`;
    if (ref.document) identityPolicies.push({ name: `${ps.name}/customer-managed ${label} (${ref.document.file})`, document: ref.document.document });
    else notEvaluated.push({ kind: 'customer-managed', policy: label, why: `no 'document' declared for it in accounts/identity.yaml` });
  }
  for (const arn of ps.awsManagedPolicies) notEvaluated.push({ kind: 'aws-managed', policy: arn, why: AWS_MANAGED_WHY });
  const b = ps.permissionsBoundary;
  if (b?.kind === 'aws-managed') notEvaluated.push({ kind: 'permissions-boundary', policy: b.arn, why: AWS_MANAGED_WHY });
  if (b?.kind === 'customer-managed') {
    const label = `${b.policy.path}${b.policy.name}`;
    if (b.policy.document) permissionBoundaries.push({ name: `${ps.name}/boundary ${label} (${b.policy.document.file})`, document: b.policy.document.document });
    else notEvaluated.push({ kind: 'permissions-boundary', policy: label, why: `no 'document' declared for it in accounts/identity.yaml` });
  }
  return { identityPolicies, permissionBoundaries, notEvaluated };
}

/**
 * What a person signed in with permission set `permissionSet` may do in `account`: the set's
 * evaluable policies together with the account's SCP/RCP chain. Policies that cannot be read
 * offline are listed in `notEvaluated` and never assumed to allow.
 */
export function simulatePermissionSet(lz: LandingZone, request: PermissionSetRequest): PermissionSetSimulationResult {
  const ps = findPermissionSet(lz, request.permissionSet);
  const { permissionSet, ...rest } = request;
  const policies = permissionSetPolicies(lz, permissionSet);
  const accountName = resolveAccountName(lz, request.account);
  // An empty list (not undefined, whose default allows all): with no evaluable identity policy
  // nothing grants the request, and the guardrail chain still shows any explicit deny.
  const identityPolicies = policies.identityPolicies;
  const result = simulate(lz, {
    ...rest,
    principal: request.principal ?? (accountName ? permissionSetRoleArn(lz, ps, accountName) : undefined),
    identityPolicies,
    permissionBoundaries: policies.permissionBoundaries,
  });
  const known = result.decision;
  const conclusive = policies.notEvaluated.length === 0 || known === 'ExplicitlyDenied';
  const decision: PermissionSetDecision = !conclusive && known === 'Allowed' ? 'Inconclusive' : known;
  const assigned = !!accountName && lz.identity !== undefined
    && accountAssignments(lz.identity).some((a) => a.permissionSet === ps.name && a.account === accountName);
  const notes = [...result.notes];
  if (!conclusive) {
    notes.push(`not evaluated: ${policies.notEvaluated.map((n) => n.policy).join(', ')}; the decision covers only the evaluated policies and the guardrails`);
  }
  if (!assigned) notes.push(`permission set '${ps.name}' is not assigned in account '${accountName ?? request.account}'; nobody reaches it there through this set`);
  return { ...result, decision, knownDecision: known, conclusive, notEvaluated: policies.notEvaluated, assigned, permissionSet: ps.name, notes };
}

/** A request names a permission set the declaration does not have: bad input, never a deny. */
export class UnknownPermissionSetError extends Error {
  readonly code = 'UNKNOWN_PERMISSION_SET';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownPermissionSetError';
  }
}

function findPermissionSet(lz: LandingZone, name: string): PermissionSet {
  const ps = lz.identity?.permissionSets.get(name);
  if (!ps && !lz.identity) {
    throw new UnknownPermissionSetError(`permission set '${name}' cannot be evaluated: the declaration has no accounts/identity.yaml; declare the permission sets there (docs/identity.md)`);
  }
  if (!ps) {
    const known = [...(lz.identity?.permissionSets.keys() ?? [])];
    throw new UnknownPermissionSetError(`permission set '${name}' is not declared in accounts/identity.yaml${known.length ? ` (declared: ${known.join(', ')})` : ''}`);
  }
  return ps;
}

function resolveAccountName(lz: LandingZone, account: string): string | undefined {
  if (lz.accounts.has(account)) return account;
  return [...lz.accounts.values()].find((a) => a.id === account)?.name;
}

/**
 * The role Identity Center provisions for a permission set: `AWSReservedSSO_<name>_<hash>` under
 * the path `/aws-reserved/sso.amazonaws.com/`. The hash is AWS's; a stable stand-in keeps ARN
 * patterns in guardrails (which match on `AWSReservedSSO_<name>_*`) meaningful.
 */
export function permissionSetRoleArn(lz: LandingZone, ps: PermissionSet, accountName: string): string {
  const a = lz.accounts.get(accountName);
  const id = a?.id ?? placeholderAccountId(accountName);
  const hash = createHash('sha256').update(ps.name).digest('hex').slice(0, 16);
  return `arn:aws:iam::${id}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${ps.name}_${hash}`;
}
