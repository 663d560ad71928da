import type { LandingZone } from '../model';
import type { SourceLocation } from '../model/types';
import type { Decision } from '../model/simulate';

/**
 * The shapes of `lzkit diff`: two loaded sides of a declaration in, one DiffReport out. The core
 * (diff/index.ts) is pure; reading a side from a folder or a git revision, validating and
 * synthesizing it is diff/sides.ts, and rendering is diff/format/.
 */

/** Where one side came from: a git revision of the repository holding the declaration, or a folder. */
export type SideOrigin =
  | { readonly kind: 'git'; readonly ref: string; readonly commit: string; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string };

/** One synthesized stack's Terraform JSON (cdk.tf.json), the part the resource diff reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly import?: readonly { readonly id: string; readonly to: string }[];
}

export type TerraformBlock = Readonly<Record<string, unknown>>;

/** One side of the comparison, loaded and validated. */
export interface DiffSide {
  readonly origin: SideOrigin;
  readonly lz: LandingZone;
  /** The side's matrix action list (its policies/matrix-actions.yaml, else lzkit's). */
  readonly matrixActions: readonly string[];
  /** lockout.criticalActions of the side's guardrails.yaml, wildcards expanded. */
  readonly criticalActions: readonly string[];
  /** Synthesized Terraform per stack name; without it the resource section is left out. */
  readonly stacks?: ReadonlyMap<string, TerraformJson>;
  /** Prefix that turns a declaration-relative path into a repository-relative one (`infra/lz/` or ''). */
  readonly pathPrefix: string;
  /** Where statement `index` (0-based) of a policy file stands, when the side can say. */
  readonly locateStatement?: (policyFile: string, index: number) => SourceLocation | undefined;
}

/** One (account, action, region) whose guardrail decision moves. */
export interface DecisionChange {
  readonly account: string;
  readonly action: string;
  readonly region: string;
  readonly before: Decision;
  readonly after: Decision;
  /** What moved it, in words: `region-deny detached from Sandbox`. */
  readonly cause: string;
  /** The declaration lines behind the cause (head side, or the base side for what was removed). */
  readonly locations: readonly SourceLocation[];
}

export type OrganizationChangeKind =
  | 'account-created' | 'account-adopted' | 'account-removed' | 'account-moved' | 'account-renamed'
  | 'ou-created' | 'ou-removed' | 'ou-moved' | 'ou-renamed'
  | 'policy-type-enabled' | 'policy-type-disabled' | 'trusted-service-enabled' | 'trusted-service-disabled';

export interface OrganizationChange {
  readonly kind: OrganizationChangeKind;
  /** Account name, OU path, policy type or service principal (the head side's name where both exist). */
  readonly subject: string;
  readonly before?: string;
  readonly after?: string;
  /** What it means, in words (for a removed account: what Terraform would do to it). */
  readonly detail: string;
  /** Removals of accounts are loud. */
  readonly severity: 'error' | 'warning' | 'note';
  readonly location: SourceLocation;
}

export type AccessChangeKind = 'permission-set-created' | 'permission-set-removed' | 'permission-set-changed' | 'assignment-added' | 'assignment-removed';

export interface AccessChange {
  readonly kind: AccessChangeKind;
  readonly permissionSet: string;
  /** `GROUP AWS-Developers` / `USER jane`; assignments only. */
  readonly principal?: string;
  /** Accounts that gain or lose the assignment, after expanding OU targets; assignments only. */
  readonly accounts?: readonly string[];
  /** Changed fields of a permission set. */
  readonly fields?: readonly string[];
  readonly location: SourceLocation;
}

export type NetworkChangeKind = 'reachability' | 'cidr-changed' | 'spoke-added' | 'spoke-removed' | 'spoke-segment-changed';

export interface NetworkChange {
  readonly kind: NetworkChangeKind;
  /** `spoke:prod-web`, `egress`, `ipam-pool:prod`, `transit-gateway`; reachability: the first account. */
  readonly subject: string;
  /** Reachability only: the other account. */
  readonly peer?: string;
  readonly before?: string;
  readonly after?: string;
  readonly location: SourceLocation;
}

export type ResourceAction = 'create' | 'import' | 'update' | 'replace' | 'destroy' | 'move';

export interface ResourceChange {
  readonly stack: string;
  /** Terraform address `TYPE.NAME` within the stack. */
  readonly address: string;
  readonly action: ResourceAction;
  /** The stack a moved resource leaves (move only: `removed` there, import in `stack`). */
  readonly from?: string;
  /** Arguments that force the replacement (replace only). */
  readonly forcedBy?: readonly string[];
  /**
   * lifecycle.prevent_destroy on a replaced (head side) or destroyed (base side) resource, or a
   * moved account the new stack cannot import (no declared id).
   */
  readonly protected?: boolean;
  /** The declaration line behind a protected resource, where lzkit can tell (accounts). */
  readonly location?: SourceLocation;
}

export interface DiffSummary {
  readonly changed: boolean;
  /** Some decision went from denied to Allowed. */
  readonly widened: boolean;
  readonly decisionsChanged: number;
  readonly decisionsWidened: number;
  readonly decisionsNarrowed: number;
  readonly organization: number;
  readonly access: number;
  readonly network: number;
  readonly resources: Readonly<Record<ResourceAction, number>>;
  /** Changes that must not be applied as they are (protected resources replaced or destroyed). */
  readonly errors: readonly string[];
  /** What the decision diff evaluated: actions x regions, and the policy chains that could change. */
  readonly evaluated: { readonly actions: number; readonly regions: number; readonly chains: number; readonly evaluations: number };
}

export interface DiffReport {
  readonly schemaVersion: 1;
  readonly base: SideOrigin;
  readonly head: SideOrigin;
  readonly summary: DiffSummary;
  readonly decisions: readonly DecisionChange[];
  readonly organization: readonly OrganizationChange[];
  readonly access: readonly AccessChange[];
  readonly network: readonly NetworkChange[];
  /** Absent when a side was not synthesized. */
  readonly resources: readonly ResourceChange[];
}

/** A location on one side, made repository-relative. */
export function sideLocation(side: DiffSide, at: SourceLocation): SourceLocation {
  return { file: `${side.pathPrefix}${at.file}`, line: at.line, column: at.column };
}
