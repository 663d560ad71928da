/*
 * SPDX-License-Identifier: AGPL-3.0-or-later
 *
 * This file is the ONLY place in lzkit that links @cloud-copilot/iam-simulate and
 * @cloud-copilot/iam-policy, both licensed AGPL-3.0-or-later. Because lzkit links them, lzkit as a
 * whole is distributed under AGPL-3.0-or-later (see docs/simulate.md). Keep every other module on
 * the plain types below so that the engine can be swapped without touching callers.
 */
import * as path from 'path';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import type { RequestAnalysis } from '@cloud-copilot/iam-simulate';

type StatementAnalysis = NonNullable<RequestAnalysis['identityAnalysis']>['denyStatements'][number];

/**
 * The library's synchronous core. Its public `runSimulation` is asynchronous and re-validates and
 * re-parses every policy on every call; lzkit validates policies once at load time and evaluates
 * thousands of requests against the same parsed chain, so it drives the core engine directly.
 * The package exports only its entry point, hence the path next to it.
 */
const base = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require(path.join(base, 'core_engine', 'CoreSimulatorEngine.js')) as { authorize(r: unknown): RequestAnalysis };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AwsRequestImpl } = require(path.join(base, 'request', 'request.js')) as { AwsRequestImpl: new (p: EngineInput['principal'], r: { resource: string; accountId: string }, a: string, c: unknown, wildcardOnly?: boolean) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RequestContextImpl } = require(path.join(base, 'requestContext.js')) as { RequestContextImpl: new (v: Record<string, string | string[]>) => unknown };

/**
 * iam-policy compares condition operators with `localeCompare(..., { sensitivity: 'accent' })`,
 * which builds a collator per call and was 70% of an evaluation's time. The operators are a few
 * dozen strings, so the comparisons are memoized (same function, same results). The library calls
 * these helpers through its exports object, so replacing them there reaches every caller.
 */
const policyUtils = require(path.join(path.dirname(require.resolve('@cloud-copilot/iam-policy')), 'utils.js')) as Record<string, (a: string, b: string) => boolean>; // eslint-disable-line @typescript-eslint/no-require-imports
for (const name of ['caseInsensitiveEquals', 'caseInsensitiveEndsWith']) {
  const original = policyUtils[name];
  if (typeof original !== 'function' || (original as { memoized?: boolean }).memoized) continue;
  const memo = new Map<string, boolean>();
  const fast = (a: string, b: string): boolean => {
    const key = `${a}\u0000${b}`;
    let r = memo.get(key);
    if (r === undefined) {
      r = original(a, b);
      if (memo.size < 10_000) memo.set(key, r);
    }
    return r;
  };
  policyUtils[name] = Object.assign(fast, { memoized: true });
}

/** One statement as its own one-statement policy, with a quick test of whether it names an action. */
interface PreparedStatement {
  readonly parsed: unknown;
  /** False only when the statement certainly does not apply to the action (Action / NotAction). */
  readonly mayApply: (action: string) => boolean;
}

/** A policy document parsed once for the engine; opaque to callers. */
export interface PreparedPolicy {
  readonly name: string;
  readonly statements: readonly PreparedStatement[];
  /** action (lower case) -> the statements that may apply to it */
  readonly byAction: Map<string, readonly unknown[]>;
}

/** Separates the policy name from the statement's 1-based position in engine-side names. */
const POSITION = '\u0000';

/**
 * Each statement becomes a one-statement policy named `id<NUL>position`, so that per action only the
 * statements naming it reach the engine: the engine re-checks every kept statement, lzkit only
 * drops those whose Action (or NotAction) list certainly excludes the action. Most guardrail
 * statements name a handful of actions, so this cuts an evaluation to the few that matter.
 */
export function preparePolicy(name: string, document: unknown): PreparedPolicy {
  const doc = document as { Version?: string; Statement?: unknown };
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const statements = list.map((st, i) => ({
    parsed: loadPolicy({ Version: doc.Version ?? '2012-10-17', Statement: [st] } as Parameters<typeof loadPolicy>[0], { name: `${name}${POSITION}${i + 1}` }),
    mayApply: actionTest(st as { Action?: unknown; NotAction?: unknown }),
  }));
  return { name, statements, byAction: new Map() };
}

function statementsFor(p: PreparedPolicy, action: string): readonly unknown[] {
  const key = action.toLowerCase();
  let list = p.byAction.get(key);
  if (!list) {
    list = p.statements.filter((s) => s.mayApply(key)).map((s) => s.parsed);
    if (p.byAction.size < 5_000) p.byAction.set(key, list);
  }
  return list;
}

