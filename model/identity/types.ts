import type { PolicyDocument, SourceLocation, Targets } from '../types';

/** Folder (under the declaration folder) holding permission-set policy documents. */
export const PERMISSION_SET_POLICY_FOLDER = 'policies/permission-sets';

/** An identity store group, by display name: looked up (from the IdP) or created by lzkit. */
export interface IdentityGroup {
  readonly name: string;
  readonly description?: string;
  /** true: lzkit creates the group; false: it already exists and is looked up by display name. */
  readonly create: boolean;
  readonly source: SourceLocation;
}

/** A policy document read from policies/permission-sets/. */
export interface PermissionSetPolicyFile {
  /** Path relative to the declaration folder (`policies/permission-sets/developer.json`). */
  readonly file: string;
  readonly document: PolicyDocument;
  /** Minified JSON: what is deployed and what the size quota counts. */
  readonly content: string;
}

/** A customer managed policy that must exist, by name and path, in each assigned account. */
export interface CustomerManagedPolicyRef {
  readonly name: string;
  /** IAM path; `/` unless declared. */
  readonly path: string;
  /** The policy's document when the declaration names one (used by lint and simulation only). */
  readonly document?: PermissionSetPolicyFile;
}

export type PermissionsBoundary =
  | { readonly kind: 'aws-managed'; readonly arn: string }
  | { readonly kind: 'customer-managed'; readonly policy: CustomerManagedPolicyRef };

export interface PermissionSet {
  readonly name: string;
  readonly description?: string;
  /** ISO-8601 duration as declared (normalized), e.g. `PT8H`. */
  readonly sessionDuration: string;
  readonly sessionSeconds: number;
  /** Full ARNs (`arn:aws:iam::aws:policy/ReadOnlyAccess`). */
  readonly awsManagedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly CustomerManagedPolicyRef[];
  readonly inlinePolicy?: PermissionSetPolicyFile;
  readonly permissionsBoundary?: PermissionsBoundary;
  readonly relayState?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

export type Principal = { readonly type: 'GROUP' | 'USER'; readonly name: string };

/** One declared assignment: a principal gets a permission set in the accounts its targets reach. */
export interface Assignment {
  readonly principal: Principal;
  readonly permissionSet: string;
  readonly targets: Targets;
  readonly allowManagementAccount: boolean;
  /** Account names after expansion (OU targets reach child OUs), management account removed unless allowed. */
  readonly accounts: readonly string[];
  readonly source: SourceLocation;
}

/** One (principal, permission set, account): what becomes one aws_ssoadmin_account_assignment. */
export interface AccountAssignment {
  readonly principal: Principal;
  readonly permissionSet: string;
  readonly account: string;
}

export interface IdentityDeclaration {
  readonly source: SourceLocation;
  /** Account (name) that administers Identity Center: the management account or its delegated admin. */
  readonly administrator: string;
  readonly groups: ReadonlyMap<string, IdentityGroup>;
  /** User names referenced by assignments (looked up in the identity store). */
  readonly users: readonly string[];
  readonly permissionSets: ReadonlyMap<string, PermissionSet>;
  readonly assignments: readonly Assignment[];
}
