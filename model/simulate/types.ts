/** The simulator's public shapes: a request against the declaration, and the decision with its reasons. */

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A policy document given to the simulator by the caller (identity policies, boundaries). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: unknown;
}

export interface SimulationRequest {
  /** Account name or 12-digit id (the account whose principal calls, and whose resource is reached). */
  readonly account: string;
  /** One concrete action, `service:Action`. */
  readonly action: string;
  /** @default the organization's home region */
  readonly region?: string;
  /**
   * Role ARN, assumed-role ARN, user ARN, `arn:aws:iam::ID:root`, a service principal
   * (`cloudtrail.amazonaws.com`) or a short role name in the account.
   * @default an ordinary role in the account (`lzkit-simulated-role`), neither deployment nor break-glass
   */
  readonly principal?: string;
  /** @default `*`: a resource that no resource-scoped statement names */
  readonly resource?: string;
  /** Tags of the calling principal: `{ team: 'data' }` puts `aws:PrincipalTag/team` in the request context. */
  readonly principalTags?: Readonly<Record<string, string>>;
  /**
   * An unauthenticated caller (an unsigned request, e.g. to a public bucket): no SCP applies, the
   * resource's policy is assumed to allow it, and the RCPs of the resource's account decide.
   */
  readonly anonymous?: boolean;
  /** Extra or overriding context keys (`aws:SecureTransport`, `aws:SourceAccount`, ...). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The principal's identity policies. @default one policy allowing everything, so that only the
   * guardrails (SCPs, RCPs) decide
   */
  readonly identityPolicies?: readonly NamedPolicy[];
  /** Permission boundaries of the principal. @default none */
  readonly permissionBoundaries?: readonly NamedPolicy[];
}

/** A statement that decided the request, or (implicit deny) a level where nothing allowed it. */
export interface Reason {
  /** `Root`, an OU path (`Workloads/Prod`), `account:NAME`, or `identity` / `permissions-boundary`. */
  readonly level: string;
  /** Guardrail id, `FullAWSAccess`, `RCPFullAWSAccess`, or the identity policy name; empty for an implicit deny. */
  readonly policy: string;
  /** Sid, or `#N` (1-based position in the policy) for a statement without one; empty for an implicit deny. */
  readonly statement: string;
  readonly type: 'SCP' | 'RCP' | 'identity' | 'permissions-boundary' | 'resource-policy';
  readonly effect: 'Allow' | 'Deny' | 'ImplicitDeny';
}

export interface SimulationResult {
  readonly decision: Decision;
  /** Account name. */
  readonly account: string;
  readonly accountId: string;
  readonly action: string;
  readonly region: string;
  /** The principal ARN (or service principal, or `anonymous`) the request was evaluated for. */
  readonly principal: string;
  readonly resource: string;
  /** Deny: every matching Deny statement; implicit deny: the levels with no Allow; Allowed: the Allows that granted it. */
  readonly reasons: readonly Reason[];
  /** What lzkit modelled around the library (management account, service-linked role, ...). */
  readonly notes: readonly string[];
}

export type SimulationErrorCode = 'UNKNOWN_ACCOUNT' | 'UNKNOWN_ACTION' | 'MALFORMED_ARN' | 'MALFORMED_CONTEXT' | 'UNKNOWN_REGION' | 'ACTION_LIST_INVALID';

/** A request the simulator cannot evaluate: bad input, never a deny. */
export class SimulationError extends Error {
  constructor(readonly code: SimulationErrorCode, message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}