const patternCache = new Map<string, RegExp>();
function actionPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const glob = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${glob}$`);
    patternCache.set(pattern, re);
  }
  return re;
}

function actionTest(st: { Action?: unknown; NotAction?: unknown }): (action: string) => boolean {
  const list = (v: unknown): string[] | undefined => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
  const actions = list(st.Action);
  const notActions = list(st.NotAction);
  if (actions) return (a) => actions.some((p) => actionPattern(p).test(a));
  if (notActions) return (a) => !notActions.some((p) => actionPattern(p).test(a));
  return () => true;
}

/** One level of the organization tree with the control policies attached directly to it. */
export interface EngineLevel {
  readonly level: string;
  readonly policies: readonly PreparedPolicy[];
}

export interface EngineInput {
  /** An ARN or service principal, or the library's marker of an unsigned (anonymous) request. */
  readonly principal: string | { readonly type: 'Anonymous' };
  readonly action: string;
  readonly resource: string;
  readonly resourceAccountId: string;
  readonly context: Readonly<Record<string, string | string[]>>;
  readonly identityPolicies: readonly PreparedPolicy[];
  readonly permissionBoundaries?: readonly PreparedPolicy[];
  /** A resource policy is evaluated whole (principal matching depends on every statement). */
  readonly resourcePolicy?: { readonly name: string; readonly document: unknown };
  /** Root first, the account last. Empty: no SCP applies. */
  readonly scpLevels: readonly EngineLevel[];
  /** Root first, the account last. Empty: no RCP applies. */
  readonly rcpLevels: readonly EngineLevel[];
}

export type EngineDecision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
export type EngineLayer = 'SCP' | 'RCP' | 'identity' | 'permissions-boundary' | 'resource-policy';

/** A statement that decided the request, or a level where nothing allowed it. */
export interface EngineStatement {
  readonly layer: EngineLayer;
  readonly level: string;
  readonly policy: string;
  /** Sid, or `#N` (1-based position in the policy) for a statement without one; empty for an implicit deny. */
  readonly statement: string;
  readonly effect: 'Allow' | 'Deny' | 'ImplicitDeny';
}

export interface EngineResult {
  readonly decision: EngineDecision;
  readonly denies: readonly EngineStatement[];
  readonly allows: readonly EngineStatement[];
  /** Levels (or layers) where no statement allowed the request. */
  readonly gaps: readonly EngineStatement[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DiscoveryContextKeyConstraints } = require(path.join(base, 'context_keys', 'discoveryContextKeyConstraints.js')) as { DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown };
/** Strict mode: the request is evaluated exactly as given, as AWS would. */
const SIMULATION_PARAMETERS = { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) };

/** Evaluates one request against prepared policies; pure and synchronous. */
export function evaluate(input: EngineInput): EngineResult {
  const request = new AwsRequestImpl(input.principal, { resource: input.resource, accountId: input.resourceAccountId }, input.action,
    new RequestContextImpl({ ...input.context }), input.resource === '*');
  const relevant = (ps: readonly PreparedPolicy[]) => ps.flatMap((p) => statementsFor(p, input.action));
  const toLevels = (levels: readonly EngineLevel[]) => levels.map((l) => ({ orgIdentifier: l.level, policies: relevant(l.policies) }));
  const analysis = core.authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: relevant(input.identityPolicies),
    serviceControlPolicies: toLevels(input.scpLevels),
    resourceControlPolicies: toLevels(input.rcpLevels),
    resourcePolicy: input.resourcePolicy ? loadPolicy(input.resourcePolicy.document as Parameters<typeof loadPolicy>[0], { name: input.resourcePolicy.name }) : undefined,
    // Boundaries stay whole: a boundary with no statement for the action must still deny it.
    permissionBoundaries: input.permissionBoundaries?.length ? input.permissionBoundaries.flatMap((p) => p.statements.map((x) => x.parsed)) : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: SIMULATION_PARAMETERS,
    serviceSettings: { s3: {} },
  });

  const denies: EngineStatement[] = [];
  const allows: EngineStatement[] = [];
  const gaps: EngineStatement[] = [];
  const stmt = (layer: EngineLayer, level: string, s: StatementAnalysis, effect: 'Allow' | 'Deny'): EngineStatement => {
    const [policy, position] = s.policyId.split(POSITION);
    return { layer, level, policy, statement: s.statement.sid() ?? `#${position ?? s.statement.index()}`, effect };
  };
  const control = (layer: 'SCP' | 'RCP', a: RequestAnalysis['scpAnalysis']) => {
    for (const ou of a?.ouAnalysis ?? []) {
      for (const s of ou.denyStatements) denies.push(stmt(layer, ou.orgIdentifier, s, 'Deny'));
      for (const s of ou.allowStatements) allows.push(stmt(layer, ou.orgIdentifier, s, 'Allow'));
      if (ou.allowStatements.length === 0 && ou.denyStatements.length === 0) gaps.push({ layer, level: ou.orgIdentifier, policy: '', statement: '', effect: 'ImplicitDeny' });
    }
  };
  const principalSide = (layer: EngineLayer, a: RequestAnalysis['identityAnalysis']) => {
    if (!a) return;
    for (const s of a.denyStatements) denies.push(stmt(layer, layer, s, 'Deny'));
    for (const s of a.allowStatements) allows.push(stmt(layer, layer, s, 'Allow'));
  };
  control('SCP', analysis.scpAnalysis);
  control('RCP', analysis.rcpAnalysis);
  principalSide('identity', analysis.identityAnalysis);
  principalSide('permissions-boundary', analysis.permissionBoundaryAnalysis);
  principalSide('resource-policy', analysis.resourceAnalysis as RequestAnalysis['identityAnalysis']);
  if (analysis.identityAnalysis?.result === 'ImplicitlyDenied') gaps.push({ layer: 'identity', level: 'identity', policy: '', statement: '', effect: 'ImplicitDeny' });
  if (analysis.permissionBoundaryAnalysis?.result === 'ImplicitlyDenied') {
    gaps.push({ layer: 'permissions-boundary', level: 'permissions-boundary', policy: '', statement: '', effect: 'ImplicitDeny' });
  }
  return { decision: analysis.result, denies, allows, gaps };
}
