import { compared, locates, unchecked, type Coverage } from '../../drift/coverage-entry';

/** What the audit does with each property of IAM Identity Center (drift/coverage.ts joins every area's). */
export const COVERAGE: readonly Coverage[] = [
  // identity
  locates('identity.administrator'),
  locates('identity.groups'),
  locates('identity.users'),
  locates('identity.permissionSets[].name'),
  compared('identity.permissionSets[].description'),
  compared('identity.permissionSets[].sessionDuration'),
  compared('identity.permissionSets[].relayState'),
  compared('identity.permissionSets[].managedPolicies'),
  compared('identity.permissionSets[].customerManagedPolicies'),
  compared('identity.permissionSets[].inlinePolicy'),
  compared('identity.permissionSets[].permissionsBoundary'),
  unchecked('identity.permissionSets[].tags', 'ListTagsForResource is not called for permission sets'),
  unchecked('identity.customerManagedPolicies', 'the policies in member accounts are not read'),
  compared('identity.assignments[]'),
];
