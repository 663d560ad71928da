/** The identity area of the snapshot: IAM Identity Center in its administrator account (all or nothing). */

export interface LivePermissionSet {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly sessionDuration?: string;
  readonly relayState?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly { readonly name: string; readonly path: string }[];
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn?: string; readonly customerManagedPolicy?: { readonly name: string; readonly path: string } };
  /** Accounts the permission set is provisioned to (ListAccountsForProvisionedPermissionSet). */
  readonly provisionedAccounts: readonly string[];
}

export interface LiveAccountAssignment {
  readonly accountId: string;
  readonly permissionSetArn: string;
  readonly principalType: 'GROUP' | 'USER' | string;
  readonly principalId: string;
}

export interface LiveIdentity {
  readonly accountId: string;
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  readonly users: readonly { readonly id: string; readonly name: string }[];
  readonly permissionSets: readonly LivePermissionSet[];
  readonly assignments: readonly LiveAccountAssignment[];
}
